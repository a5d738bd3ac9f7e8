import { randomBytes } from 'node:crypto';

/** What the churn service reads from its environment. */
export interface ChurnServiceEnvironment {
  /** From `DRIFTWATCH_API_KEYS` (comma-separated), else one random demo key. */
  apiKeys: string[];
  /** True when `DRIFTWATCH_API_KEYS` was unset and the key was generated: print it. */
  generatedApiKey: boolean;
  /** `DATABASE_URL`: PostgreSQL when set, else SQLite. */
  databaseUrl: string | undefined;
  /** `ALERT_WEBHOOK_URL`: alerts are also POSTed there when set. */
  alertWebhookUrl: string | undefined;
  /** `PORT`, default 3000. */
  port: number;
  /** `HOST`, default 127.0.0.1 (containers set 0.0.0.0). */
  host: string;
}

/**
 * Reads the churn service's settings from environment variables, in one place for the demo and
 * the plain service.
 *
 * @example
 * ```ts
 * const environment = readChurnServiceEnvironment();
 * if (environment.generatedApiKey) console.log(`API key: ${environment.apiKeys[0]}`);
 * ```
 */
export function readChurnServiceEnvironment(environment: Readonly<Record<string, string | undefined>> = process.env): ChurnServiceEnvironment {
  const configured = (environment.DRIFTWATCH_API_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  const port = Number(environment.PORT ?? 3000);
  return {
    apiKeys: configured.length > 0 ? configured : [`demo-${randomBytes(12).toString('hex')}`],
    generatedApiKey: configured.length === 0,
    databaseUrl: environment.DATABASE_URL === '' ? undefined : environment.DATABASE_URL,
    alertWebhookUrl: environment.ALERT_WEBHOOK_URL === '' ? undefined : environment.ALERT_WEBHOOK_URL,
    port: Number.isInteger(port) && port >= 0 ? port : 3000,
    host: environment.HOST === undefined || environment.HOST === '' ? '127.0.0.1' : environment.HOST,
  };
}
