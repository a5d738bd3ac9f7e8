import { DriftwatchError } from '@driftwatch/core';
import type { DashboardRequest } from '../dashboard-request.js';

/** The largest body the dashboard reads: its forms and actions are a few fields. */
export const maxBodyBytes = 16 * 1024;

/**
 * The request body as text or as an already-parsed object: what a body parser upstream left in
 * `request.body` (Express's `json()`/`urlencoded()`, or the Fastify plugin's buffer), else the
 * stream read up to {@link maxBodyBytes}. Rejects with `VALIDATION_FAILED` when it is larger.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { readRequestBody } from './read-request-body.js';
 * createServer(async (request, response) => response.end(String(await readRequestBody(request))));
 * ```
 */
export async function readRequestBody(request: DashboardRequest): Promise<string | Record<string, unknown>> {
  const parsed = request.body;
  if (Buffer.isBuffer(parsed)) return parsed.toString('utf8');
  if (typeof parsed === 'string') return parsed;
  if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
  if (request.readableEnded) return '';
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += buffer.length;
    if (length > maxBodyBytes) {
      throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `The request body is larger than ${maxBodyBytes} bytes.` });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
