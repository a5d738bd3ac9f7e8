import { createTransport } from 'nodemailer';
import {
  AlertDeliveryError,
  DriftwatchError,
  systemClock,
  type AlertDeliveryResult,
  type AlertRecord,
  type AlertSink,
  type Clock,
} from '@driftwatch/core';
import {
  assertNonEmptyString,
  assertNonNegativeNumber,
  assertPositiveInteger,
  assertPositiveNumber,
} from './internal/assert-config.js';
import { createDeliveryTracker } from './internal/delivery-tracker.js';
import { describeError } from './internal/describe-error.js';
import { failedResult } from './internal/failed-result.js';
import { evidenceFields, topBinLines } from './internal/format-evidence.js';
import { raceWithAbort } from './internal/race-with-abort.js';

/**
 * The part of a mail transport the email sink calls: a nodemailer `Transporter` fits, and so does
 * any object with a compatible `sendMail` (a test double, another mail library behind an adapter).
 *
 * @example
 * ```ts
 * import type { EmailTransport } from '@driftwatch/adapters';
 * const outbox: EmailTransport = {
 *   async sendMail(message) {
 *     console.log(message.subject);
 *     return { accepted: message.to, rejected: [] };
 *   },
 * };
 * ```
 */
export interface EmailTransport {
  sendMail(message: EmailMessage): Promise<EmailSendInfo>;
}

/**
 * One message the email sink hands to its transport.
 *
 * @example
 * ```ts
 * import type { EmailMessage } from '@driftwatch/adapters';
 * const message: EmailMessage = { from: 'a@example.com', to: ['b@example.com'], subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' };
 * ```
 */
export interface EmailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Aborts on timeout or shutdown. nodemailer's SMTP transports honour it. */
  signal?: AbortSignal;
}

/**
 * What a transport reports about a sent message; every field is optional. A recipient listed in
 * `rejected` makes the delivery fail.
 *
 * @example
 * ```ts
 * import type { EmailSendInfo } from '@driftwatch/adapters';
 * const info: EmailSendInfo = { accepted: ['oncall@example.com'], rejected: [] };
 * ```
 */
export interface EmailSendInfo {
  accepted?: ReadonlyArray<string | { address: string }>;
  rejected?: ReadonlyArray<string | { address: string }>;
  /** nodemailer's per-recipient errors, with the SMTP reply code. */
  rejectedErrors?: ReadonlyArray<{ message: string; responseCode?: number | undefined }>;
}

/**
 * Where to reach an SMTP server when the sink creates its own nodemailer transport.
 *
 * @example
 * ```ts
 * import type { SmtpConnectionOptions } from '@driftwatch/adapters';
 * const smtp: SmtpConnectionOptions = {
 *   host: 'smtp.example.com',
 *   auth: { user: 'alerts', pass: process.env.SMTP_PASSWORD ?? '' },
 * };
 * ```
 */
export interface SmtpConnectionOptions {
  host: string;
  /**
   * @default 465 when `secure`, else 587 (nodemailer's rule)
   */
  port?: number;
  /**
   * `true` for implicit TLS (usually port 465); `false` starts in plain text and upgrades with
   * STARTTLS when the server offers it.
   * @default false
   */
  secure?: boolean;
  /**
   * Credentials, from the environment or a secret store. Never logged.
   * @default undefined (no authentication)
   */
  auth?: { user: string; pass: string };
  /**
   * Never upgrade with STARTTLS, even when offered. Only for local test servers.
   * @default false
   */
  ignoreTLS?: boolean;
  /**
   * Fail rather than send in plain text when the server does not offer STARTTLS.
   * @default false
   */
  requireTLS?: boolean;
}

/**
 * Config for {@link createEmailAlertSink}. Give exactly one of `transport` and `smtp`.
 *
 * @example
 * ```ts
 * import nodemailer from 'nodemailer';
 * import type { EmailAlertSinkConfig } from '@driftwatch/adapters';
 * const config: EmailAlertSinkConfig = {
 *   transport: nodemailer.createTransport({ host: 'smtp.example.com', port: 587 }),
 *   from: 'alerts@example.com',
 *   to: 'ml-oncall@example.com',
 *   subjectPrefix: '[churn-model]',
 * };
 * ```
 */
