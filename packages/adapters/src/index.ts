// Event stores
export { createSqliteEventStore } from './event-stores/sqlite-event-store.js';
export type { SqliteDatabase, SqliteEventStoreConfig, SqliteStatement } from './event-stores/sqlite-event-store-config.js';
export { createPostgresEventStore } from './event-stores/postgres-event-store.js';
export type { PostgresEventStoreConfig, PostgresPool, PostgresPoolClient } from './event-stores/postgres-event-store-config.js';

// Registry stores
export { createSqliteRegistryStore } from './registry-stores/sqlite-registry-store.js';
export type { SqliteRegistryStoreConfig } from './registry-stores/sqlite-registry-store.js';
export { createPostgresRegistryStore } from './registry-stores/postgres-registry-store.js';
export type { PostgresRegistryStoreConfig } from './registry-stores/postgres-registry-store.js';

// Job queues
export { createPgBossJobQueue } from './job-queues/pg-boss-job-queue.js';
export type { PgBossJobQueueConfig } from './job-queues/pg-boss-job-queue.js';

// Alert sinks
export { createConsoleAlertSink } from './sinks/console-alert-sink.js';
export type { ConsoleAlertSinkConfig } from './sinks/console-alert-sink.js';
export { createWebhookAlertSink } from './sinks/webhook-alert-sink.js';
export type { WebhookAlertPayload, WebhookAlertSinkConfig } from './sinks/webhook-alert-sink.js';
export { createSlackAlertSink } from './sinks/slack-alert-sink.js';
export type { SlackAlertSinkConfig } from './sinks/slack-alert-sink.js';
export { createEmailAlertSink } from './sinks/email-alert-sink.js';
export type {
  EmailAlertSinkConfig,
  EmailMessage,
  EmailSendInfo,
  EmailTransport,
  SmtpConnectionOptions,
} from './sinks/email-alert-sink.js';
export type { HttpAlertSinkOptions } from './sinks/http-alert-sink-options.js';
