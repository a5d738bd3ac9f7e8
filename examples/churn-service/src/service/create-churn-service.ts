import { AsyncLocalStorage } from 'node:async_hooks';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConsoleAlertSink, createWebhookAlertSink } from '@driftwatch/adapters';
import {
  createMonitor,
  createPredictionLogger,
  DriftwatchError,
  systemClock,
  type AlertSink,
  type BaselineRecord,
  type Clock,
  type JobQueue,
  type Monitor,
} from '@driftwatch/core';
import { createDashboard } from '@driftwatch/dashboard';
import { createApiKeyVerifier, createDriftwatchMiddleware } from '@driftwatch/express-middleware';
import {
  classifierArtifact,
  createModelRegistry,
  createModelRouter,
  createRetrainingAlertSink,
  createRetrainingPipeline,
  registerRetrainingJobs,
  retrainingJobName,
  type ModelRegistry,
  type RetrainingJobPayload,
  type RetrainingPipeline,
} from '@driftwatch/registry';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { advanceSimulatedClock } from './advance-simulated-clock.js';
import type { ChurnServiceConfig } from './churn-service-config.js';
import type { ChurnServiceEvent } from './churn-service-event.js';
import { churnRequestSchema, type ChurnRequest } from './churn-request-schema.js';
import { createChurnStorage, type ChurnStorage } from './create-churn-storage.js';
import { createDeferredJobQueue } from './create-deferred-job-queue.js';
import { createListenerAlertSink } from './create-listener-alert-sink.js';
import { createVersionClassifiers } from './create-version-classifiers.js';
import { resolveChurnServiceConfig, type ResolvedChurnServiceConfig } from './resolve-churn-service-config.js';
import { scheduleChecks, type CheckSchedule } from './schedule-checks.js';
import { toChurnFeatures } from './to-churn-features.js';
import { trainChurnModel } from './train-churn-model.js';

/** The model the service serves. */
export const churnModelName = 'churn';

/** Where the dashboard is mounted. */
export const dashboardPath = '/driftwatch';

/**
 * A running churn service: the Express app and everything behind it.
 *
 * @example
 * ```ts
 * const service = await createChurnService({ storage: { kind: 'sqlite', filename: 'churn.db' }, apiKeys: ['k'] });
 * const { url } = await service.listen({ port: 3000 });
 * ```
 */
export interface ChurnService {
  /** The Express app: `POST /predict`, `POST /outcomes`, `GET /healthz`, `GET /metrics`, the dashboard at `/driftwatch`. */
  readonly app: Express;
  /** The clock everything runs on: the simulated clock when one was given. */
  readonly clock: Clock;
  readonly storage: ChurnStorage;
  readonly registry: ModelRegistry;
  readonly monitor: Monitor;
  readonly pipeline: RetrainingPipeline;
  /** The champion version served when the service started. */
  readonly initialChampionVersion: number;
  /** Starts the HTTP server; port 0 picks a free one. */
  listen(options?: { port?: number; host?: string }): Promise<{ url: string; port: number }>;
  /** Writes the logged predictions and profiles, then waits for the checks due so far and for running retraining jobs. */
  settle(): Promise<void>;
  /** Stops the schedules and the server, flushes the logger, shuts the queue and the stores down. Idempotent. */
  shutdown(): Promise<void>;
}

/**
 * Creates the churn service of the Driftwatch example. On a fresh registry it trains the first
 * churn model on synthetic Telco customers, registers it and makes it `champion`, and stores its
 * baseline; otherwise it serves the registered champion. Then it wires:
 *
 * - `POST /predict` through `createDriftwatchMiddleware` (API keys, zod validation, sticky
 *   champion/challenger routing with the registry's `ModelRouter`, logging); the handler scores
 *   with the routed version's classifier, loaded from the registry;
 * - `POST /outcomes`, `GET /healthz`, `GET /metrics` from the middleware;
 * - the Monitor, checked at every whole `checkIntervalSeconds` of the clock, with alerts to the
 *   console, a webhook when configured, and `createRetrainingAlertSink`, whose jobs wait
 *   `retraining.delaySeconds` for post-change outcomes before the retraining pipeline runs;
 * - the retraining pipeline on the job queue (in process, or pg-boss on PostgreSQL): train,
 *   validate, register the challenger, A/B test, promote or retire;
 * - the dashboard at `/driftwatch`.
 *
 * @example
 * ```ts
 * const service = await createChurnService({
 *   storage: { kind: 'sqlite', filename: './churn.db' },
 *   apiKeys: ['key-2025-06'],
 *   onEvent: (event) => console.log(event.type),
 * });
 * await service.listen({ port: 3000 });
 * ```
 */