export interface EmailAlertSinkConfig {
  /**
   * A transport you created, such as `nodemailer.createTransport(...)`. The sink does not close
   * it on shutdown: you may share it with the rest of your application.
   * @default undefined (give `smtp` instead)
   */
  transport?: EmailTransport;
  /**
   * Settings for a nodemailer SMTP transport the sink creates, and closes on shutdown.
   * @default undefined (give `transport` instead)
   */
  smtp?: SmtpConnectionOptions;
  /** The sender, `alerts@example.com` or `"Driftwatch" <alerts@example.com>`. */
  from: string;
  /** One recipient or several. */
  to: string | readonly string[];
  /**
   * Put in front of every subject, so that mail filters can route alerts.
   * @default '[Driftwatch]'
   */
  subjectPrefix?: string;
  /**
   * Limit for one delivery. Also the connection, greeting and socket timeouts of a transport
   * created from `smtp`.
   * @default 30_000
   */
  timeoutMillis?: number;
  /**
   * Most bins listed under "Top moved bins".
   * @default 5
   */
  maxTopBins?: number;
  /**
   * How long `shutdown()` waits for deliveries in flight before aborting them.
   * @default 5_000
   */
  shutdownTimeoutMillis?: number;
  /**
   * The sink's name in delivery results.
   * @default 'email'
   */
  name?: string;
  /**
   * Runs the delivery and shutdown timeouts.
   * @default systemClock
   */
  clock?: Clock;
}

interface ResolvedEmailAlertSinkConfig {
  readonly transport: EmailTransport;
  /** Set when the sink created the transport, and so owns closing it. */
  readonly closeTransport: (() => void) | undefined;
  readonly from: string;
  readonly to: readonly string[];
  readonly subjectPrefix: string;
  readonly timeoutMillis: number;
  readonly maxTopBins: number;
  readonly shutdownTimeoutMillis: number;
  readonly name: string;
  readonly clock: Clock;
}

// Errors that carry no SMTP reply and that no retry can fix: bad settings or a refused login.
const permanentErrorCodes: ReadonlySet<string> = new Set([
  'ECONFIG',
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'EENVELOPE',
  'EMESSAGE',
  'EMAXRECIPIENTS',
  'EREQUIRETLS',
  'EFILEACCESS',
  'EURLACCESS',
  'EOTP',
]);

/**
 * Creates an {@link AlertSink} that emails each alert through nodemailer: the subject carries the
 * severity and title (`[Driftwatch] CRITICAL: PSI drift on tenure`, or `RESOLVED (CRITICAL): …`),
 * the text and HTML bodies carry the message and the evidence (HTML-escaped).
 *
 * Each alert gets one attempt: SMTP servers queue and retry on their own. A failure is a result
 * with the SMTP reply code in `statusCode`; 4xx replies and lost connections are `retryable`,
 * 5xx replies and refused logins are not. A recipient the server refuses makes the delivery fail
 * even when others accepted it. `send` never rejects; after `shutdown()` it returns
 * `{ ok: false, error: 'shut down' }`.
 *
 * @example
 * ```ts
 * import { createEmailAlertSink } from '@driftwatch/adapters';
 * const sink = createEmailAlertSink({
 *   smtp: { host: 'smtp.example.com', port: 587, auth: { user: 'alerts', pass: process.env.SMTP_PASSWORD ?? '' } },
 *   from: 'Driftwatch <alerts@example.com>',
 *   to: ['ml-oncall@example.com'],
 * });
 * ```
 */
export function createEmailAlertSink(config: EmailAlertSinkConfig): AlertSink {
  const resolved = resolveEmailAlertSinkConfig(config);
  const tracker = createDeliveryTracker(resolved);

  return {
    name: resolved.name,
    send(alert: AlertRecord): Promise<AlertDeliveryResult> {
      return tracker.run((shutdownSignal) => deliverEmail(resolved, alert, shutdownSignal));
    },
    shutdown: () => tracker.shutdown(resolved.closeTransport),
  };
}

