import type { ServerResponse } from 'node:http';

/**
 * Only our own origin may provide scripts, styles, images, connections, forms and the base URL;
 * nothing inline, nothing from a CDN, and the dashboard may not be framed.
 */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/** Headers on every response of the dashboard. */
function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  // Never leaks dashboard URLs to other sites. (`no-referrer` would also make Chromium send
  // `Origin: null` with our own form posts, which the same-origin check must then refuse.)
  response.setHeader('Referrer-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** What {@link sendResponse} writes. */
export interface ResponseContent {
  status: number;
  contentType?: string;
  body?: string | Buffer;
  headers?: Readonly<Record<string, string | readonly string[]>>;
  /** @default 'no-store' */
  cacheControl?: string;
  /** Send headers only (a HEAD request). @default false */
  headOnly?: boolean;
}

/**
 * Writes a complete response with the dashboard's security headers.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { sendResponse } from './send-response.js';
 * createServer((_request, response) => sendResponse(response, { status: 200, contentType: 'text/plain', body: 'ok' }));
 * ```
 */
export function sendResponse(response: ServerResponse, content: ResponseContent): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  setSecurityHeaders(response);
  response.statusCode = content.status;
  response.setHeader('Cache-Control', content.cacheControl ?? 'no-store');
  for (const [name, value] of Object.entries(content.headers ?? {})) response.setHeader(name, value as string | string[]);
  if (content.body === undefined) {
    response.end();
    return;
  }
  const body = typeof content.body === 'string' ? Buffer.from(content.body, 'utf8') : content.body;
  response.setHeader('Content-Type', content.contentType ?? 'text/plain; charset=utf-8');
  response.setHeader('Content-Length', String(body.length));
  response.end(content.headOnly === true ? undefined : body);
}

/**
 * Writes a JSON response.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { sendJson } from './send-response.js';
 * createServer((_request, response) => sendJson(response, 200, { ok: true }));
 * ```
 */
export function sendJson(response: ServerResponse, status: number, value: unknown, headOnly = false): void {
  sendResponse(response, { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value), headOnly });
}
