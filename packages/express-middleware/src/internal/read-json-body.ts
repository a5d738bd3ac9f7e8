import type { IncomingMessage } from 'node:http';
import type { InvalidBodyReason } from '../metrics/create-driftwatch-metrics.js';

/** A body read and parsed, or why it was refused and with which status. */
export type ReadJsonBodyResult =
  | { ok: true; value: unknown }
  | { ok: false; statusCode: 400 | 413 | 415; reason: InvalidBodyReason; message: string; closeConnection: boolean };

/** `application/json` and any `…+json` type. */
const jsonType = /^application\/(?:[a-z0-9.+-]*\+)?json$/;

/**
 * Reads a JSON request body that no body parser has read (Express without `express.json()`),
 * refusing it early: a wrong content type or charset (415), a declared or actual size above
 * `maxBytes` (413; the connection is closed rather than drained), an empty or unparseable body
 * (400). JSON.parse is iterative in V8, so deep nesting cannot overflow the stack here; depth is
 * checked afterwards.
 */
export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<ReadJsonBodyResult> {
  const contentType = request.headers['content-type'];
  const [mediaType = '', ...parameters] = (contentType ?? '').toLowerCase().split(';');
  if (!jsonType.test(mediaType.trim())) {
    return Promise.resolve(refuse(415, 'unsupported_media_type', 'The body must be application/json.', true));
  }
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=');
    if (name?.trim() === 'charset' && !/^"?utf-?8"?$/.test(value.trim())) {
      return Promise.resolve(refuse(415, 'unsupported_media_type', 'The body must be encoded in UTF-8.', true));
    }
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.resolve(refuse(413, 'too_large', `The body is larger than ${maxBytes} bytes.`, true));
  }
  if (request.readableEnded) return Promise.resolve(refuse(400, 'invalid_json', 'The body is empty.', false));

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    function settle(result: ReadJsonBodyResult): void {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onError);
      resolve(result);
    }
    function onData(chunk: Buffer | string): void {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      length += buffer.length;
      if (length > maxBytes) {
        // Stop buffering; the response closes the connection so the rest is never read.
        request.pause();
        settle(refuse(413, 'too_large', `The body is larger than ${maxBytes} bytes.`, true));
        return;
      }
      chunks.push(buffer);
    }
    function onEnd(): void {
      const text = Buffer.concat(chunks, length).toString('utf8');
      if (text.trim() === '') {
        settle(refuse(400, 'invalid_json', 'The body is empty.', false));
        return;
      }
      try {
        settle({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        settle(refuse(400, 'invalid_json', 'The body is not valid JSON.', false));
      }
    }
    function onError(): void {
      settle(refuse(400, 'invalid_json', 'The body could not be read.', true));
    }
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onError);
  });
}

function refuse(statusCode: 400 | 413 | 415, reason: InvalidBodyReason, message: string, closeConnection: boolean): ReadJsonBodyResult {
  return { ok: false, statusCode, reason, message, closeConnection };
}