export async function createChurnService(config: ChurnServiceConfig): Promise<ChurnService> {
  const settings = resolveChurnServiceConfig(config);
  const simulatedClock = settings.simulatedClock;
  const clock: Clock = simulatedClock ?? systemClock;
  const emit = (event: ChurnServiceEvent) => {
    try {
      settings.onEvent(event);
    } catch {
      // A failing listener must not break the service.
    }
  };
  const onError = (error: DriftwatchError) => {
    try {
      settings.onError(error);
    } catch {
      // Same.
    }
  };
  // On simulated time a real millisecond can be a simulated minute: time-outs measured on the
  // service clock get a simulated day, so that only a real hang trips them.
  const clockTimeoutMillis = (realTimeMillis: number) => (simulatedClock === undefined ? realTimeMillis : 86_400_000);

  const storage = await createChurnStorage(settings.storage, clock);
  const { eventStore, registryStore } = storage;
  const resources: Array<() => Promise<unknown>> = [() => storage.shutdown()];
  try {
    const registry = createModelRegistry({ store: registryStore, clock });
    const { version: initialChampionVersion, baseline } = await bootstrapChampion(registry, storage, settings, clock, emit);

    const logger = createPredictionLogger({
      store: eventStore,
      baseline,
      clock,
      windowSeconds: settings.profileWindowSeconds,
      flushIntervalMillis: settings.flushIntervalMillis,
      writeTimeoutMillis: clockTimeoutMillis(10_000),
      maxRetryMillis: clockTimeoutMillis(300_000),
      // Simulated traffic is dated 2024; retention would delete it against the simulated clock anyway. One job owns retention in production.
      retentionDays: false,
      onError,
    });
    resources.unshift(() => logger.shutdown());
    const router = createModelRouter({ store: registryStore, clock, cacheTtlMillis: simulatedClock === undefined ? 5000 : 300_000, onError });
    const classifiers = createVersionClassifiers(registry, churnModelName);
    await classifiers.load(String(initialChampionVersion));

    // Retraining: alerts → (delay on the service clock) → job queue → pipeline.
    // Each job's start, for its wall time; pg-boss may run a check job next to an alert job.
    const jobStartedRealMillis = new AsyncLocalStorage<number>();
    const observedQueue: JobQueue = {
      send: (name, payload, options) => storage.queue.send(name, payload, options),
      schedule: (name, cron, payload) => storage.queue.schedule(name, cron, payload),
      shutdown: () => storage.queue.shutdown(),
      work: (name, handler) =>
        storage.queue.work(name, async (job) => {
          const payload = (job.payload ?? {}) as RetrainingJobPayload;
          emit({ type: 'retraining-started', atMillis: clock.now(), trigger: payload.trigger ?? 'check', reason: payload.reason ?? '' });
          await jobStartedRealMillis.run(performance.now(), () => handler(job as Parameters<typeof handler>[0]));
        }),
    };
    const pipeline = createRetrainingPipeline({
      modelName: churnModelName,
      registry,
      eventStore,
      training: { positive: 'Yes', flavor: settings.retraining.flavor },
      trainingWindowSeconds: settings.retraining.trainingWindowSeconds,
      minimumTrainingRows: settings.retraining.minimumTrainingRows,
      challengerTrafficShare: settings.retraining.challengerTrafficShare,
      promotion: settings.retraining.promotion,
      // Only the (delayed) alert jobs start a retraining; the hourly check just carries A/B tests on.
      alertKinds: [],
      clock,
      onError,
    });
    resources.unshift(() => pipeline.shutdown());
    // Stop taking jobs before the pipeline shuts down (storage.shutdown() repeats it harmlessly).
    resources.unshift(() => storage.queue.shutdown());
    let championVersion = initialChampionVersion;
    await registerRetrainingJobs({
      queue: observedQueue,
      pipelines: [pipeline],
      onResult: (_modelName, result) => {
        emit({ type: 'retraining-finished', atMillis: clock.now(), result, realMillis: performance.now() - (jobStartedRealMillis.getStore() ?? performance.now()) });
        void registry.readAlias(churnModelName, 'champion').then((alias) => {
          if (alias === undefined || alias.version === championVersion) return;
          const fromVersion = championVersion;
          championVersion = alias.version;
          void classifiers.load(String(alias.version)).catch(() => undefined);
          void registry.aliasHistory(churnModelName, 'champion').then(
            (history) => emit({ type: 'champion-changed', atMillis: clock.now(), fromVersion, toVersion: alias.version, reason: history.at(-1)?.reason }),
            () => emit({ type: 'champion-changed', atMillis: clock.now(), fromVersion, toVersion: alias.version, reason: undefined }),
          );
        }, onError);
      },
    });
    const deferredQueue = createDeferredJobQueue({
      queue: storage.queue,
      delaySeconds: settings.retraining.delaySeconds,
      clock,
      onError: (error) => onError(asDriftwatchError(error)),
    });
    resources.unshift(() => deferredQueue.shutdown());
    const retrainingQueue: JobQueue = {
      ...deferredQueue,
      async send(name, payload, options) {
        const id = await deferredQueue.send(name, payload, options);
        if (id !== undefined) {
          const nowMillis = clock.now();
          emit({ type: 'retraining-scheduled', atMillis: nowMillis, dueMillis: nowMillis + settings.retraining.delaySeconds * 1000, reason: String((payload as RetrainingJobPayload).reason ?? '') });
        }
        return id;
      },
    };

    const sinks: AlertSink[] = [
      createConsoleAlertSink(settings.alertOutput === undefined ? {} : { write: settings.alertOutput }),
      createListenerAlertSink((alert) => emit({ type: 'alert', atMillis: clock.now(), alert })),
      createRetrainingAlertSink({ queue: retrainingQueue }),
    ];
    if (settings.alertWebhookUrl !== undefined) sinks.push(createWebhookAlertSink({ url: settings.alertWebhookUrl }));
    resources.push(...sinks.map((sink) => () => sink.shutdown()));
    const monitor = createMonitor({
      store: eventStore,
      baseline,
      modelName: churnModelName,
      clock,
      checkIntervalSeconds: settings.monitor.checkIntervalSeconds,
      windowSeconds: settings.monitor.windowSeconds,
      performanceWindowSeconds: settings.monitor.performanceWindowSeconds,
      alerts: settings.monitor.alerts,
      sinks,
      positiveLabel: 'Yes',
      sinkTimeoutMillis: clockTimeoutMillis(10_000),
      onError,
    });
    resources.unshift(() => monitor.shutdown());
    // pg-boss runs cron on real time; on simulated time the service asks for the hourly check itself.
    const sendsChecks = simulatedClock !== undefined && !storage.schedulesOnServiceClock;
    const schedule: CheckSchedule = scheduleChecks({
      monitor,
      clock,
      intervalSeconds: settings.monitor.checkIntervalSeconds,
      beforeCheck: () => logger.forceFlush(),
      onResult: (result) => {
        emit({ type: 'check', atMillis: result.checkedAt.getTime(), result });
        if (sendsChecks) {
          void storage.queue
            .send(`${retrainingJobName(churnModelName)}.check`, { trigger: 'check', reason: 'hourly check' } satisfies RetrainingJobPayload, { singletonKey: churnModelName })
            .catch(() => undefined);
        }
      },
    });
    resources.unshift(async () => schedule.stop());

    const environment = { DRIFTWATCH_API_KEYS: settings.apiKeys.join(',') };
    const driftwatch = createDriftwatchMiddleware({
      modelName: churnModelName,
      // Served when the router fails: the champion the service started with.
      modelVersion: String(initialChampionVersion),
      store: eventStore,
      logger,
      router,
      // The router answers from its cache in microseconds; a reload from a busy database may take longer than the default 200 ms.
      routerTimeoutMillis: 1000,
      schema: churnRequestSchema,
      getFeatures: (request) => toChurnFeatures(request.body as ChurnRequest),
      getUnitKey: (request) => (request.body as ChurnRequest).customerID,
      apiKeys: { environment },
      metrics: true,
      onError,
    });
    resources.unshift(() => driftwatch.shutdown());

    const app = express();
    app.disable('x-powered-by');
    if (simulatedClock !== undefined) app.use(['/predict', '/outcomes'], advanceSimulatedClock(simulatedClock, createApiKeyVerifier({ environment })));
    app.use(driftwatch.routes);
    app.post('/predict', driftwatch, async (request, response) => {
      const { route } = response.locals.driftwatch as { route: { alias: string; modelVersion: string } };
      const classifier = classifiers.peek(route.modelVersion) ?? (await classifiers.load(route.modelVersion));
      const score = classifier.predictProba([toChurnFeatures(request.body as ChurnRequest)])[0]!;
      response.json({ label: score >= 0.5 ? 'Yes' : 'No', score, modelVersion: route.modelVersion, alias: route.alias });
    });
    let dashboardMounted = false;
    if (settings.dashboard) {
      const dashboard = createDashboard({
        store: eventStore,
        registry: registryStore,
        apiKeys: settings.apiKeys,
        retrain: { queue: storage.queue },
        models: [churnModelName],
        title: 'Driftwatch · churn service',
        clock,
        onError,
      });
      app.use(dashboardPath, dashboard);
      dashboardMounted = true;
    }
    app.get('/', (_request: Request, response: Response) => {
      response.json({
        service: 'driftwatch churn example',
        routes: {
          predict: 'POST /predict (Authorization: Bearer <key>)',
          outcomes: 'POST /outcomes',
          health: 'GET /healthz',
          metrics: 'GET /metrics',
          ...(dashboardMounted ? { dashboard: `GET ${dashboardPath}/` } : {}),
        },
      });
    });
    app.use(driftwatch.errorHandler);
    app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
      if (!response.headersSent) response.status(500).json({ error: 'internal_error' });
      onError(asDriftwatchError(error));
    });

    let server: Server | undefined;
    let closing: Promise<void> | undefined;
    return {
      app,
      clock,
      storage,
      registry,
      monitor,
      pipeline,
      initialChampionVersion,
      async listen(options = {}) {
        server = app.listen(options.port ?? 3000, options.host ?? '127.0.0.1');
        await once(server, 'listening');
        const { port } = server.address() as AddressInfo;
        const host = options.host === undefined || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
        return { url: `http://${host}:${port}`, port };
      },
      async settle() {
        await logger.forceFlush();
        await schedule.whenIdle();
        if ('whenIdle' in storage.queue && typeof storage.queue.whenIdle === 'function') await (storage.queue.whenIdle as () => Promise<void>)();
      },
      shutdown() {
        closing ??= (async () => {
          if (server !== undefined) {
            const closed = once(server, 'close');
            server.close();
            server.closeAllConnections();
            await closed;
          }
          for (const release of resources) await release().catch((error: unknown) => onError(asDriftwatchError(error)));
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const release of resources) await release().catch(() => undefined);
    throw error;
  }
}

/** Serves the registered champion, or trains, registers and baselines the first one. */
async function bootstrapChampion(
  registry: ModelRegistry,
  storage: ChurnStorage,
  settings: Readonly<ResolvedChurnServiceConfig>,
  clock: Clock,
  emit: (event: ChurnServiceEvent) => void,
): Promise<{ version: number; baseline: BaselineRecord }> {
  const champion = await registry.readAlias(churnModelName, 'champion');
  if (champion !== undefined) {
    const baseline = await storage.eventStore.readBaseline(churnModelName);
    if (baseline !== undefined) {
      emit({ type: 'champion-loaded', atMillis: clock.now(), version: champion.version });
      return { version: champion.version, baseline };
    }
  }
  const model = await trainChurnModel({ ...settings.training, clock });
  const version = await registry.registerModelVersion({
    modelName: churnModelName,
    artifact: classifierArtifact(model.classifier),
    params: { flavor: settings.training.flavor, rowCount: settings.training.rowCount, seed: settings.training.seed, data: 'synthetic Telco customers' },
    metrics: model.metrics,
    trainingRowCount: model.trainingRowCount,
    tags: { origin: 'bootstrap' },
    description: `Trained at startup on ${model.trainingRowCount} synthetic Telco customers`,
  });
  await registry.setAlias({
    modelName: churnModelName,
    alias: 'champion',
    version: version.version,
    expectedVersion: champion?.version ?? null,
    actor: 'churn-service',
    reason: 'first model',
  });
  const baseline = model.createBaseline(String(version.version));
  await storage.eventStore.writeBaseline(baseline);
  emit({ type: 'model-trained', atMillis: clock.now(), version: version.version, metrics: model.metrics, trainingRowCount: model.trainingRowCount, trainingMillis: model.trainingMillis });
  return { version: version.version, baseline };
}

function asDriftwatchError(error: unknown): DriftwatchError {
  if (DriftwatchError.isInstance(error)) return error;
  return new DriftwatchError({ code: 'INVALID_ARGUMENT', message: error instanceof Error ? error.message : String(error), cause: error });
}