/** The one place the email sink's defaults are applied. */
function resolveEmailAlertSinkConfig(config: EmailAlertSinkConfig): ResolvedEmailAlertSinkConfig {
  const label = 'createEmailAlertSink';
  if ((config.transport === undefined) === (config.smtp === undefined)) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `${label}: give exactly one of transport and smtp.` });
  }
  assertNonEmptyString(label, 'from', config.from);
  const to = typeof config.to === 'string' ? [config.to] : [...(config.to ?? [])];
  if (to.length === 0) throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `${label}: to needs a recipient.` });
  for (const recipient of to) assertNonEmptyString(label, 'to', recipient);
  const timeoutMillis = config.timeoutMillis ?? 30_000;
  assertPositiveNumber(label, 'timeoutMillis', timeoutMillis);

  let transport: EmailTransport;
  let closeTransport: (() => void) | undefined;
  if (config.transport !== undefined) {
    transport = config.transport;
  } else {
    const smtp = config.smtp as SmtpConnectionOptions;
    assertNonEmptyString(label, 'smtp.host', smtp.host);
    const created = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure ?? false,
      auth: smtp.auth,
      ignoreTLS: smtp.ignoreTLS ?? false,
      requireTLS: smtp.requireTLS ?? false,
      connectionTimeout: timeoutMillis,
      greetingTimeout: timeoutMillis,
      socketTimeout: timeoutMillis,
    });
    transport = created;
    closeTransport = () => created.close();
  }

  const resolved: ResolvedEmailAlertSinkConfig = {
    transport,
    closeTransport,
    from: config.from,
    to: Object.freeze(to),
    subjectPrefix: config.subjectPrefix ?? '[Driftwatch]',
    timeoutMillis,
    maxTopBins: config.maxTopBins ?? 5,
    shutdownTimeoutMillis: config.shutdownTimeoutMillis ?? 5_000,
    name: config.name ?? 'email',
    clock: config.clock ?? systemClock,
  };
  assertPositiveInteger(label, 'maxTopBins', resolved.maxTopBins);
  assertNonNegativeNumber(label, 'shutdownTimeoutMillis', resolved.shutdownTimeoutMillis);
  assertNonEmptyString(label, 'name', resolved.name);
  return Object.freeze(resolved);
}

async function deliverEmail(
  resolved: ResolvedEmailAlertSinkConfig,
  alert: AlertRecord,
  shutdownSignal: AbortSignal,
): Promise<AlertDeliveryResult> {
  const message: EmailMessage = {
    from: resolved.from,
    to: [...resolved.to],
    subject: emailSubject(alert, resolved.subjectPrefix),
    text: emailText(alert, resolved.maxTopBins),
    html: emailHtml(alert, resolved.maxTopBins),
  };
  const controller = new AbortController();
  let timedOut = false;
  const onShutdown = () => controller.abort();
  shutdownSignal.addEventListener('abort', onShutdown, { once: true });
  const timer = resolved.clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, resolved.timeoutMillis);
  message.signal = controller.signal;

  try {
    // Raced as well as passed on: a transport that ignores the signal must not hold shutdown.
    const outcome = await raceWithAbort(Promise.resolve().then(() => resolved.transport.sendMail(message)), controller.signal);
    if (outcome.aborted) return failedResult(abortError(resolved, timedOut), 1);
    return resultFromSendInfo(resolved, outcome.value, message.to.length);
  } catch (cause) {
    if (controller.signal.aborted) return failedResult(abortError(resolved, timedOut, cause), 1);
    return failedResult(smtpError(resolved.name, cause), 1);
  } finally {
    timer.cancel();
    shutdownSignal.removeEventListener('abort', onShutdown);
  }
}

function resultFromSendInfo(
  resolved: ResolvedEmailAlertSinkConfig,
  info: EmailSendInfo | undefined,
  recipientCount: number,
): AlertDeliveryResult {
  const rejected = info?.rejected ?? [];
  if (rejected.length === 0) return { ok: true, attempts: 1 };
  const firstError = info?.rejectedErrors?.[0];
  // Some recipients have the alert already; retrying would send it to them twice.
  const error = new AlertDeliveryError({
    message: `${rejected.length} of ${recipientCount} recipients rejected${firstError === undefined ? '' : `: ${firstError.message}`}`,
    sink: resolved.name,
    statusCode: firstError?.responseCode,
    retryable: false,
  });
  return failedResult(error, 1);
}

