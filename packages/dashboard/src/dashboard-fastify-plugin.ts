import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The subset of a Fastify (v5) request the dashboard's plugin uses. A `FastifyRequest` satisfies it.
 *
 * @example
 * ```ts
 * import type { DashboardFastifyRequest } from '@driftwatch/dashboard';
 * const pathOf = (request: DashboardFastifyRequest) => request.raw.url;
 * ```
 */
export interface DashboardFastifyRequest {
  raw: IncomingMessage;
  body?: unknown;
}

/**
 * The subset of a Fastify (v5) reply the dashboard's plugin uses. A `FastifyReply` satisfies it.
 *
 * @example
 * ```ts
 * import type { DashboardFastifyReply } from '@driftwatch/dashboard';
 * const rawOf = (reply: DashboardFastifyReply) => reply.raw;
 * ```
 */
export interface DashboardFastifyReply {
  raw: ServerResponse;
  hijack(): unknown;
}

/**
 * The subset of a Fastify (v5) instance the dashboard's plugin uses, described here instead of
 * imported so that Fastify is not a dependency. A `FastifyInstance` satisfies it.
 *
 * @example
 * ```ts
 * import type { DashboardFastifyInstance } from '@driftwatch/dashboard';
 * const prefixOf = (instance: DashboardFastifyInstance) => instance.prefix;
 * ```
 */
export interface DashboardFastifyInstance {
  /** The prefix the plugin was registered with. */
  readonly prefix: string;
  route(options: {
    method: string[];
    url: string;
    handler: (request: DashboardFastifyRequest, reply: DashboardFastifyReply) => Promise<void>;
  }): unknown;
  removeAllContentTypeParsers(): unknown;
  addContentTypeParser(
    contentType: string,
    options: { parseAs: 'buffer'; bodyLimit: number },
    parser: (request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => void,
  ): unknown;
}

/**
 * The dashboard as a Fastify plugin: register it with a prefix,
 * `fastify.register(dashboard.fastifyPlugin, { prefix: '/driftwatch' })`.
 *
 * @example
 * ```ts
 * import type { DashboardFastifyPlugin } from '@driftwatch/dashboard';
 * const register = (plugin: DashboardFastifyPlugin) => plugin;
 * ```
 */
export type DashboardFastifyPlugin = (instance: DashboardFastifyInstance, options: Record<string, unknown>) => Promise<void>;
