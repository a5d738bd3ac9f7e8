import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The subset of an Express (4 or 5) request the middleware uses, described here instead of
 * imported so that express stays an optional peer dependency. An Express `Request` satisfies it.
 *
 * @example
 * ```ts
 * import type { ExpressRequest } from '@driftwatch/express-middleware';
 * const customerOf = (request: ExpressRequest) => request.headers['x-customer-id'] as string | undefined;
 * ```
 */
export interface ExpressRequest extends IncomingMessage {
  /** The parsed body (`express.json()`), or `undefined`, in which case the middleware reads it. */
  body?: unknown;
  /** The path without the query string. */
  path?: string;
}

/**
 * The subset of an Express response the middleware uses. An Express `Response` satisfies it.
 *
 * @example
 * ```ts
 * import type { ExpressResponse } from '@driftwatch/express-middleware';
 * const predictionIdOf = (response: ExpressResponse) => response.getHeader('x-prediction-id');
 * ```
 */
export interface ExpressResponse extends ServerResponse {
  locals: Record<string | symbol, unknown>;
  json(body?: unknown): unknown;
}

/**
 * Express's `next`.
 *
 * @example
 * ```ts
 * import type { ExpressNext } from '@driftwatch/express-middleware';
 * const skip = (next: ExpressNext) => next();
 * ```
 */
export type ExpressNext = (error?: unknown) => void;

/**
 * A request handler or middleware, as Express calls it.
 *
 * @example
 * ```ts
 * import type { ExpressHandler } from '@driftwatch/express-middleware';
 * const ping: ExpressHandler = (_request, response) => void response.end('pong');
 * ```
 */
export type ExpressHandler = (request: ExpressRequest, response: ExpressResponse, next: ExpressNext) => void;

/**
 * An error-handling middleware: Express recognises it by its four parameters.
 *
 * @example
 * ```ts
 * import type { ExpressErrorHandler } from '@driftwatch/express-middleware';
 * const passOn: ExpressErrorHandler = (error, _request, _response, next) => next(error);
 * ```
 */
export type ExpressErrorHandler = (error: unknown, request: ExpressRequest, response: ExpressResponse, next: ExpressNext) => void;
