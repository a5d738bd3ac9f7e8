import type { AlertDeliveryResult, AlertRecord, AlertSeverity, AlertSink } from '@driftwatch/core';
import type { HttpAlertSinkOptions } from './http-alert-sink-options.js';
import { assertHttpUrl, assertNonEmptyString, assertPositiveInteger } from './internal/assert-config.js';
import { createDeliveryTracker } from './internal/delivery-tracker.js';
import { evidenceFields, topBinLines } from './internal/format-evidence.js';
import { postWithRetries } from './internal/post-with-retries.js';
import {
  resolveHttpAlertSinkOptions,
  type ResolvedHttpAlertSinkOptions,
} from './internal/resolve-http-alert-sink-options.js';

/**
 * Config for {@link createSlackAlertSink}.
 *
 * @example
 * ```ts
 * import type { SlackAlertSinkConfig } from '@driftwatch/adapters';
 * const config: SlackAlertSinkConfig = { webhookUrl: process.env.SLACK_WEBHOOK_URL ?? '', maxTopBins: 3 };
 * ```
 */
export interface SlackAlertSinkConfig extends HttpAlertSinkOptions {
  /**
   * The incoming-webhook URL Slack gave you (`https://hooks.slack.com/services/…`). It is a
   * secret: keep it in the environment or a secret store; the sink never logs it.
   */
  webhookUrl: string;
  /**
   * Most bins listed under "Top moved bins".
   * @default 5
   */
  maxTopBins?: number;
  /**
   * The sink's name in delivery results.
   * @default 'slack'
   */
  name?: string;
}

/** A Slack Block Kit message as the sink sends it: fallback text plus blocks. */
interface SlackAlertMessage {
  text: string;
  blocks: SlackBlock[];
}

/** The Block Kit blocks the sink uses. */
type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'section'; text: SlackMarkdownText }
  | { type: 'section'; fields: SlackMarkdownText[] }
  | { type: 'context'; elements: SlackMarkdownText[] };

/** A `mrkdwn` text object. */
interface SlackMarkdownText {
  type: 'mrkdwn';
  text: string;
}

interface ResolvedSlackAlertSinkConfig {
  readonly webhookUrl: string;
  readonly maxTopBins: number;
  readonly name: string;
  readonly http: ResolvedHttpAlertSinkOptions;
}

// Slack's Block Kit limits; longer text makes Slack refuse the whole message with `invalid_blocks`.
const maxHeaderLength = 150;
const maxSectionTextLength = 3_000;
const maxFieldTextLength = 2_000;

const severityEmoji: Readonly<Record<AlertSeverity, string>> = Object.freeze({
  CRITICAL: ':rotating_light:',
  WARNING: ':warning:',
  INFO: ':information_source:',
});

/**
 * Creates an {@link AlertSink} that posts each alert to a Slack incoming webhook as a Block Kit
 * message: a header with a severity emoji and the title, the message, the evidence as fields
 * (test, statistic, threshold, n, p-value), the bins that moved most, and a context line with the
 * model, its version and the dedupe key. A resolved alert gets a ✅ "Resolved" header instead.
 *
 * Timeouts and retries (including Slack's 429 `Retry-After`) follow {@link HttpAlertSinkOptions}.
 * Slack's error text (`invalid_blocks`, `no_service`…) ends up in the result's `error`.
 * `send` never rejects; after `shutdown()` it returns `{ ok: false, error: 'shut down' }`.
 *
 * @example
 * ```ts
 * import { createSlackAlertSink } from '@driftwatch/adapters';
 * const sink = createSlackAlertSink({ webhookUrl: process.env.SLACK_WEBHOOK_URL ?? '' });
 * ```
 */
export function createSlackAlertSink(config: SlackAlertSinkConfig): AlertSink {
  const resolved = resolveSlackAlertSinkConfig(config);
  const tracker = createDeliveryTracker(resolved.http);

  return {
    name: resolved.name,
    send(alert: AlertRecord): Promise<AlertDeliveryResult> {
      return tracker.run(async (shutdownSignal) => {
        const body = JSON.stringify(slackAlertMessage(alert, resolved.maxTopBins));
        return postWithRetries({
          sinkName: resolved.name,
          url: resolved.webhookUrl,
          body,
          headersForAttempt: () => new Headers({ 'content-type': 'application/json' }),
          options: resolved.http,
          shutdownSignal,
        });
      });
    },
    shutdown: () => tracker.shutdown(),
  };
}

/** The one place the Slack sink's defaults are applied. */
function resolveSlackAlertSinkConfig(config: SlackAlertSinkConfig): ResolvedSlackAlertSinkConfig {
  const label = 'createSlackAlertSink';
  assertHttpUrl(label, 'webhookUrl', config.webhookUrl);
  const resolved: ResolvedSlackAlertSinkConfig = {
    webhookUrl: config.webhookUrl,
    maxTopBins: config.maxTopBins ?? 5,
    name: config.name ?? 'slack',
    http: resolveHttpAlertSinkOptions(label, config),
  };
  assertPositiveInteger(label, 'maxTopBins', resolved.maxTopBins);
  assertNonEmptyString(label, 'name', resolved.name);
  return Object.freeze(resolved);
}

function slackAlertMessage(alert: AlertRecord, maxTopBins: number): SlackAlertMessage {
  const resolved = alert.status === 'resolved';
  const headline = resolved
    ? `:white_check_mark: Resolved: ${alert.title}`
    : `${severityEmoji[alert.severity] ?? ''} ${alert.severity}: ${alert.title}`.trim();
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(headline, maxHeaderLength), emoji: true } },
    { type: 'section', text: markdown(truncate(escapeSlackText(alert.message), maxSectionTextLength)) },
    {
      type: 'section',
      fields: evidenceFields(alert.evidence).map((field) =>
        markdown(truncate(`*${field.label}*\n${escapeSlackText(field.value)}`, maxFieldTextLength)),
      ),
    },
  ];
  const bins = topBinLines(alert.evidence, maxTopBins);
  if (bins.length > 0) {
    const list = bins.map((line) => `• ${escapeSlackText(line)}`).join('\n');
    blocks.push({ type: 'section', text: markdown(truncate(`*Top moved bins*\n${list}`, maxSectionTextLength)) });
  }
  blocks.push({
    type: 'context',
    elements: [
      markdown(`Model *${escapeSlackText(alert.modelName)}*`),
      markdown(`Version *${escapeSlackText(alert.modelVersion)}*`),
      markdown(`Dedupe key \`${escapeSlackText(alert.dedupeKey).replaceAll('`', "'")}\``),
    ],
  });
  const fallback = resolved ? `Resolved: ${alert.title}` : `${alert.severity}: ${alert.title}`;
  return { text: escapeSlackText(fallback), blocks };
}

function markdown(text: string): SlackMarkdownText {
  return { type: 'mrkdwn', text };
}

/** Slack reads `<…>` as links and mentions; these three are the escapes it documents. */
function escapeSlackText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
