import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmailAlertSink, type EmailTransport } from './email-alert-sink.js';
import { parseMimeMessage, type ParsedMimeMessage } from './internal/parse-mime-message.test-helper.js';
import { sampleAlert } from './internal/sample-alert.test-helper.js';

interface ReceivedMail {
  from: string | undefined;
  recipients: string[];
  message: ParsedMimeMessage;
}

interface SmtpTestServer {
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1. STARTTLS is disabled because smtp-server's built-in
 * certificate has expired; nodemailer is told not to try it either (`ignoreTLS`).
 */
async function startSmtpTestServer(options: Partial<SMTPServerOptions> = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? undefined : session.envelope.mailFrom.address,
          recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
          message: parseMimeMessage(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function smtpFor(port: number) {
  return { host: '127.0.0.1', port, secure: false, ignoreTLS: true };
}

function rejectRecipient(responseCode: number, reason: string, address: string): SMTPServerOptions['onRcptTo'] {
  return (recipient, _session, callback) => {
    if (recipient.address !== address) return callback();
    callback(Object.assign(new Error(reason), { responseCode }));
  };
}

describe('createEmailAlertSink', () => {
  let server: SmtpTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends the subject, text and HTML bodies with the evidence to every recipient', async () => {
    server = await startSmtpTestServer();
    const sink = createEmailAlertSink({
      smtp: smtpFor(server.port),
      from: 'alerts@driftwatch.test',
      to: ['oncall@example.test', 'ml-team@example.test'],
    });

    const result = await sink.send(sampleAlert());

    expect(result).toEqual({ ok: true, attempts: 1 });
    const [mail] = server.received;
    expect(mail?.from).toBe('alerts@driftwatch.test');
    expect(mail?.recipients).toEqual(['oncall@example.test', 'ml-team@example.test']);
    expect(mail?.message.headers.get('subject')).toBe('[Driftwatch] CRITICAL: PSI drift on tenure');
    expect(mail?.message.headers.get('to')).toBe('oncall@example.test, ml-team@example.test');
    const text = mail?.message.text ?? '';
    expect(text).toContain('CRITICAL alert firing for model churn v3.');
    expect(text).toContain('PSI of tenure is 0.3127, above the 0.25 threshold.');
    expect(text).toContain('Test: psi');
    expect(text).toContain('Statistic: 0.3127');
    expect(text).toContain('Threshold: 0.25');
    expect(text).toContain('n: 5000');
    expect(text).toContain('p-value: 1.20e-5');
    expect(text).toContain('[0, 6): 30.0% → 12.0% (-18.0 pp)');
    expect(text).toContain('Dedupe key: churn:tenure:psi');
    const html = mail?.message.html ?? '';
    expect(html).toContain('<td>0.3127</td>');
    expect(html).toContain('<li>[60, 72]: 10.0% → 22.0% (+12.0 pp)</li>');
    await sink.shutdown();
  });

  it('escapes HTML and keeps a line break in the title out of the headers', async () => {
    server = await startSmtpTestServer();
    const sink = createEmailAlertSink({ smtp: smtpFor(server.port), from: 'alerts@driftwatch.test', to: 'oncall@example.test' });

    await sink.send(
      sampleAlert({
        title: 'Drift on <script>alert(1)</script>\r\nBcc: victim@example.test',
        message: 'Segment "a & b" moved\nby <b>a lot</b>',
        modelName: "o'reilly",
      }),
    );

    const mail = server.received[0];
    const html = mail?.message.html ?? '';
    expect(html).toContain('Drift on &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Segment &quot;a &amp; b&quot; moved<br>by &lt;b&gt;a lot&lt;/b&gt;');
    expect(html).toContain('o&#39;reilly');
    expect(html).not.toContain('<script>');
    expect(mail?.message.headers.get('subject')).toBe('[Driftwatch] CRITICAL: Drift on <script>alert(1)</script> Bcc: victim@example.test');
    expect(mail?.message.headers.has('bcc')).toBe(false);
    expect(mail?.recipients).toEqual(['oncall@example.test']);
    expect(mail?.message.text).toContain('by <b>a lot</b>');
    await sink.shutdown();
  });

  it('marks a resolved alert in the subject and the bodies, with a custom prefix', async () => {
    server = await startSmtpTestServer();
    const sink = createEmailAlertSink({
      smtp: smtpFor(server.port),
      from: 'alerts@driftwatch.test',
      to: 'oncall@example.test',
      subjectPrefix: '[ml-prod]',
    });

    await sink.send(sampleAlert({ status: 'resolved' }));

    const message = server.received[0]?.message;
    expect(message?.headers.get('subject')).toBe('[ml-prod] RESOLVED (CRITICAL): PSI drift on tenure');
    expect(message?.text).toContain('Resolved: the CRITICAL alert for model churn v3 has cleared.');
    expect(message?.html).toContain('<h2>Resolved (CRITICAL): PSI drift on tenure</h2>');
    await sink.shutdown();
  });

  it('authenticates with smtp.auth', async () => {
    const logins: string[] = [];
    server = await startSmtpTestServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        logins.push(`${auth.username}:${auth.password}`);
        if (auth.username === 'alerts' && auth.password === 'smtp-password') return callback(null, { user: 'alerts' });
        callback(new Error('Invalid username or password'));
      },
    });
    const good = createEmailAlertSink({
      smtp: { ...smtpFor(server.port), auth: { user: 'alerts', pass: 'smtp-password' } },
      from: 'alerts@driftwatch.test',
      to: 'oncall@example.test',
    });
    const bad = createEmailAlertSink({
      smtp: { ...smtpFor(server.port), auth: { user: 'alerts', pass: 'wrong' } },
      from: 'alerts@driftwatch.test',
      to: 'oncall@example.test',
    });

    expect(await good.send(sampleAlert())).toEqual({ ok: true, attempts: 1 });
    const failed = await bad.send(sampleAlert());

    expect(failed).toMatchObject({ ok: false, attempts: 1, statusCode: 535, retryable: false });
    expect(failed.error).not.toContain('wrong');
    expect(server.received).toHaveLength(1);
    await Promise.all([good.shutdown(), bad.shutdown()]);
  });

  it('returns the SMTP status code when the server rejects the only recipient, without throwing', async () => {
    server = await startSmtpTestServer({ onRcptTo: rejectRecipient(550, 'No such user here', 'nobody@example.test') });
    const sink = createEmailAlertSink({ smtp: smtpFor(server.port), from: 'alerts@driftwatch.test', to: 'nobody@example.test' });

    const result = await sink.send(sampleAlert());

    expect(result).toMatchObject({ ok: false, attempts: 1, statusCode: 550, retryable: false });
    expect(result.error).toContain('No such user here');
    expect(server.received).toHaveLength(0);
    await sink.shutdown();
  });

  it('classifies a 4xx recipient rejection as retryable', async () => {
    server = await startSmtpTestServer({ onRcptTo: rejectRecipient(450, 'Mailbox busy', 'busy@example.test') });
    const sink = createEmailAlertSink({ smtp: smtpFor(server.port), from: 'alerts@driftwatch.test', to: 'busy@example.test' });

    expect(await sink.send(sampleAlert())).toMatchObject({ ok: false, attempts: 1, statusCode: 450, retryable: true });
    await sink.shutdown();
  });

  it('fails, without retrying, when only some recipients are rejected', async () => {
    server = await startSmtpTestServer({ onRcptTo: rejectRecipient(550, 'No such user here', 'nobody@example.test') });
    const sink = createEmailAlertSink({
      smtp: smtpFor(server.port),
      from: 'alerts@driftwatch.test',
      to: ['oncall@example.test', 'nobody@example.test'],
    });

    const result = await sink.send(sampleAlert());

    expect(result).toMatchObject({ ok: false, attempts: 1, statusCode: 550, retryable: false });
    expect(result.error).toMatch(/^1 of 2 recipients rejected/);
    expect(server.received[0]?.recipients).toEqual(['oncall@example.test']);
    await sink.shutdown();
  });

  it('reports an unreachable server as a retryable failure', async () => {
    server = await startSmtpTestServer();
    const port = server.port;
    await server.close();
    server = undefined;
    const sink = createEmailAlertSink({ smtp: smtpFor(port), from: 'alerts@driftwatch.test', to: 'oncall@example.test' });

    const result = await sink.send(sampleAlert());

    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: true });
    expect(result.statusCode).toBeUndefined();
    await sink.shutdown();
  });

  it('times out a transport that never answers', async () => {
    const hanging: EmailTransport = { sendMail: () => new Promise(() => {}) };
    const sink = createEmailAlertSink({ transport: hanging, from: 'alerts@driftwatch.test', to: 'oncall@example.test', timeoutMillis: 50 });

    expect(await sink.send(sampleAlert())).toEqual({ ok: false, attempts: 1, retryable: true, error: 'timed out after 50 ms' });
    await sink.shutdown();
  });

  it('uses a nodemailer transport you pass, and leaves it open on shutdown', async () => {
    server = await startSmtpTestServer();
    const transport = createTransport(smtpFor(server.port));
    const sink = createEmailAlertSink({ transport, from: 'alerts@driftwatch.test', to: 'oncall@example.test' });

    expect(await sink.send(sampleAlert())).toEqual({ ok: true, attempts: 1 });
    await sink.shutdown();

    expect(await sink.send(sampleAlert())).toEqual({ ok: false, attempts: 0, error: 'shut down', retryable: false });
    await transport.sendMail({ from: 'app@example.test', to: 'someone@example.test', subject: 'still open', text: 'yes' });
    expect(server.received.map((mail) => mail.message.headers.get('subject'))).toEqual([
      '[Driftwatch] CRITICAL: PSI drift on tenure',
      'still open',
    ]);
    transport.close();
  });

  it('turns a transport that throws synchronously into a failed result', async () => {
    const throwing: EmailTransport = {
      sendMail() {
        throw Object.assign(new Error('Missing credentials for "PLAIN"'), { code: 'EAUTH' });
      },
    };
    const sink = createEmailAlertSink({ transport: throwing, from: 'alerts@driftwatch.test', to: 'oncall@example.test' });

    expect(await sink.send(sampleAlert())).toEqual({
      ok: false,
      attempts: 1,
      retryable: false,
      error: 'Missing credentials for "PLAIN"',
    });
    await sink.shutdown();
  });

  it('waits for a delivery in flight on shutdown, bounded by shutdownTimeoutMillis', async () => {
    let finish: () => void = () => {};
    const slow: EmailTransport = {
      sendMail: () => new Promise((resolve) => (finish = () => resolve({ accepted: ['oncall@example.test'], rejected: [] }))),
    };
    const patient = createEmailAlertSink({ transport: slow, from: 'alerts@driftwatch.test', to: 'oncall@example.test' });
    const delivery = patient.send(sampleAlert());
    let deliveryDone = false;
    void delivery.then(() => (deliveryDone = true));
    const shutdown = patient.shutdown();
    setTimeout(() => finish(), 30);
    await shutdown;
    expect(deliveryDone).toBe(true);
    expect(await delivery).toEqual({ ok: true, attempts: 1 });

    const stuck: EmailTransport = { sendMail: () => new Promise(() => {}) };
    const bounded = createEmailAlertSink({
      transport: stuck,
      from: 'alerts@driftwatch.test',
      to: 'oncall@example.test',
      shutdownTimeoutMillis: 50,
    });
    const stuckDelivery = bounded.send(sampleAlert());
    await bounded.shutdown();
    expect(await stuckDelivery).toMatchObject({ ok: false, error: 'shut down before delivery completed', retryable: true });
  });

  it('requires exactly one of transport and smtp', () => {
    const transport: EmailTransport = { sendMail: async () => ({}) };
    expect(() => createEmailAlertSink({ from: 'a@example.test', to: 'b@example.test' })).toThrow(/exactly one of transport and smtp/);
    expect(() =>
      createEmailAlertSink({ transport, smtp: { host: 'localhost' }, from: 'a@example.test', to: 'b@example.test' }),
    ).toThrow(/exactly one of transport and smtp/);
    expect(() => createEmailAlertSink({ transport, from: 'a@example.test', to: [] })).toThrow(/to needs a recipient/);
  });
});