function abortError(resolved: ResolvedEmailAlertSinkConfig, timedOut: boolean, cause?: unknown): AlertDeliveryError {
  return new AlertDeliveryError({
    message: timedOut ? `timed out after ${resolved.timeoutMillis} ms` : 'shut down before delivery completed',
    sink: resolved.name,
    retryable: true,
    cause,
  });
}

/** Classifies a nodemailer error (or any thrown value) by its SMTP reply code and error code. */
function smtpError(sinkName: string, cause: unknown): AlertDeliveryError {
  const details = (typeof cause === 'object' && cause !== null ? cause : {}) as {
    code?: unknown;
    responseCode?: unknown;
    permanent?: unknown;
  };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  let retryable: boolean;
  if (typeof details.permanent === 'boolean') {
    retryable = !details.permanent;
  } else if (responseCode !== undefined) {
    // RFC 5321: 4yz is transient, 5yz permanent; 503 only means the session was in a bad state.
    retryable = responseCode < 500 || responseCode === 503;
  } else {
    retryable = !(typeof details.code === 'string' && permanentErrorCodes.has(details.code));
  }
  return new AlertDeliveryError({ message: describeError(cause), sink: sinkName, statusCode: responseCode, retryable, cause });
}

function emailSubject(alert: AlertRecord, subjectPrefix: string): string {
  const state = alert.status === 'resolved' ? `RESOLVED (${alert.severity})` : alert.severity;
  const subject = `${subjectPrefix} ${state}: ${alert.title}`.trim();
  // A line break in a title must not start a new header.
  return subject.replace(/[\r\n]+/g, ' ');
}

function emailText(alert: AlertRecord, maxTopBins: number): string {
  const lines = [
    alert.status === 'resolved'
      ? `Resolved: the ${alert.severity} alert for model ${alert.modelName} ${alert.modelVersion} has cleared.`
      : `${alert.severity} alert firing for model ${alert.modelName} ${alert.modelVersion}.`,
    '',
    alert.message,
    '',
    'Evidence',
    ...evidenceFields(alert.evidence).map((field) => `  ${field.label}: ${field.value}`),
  ];
  const bins = topBinLines(alert.evidence, maxTopBins);
  if (bins.length > 0) lines.push('', 'Top moved bins', ...bins.map((line) => `  ${line}`));
  lines.push(
    '',
    `Dedupe key: ${alert.dedupeKey}`,
    `Alert id: ${alert.id}`,
    `Created at: ${alert.createdAt.toISOString()}`,
    '',
  );
  return lines.join('\n');
}

function emailHtml(alert: AlertRecord, maxTopBins: number): string {
  const heading =
    alert.status === 'resolved' ? `Resolved (${alert.severity}): ${alert.title}` : `${alert.severity}: ${alert.title}`;
  const rows = evidenceFields(alert.evidence)
    .map(
      (field) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(field.label)}</th><td>${escapeHtml(field.value)}</td></tr>`,
    )
    .join('');
  const bins = topBinLines(alert.evidence, maxTopBins);
  const binList =
    bins.length === 0
      ? ''
      : `<h3>Top moved bins</h3><ul>${bins.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
  return [
    '<!doctype html>',
    '<html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(heading)}</h2>`,
    `<p>Model <strong>${escapeHtml(alert.modelName)}</strong> version <strong>${escapeHtml(alert.modelVersion)}</strong></p>`,
    `<p>${escapeHtml(alert.message).replace(/\r?\n/g, '<br>')}</p>`,
    `<h3>Evidence</h3><table>${rows}</table>`,
    binList,
    `<p style="color:#666">Dedupe key <code>${escapeHtml(alert.dedupeKey)}</code> · alert ${escapeHtml(alert.id)} · ${escapeHtml(alert.createdAt.toISOString())}</p>`,
    '</body></html>',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
