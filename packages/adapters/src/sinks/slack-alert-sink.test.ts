import { afterEach, describe, expect, it } from 'vitest';
import { startHttpTestServer, type HttpTestServer } from './internal/http-test-server.test-helper.js';
import { sampleAlert } from './internal/sample-alert.test-helper.js';
import { createSlackAlertSink } from './slack-alert-sink.js';

interface ReceivedMessage {
  text: string;
  blocks: Array<{
    type: string;
    text?: { type: string; text: string; emoji?: boolean };
    fields?: Array<{ type: string; text: string }>;
    elements?: Array<{ type: string; text: string }>;
  }>;
}

describe('createSlackAlertSink', () => {
  let server: HttpTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function sendAndReceive(alert = sampleAlert()): Promise<ReceivedMessage> {
    server = await startHttpTestServer((_request, response) => void response.writeHead(200).end('ok'));
    const sink = createSlackAlertSink({ webhookUrl: server.url });
    expect(await sink.send(alert)).toEqual({ ok: true, attempts: 1, statusCode: 200 });
    await sink.shutdown();
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    return JSON.parse(server.requests[0]?.body ?? '') as ReceivedMessage;
  }

  it('posts a Block Kit message: header, message, evidence fields, top bins, context', async () => {
    const message = await sendAndReceive();

    expect(message.text).toBe('CRITICAL: PSI drift on tenure');
    expect(message.blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'section', 'context']);
    const [header, body, evidence, bins, context] = message.blocks;
    expect(header?.text).toEqual({ type: 'plain_text', text: ':rotating_light: CRITICAL: PSI drift on tenure', emoji: true });
    expect(body?.text).toEqual({ type: 'mrkdwn', text: 'PSI of tenure is 0.3127, above the 0.25 threshold.' });
    expect(evidence?.fields).toEqual([
      { type: 'mrkdwn', text: '*Test*\npsi' },
      { type: 'mrkdwn', text: '*Statistic*\n0.3127' },
      { type: 'mrkdwn', text: '*Threshold*\n0.25' },
      { type: 'mrkdwn', text: '*n*\n5000' },
      { type: 'mrkdwn', text: '*p-value*\n1.20e-5' },
    ]);
    expect(bins?.text?.text).toBe(
      '*Top moved bins*\n• [0, 6): 30.0% → 12.0% (-18.0 pp)\n• [60, 72]: 10.0% → 22.0% (+12.0 pp)',
    );
    expect(context?.elements).toEqual([
      { type: 'mrkdwn', text: 'Model *churn*' },
      { type: 'mrkdwn', text: 'Version *v3*' },
      { type: 'mrkdwn', text: 'Dedupe key `churn:tenure:psi`' },
    ]);
  });

  it('uses a severity emoji per level', async () => {
    const warning = await sendAndReceive(sampleAlert({ severity: 'WARNING' }));
    await server?.close();
    const info = await sendAndReceive(sampleAlert({ severity: 'INFO' }));

    expect(warning.blocks[0]?.text?.text).toBe(':warning: WARNING: PSI drift on tenure');
    expect(info.blocks[0]?.text?.text).toBe(':information_source: INFO: PSI drift on tenure');
  });

  it('sends a resolved variant', async () => {
    const message = await sendAndReceive(sampleAlert({ status: 'resolved', message: 'PSI of tenure is back to 0.04.' }));

    expect(message.text).toBe('Resolved: PSI drift on tenure');
    expect(message.blocks[0]?.text?.text).toBe(':white_check_mark: Resolved: PSI drift on tenure');
    expect(message.blocks[1]?.text?.text).toBe('PSI of tenure is back to 0.04.');
  });

  it('leaves out the bins section and the p-value when the evidence has none', async () => {
    const message = await sendAndReceive(
      sampleAlert({ evidence: { test: 'latency-p95', statistic: 812.5, threshold: 500, n: 1200 } }),
    );

    expect(message.blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(message.blocks[2]?.fields?.map((field) => field.text.split('\n')[0])).toEqual([
      '*Test*',
      '*Statistic*',
      '*Threshold*',
      '*n*',
    ]);
  });

  it("escapes Slack's control characters and keeps within Block Kit limits", async () => {
    const message = await sendAndReceive(
      sampleAlert({ title: 'x'.repeat(400), message: 'Ping <!channel> & <@U123> now', dedupeKey: 'a`b' }),
    );

    expect(message.blocks[0]?.text?.text.length).toBeLessThanOrEqual(150);
    expect(message.blocks[1]?.text?.text).toBe('Ping &lt;!channel&gt; &amp; &lt;@U123&gt; now');
    expect(message.blocks.at(-1)?.elements?.[2]?.text).toBe("Dedupe key `a'b`");
  });

  it('retries a 503 through the shared machinery, and reports Slack error text without retrying a 404', async () => {
    server = await startHttpTestServer((request, response, index) => {
      if (request.path.endsWith('/gone')) return void response.writeHead(404).end('no_service');
      response.writeHead(index === 0 ? 503 : 200).end(index === 0 ? 'service_unavailable' : 'ok');
    });
    const delays: number[] = [];
    const sleep = async (delayMillis: number) => void delays.push(delayMillis);
    const sink = createSlackAlertSink({ webhookUrl: server.url, sleep, random: () => 0 });
    const gone = createSlackAlertSink({ webhookUrl: `${server.url}/T000/B000/secret-token/gone`, sleep });

    expect(await sink.send(sampleAlert())).toEqual({ ok: true, attempts: 2, statusCode: 200 });
    expect(delays).toEqual([0]);
    const failed = await gone.send(sampleAlert());
    expect(failed).toEqual({ ok: false, attempts: 1, statusCode: 404, retryable: false, error: 'HTTP 404: no_service' });
    expect(failed.error).not.toContain('secret-token');
    await Promise.all([sink.shutdown(), gone.shutdown()]);
  });

  it('returns "shut down" after shutdown', async () => {
    const sink = createSlackAlertSink({ webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX' });
    await sink.shutdown();
    expect(await sink.send(sampleAlert())).toEqual({ ok: false, attempts: 0, error: 'shut down', retryable: false });
  });

  it('validates the webhook URL without echoing it', () => {
    expect(() => createSlackAlertSink({ webhookUrl: 'hooks.slack.com/services/secret-token' })).toThrow(
      /^createSlackAlertSink: webhookUrl must be an absolute http\(s\) URL\.$/,
    );
  });
});
