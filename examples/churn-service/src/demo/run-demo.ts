import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertRecord } from '@driftwatch/core';
import type { PromotionEvidence, PromotionState, RetrainingRunResult, RetrainingStepRecord } from '@driftwatch/registry';
import { generateTelcoCustomers } from '../data/generate-telco-customers.js';
import type { ChurnServiceEvent } from '../service/churn-service-event.js';
import type { ChurnStorageConfig } from '../service/churn-service-config.js';
import { createChurnService, dashboardPath, type ChurnService } from '../service/create-churn-service.js';
import { createSimulatedClock } from '../service/simulated-clock.js';
import { sendTraffic, type SendTrafficResult } from '../traffic/send-traffic.js';
import { createDemoScenario } from './create-demo-scenario.js';
import { demoPlan, demoServiceSettings } from './demo-plan.js';
import { formatSimulatedDuration, formatSimulatedTime } from './format-simulated-time.js';
import { resetDemoSchemas } from './reset-demo-schemas.js';

/** Options for {@link runDemo}. */
export interface RunDemoOptions {
  /** Exit after the story instead of leaving the service running. */
  once: boolean;
  /** @default 3000, or a free port with `once` */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Where the SQLite database goes (reset at the start). */
  dataDirectory: string;
  /** `postgres://…`: run on PostgreSQL (schemas `churn_demo` and `churn_demo_jobs`, reset at the start) instead of SQLite. */
  databaseUrl?: string;
  /** The service's API keys; a random demo key when empty. */
  apiKeys?: readonly string[];
  alertWebhookUrl?: string;
  /** Where progress goes. @default console.log */
  write?: (line: string) => void;
}

/** One step of the story and how it went. */
export interface DemoStep {
  number: number;
  title: string;
  ok: boolean;
  detail: string;
}

/** What {@link runDemo} measured. */
export interface DemoReport {
  ok: boolean;
  steps: DemoStep[];
  /** Real time from the start of `runDemo` to the end of the story. */
  wallMillis: number;
  traffic: SendTrafficResult | undefined;
  /** Simulated time from the onset to the first CRITICAL feature-drift alert. */
  detectionDelayMillis: number | undefined;
  /** Real time of the retraining job that trained the challenger. */
  retrainingMillis: number | undefined;
  /** Simulated time of the promotion. */
  promotedAtMillis: number | undefined;
  url: string | undefined;
  /** The running service (with `once`, already shut down). */
  service: ChurnService | undefined;
}

const stepTitles = ['Train', 'Serve', 'Sudden drift', 'CRITICAL alert', 'Retraining', 'Challenger', 'A/B test', 'Promotion'] as const;

/**
 * The Driftwatch demo: trains the churn model, serves it, replays a simulated week with a sudden
 * shock over HTTP, and follows the service from the CRITICAL alert through retraining, the A/B
 * test and the promotion, printing each of the eight steps as it happens. With `once` it shuts
 * the service down afterwards; otherwise the service and the dashboard keep running, their clock
 * now following real time.
 *
 * @example
 * ```ts
 * const report = await runDemo({ once: true, dataDirectory: '.driftwatch-demo' });
 * process.exitCode = report.ok ? 0 : 1;
 * ```
 */
export async function runDemo(options: RunDemoOptions): Promise<DemoReport> {
  const started = performance.now();
  const write = options.write ?? ((line: string) => console.log(line));
  const plan = demoPlan;
  const generatedKey = options.apiKeys === undefined || options.apiKeys.length === 0;
  const apiKeys = generatedKey ? [`demo-${randomBytes(12).toString('hex')}`] : [...options.apiKeys!];
  const apiKey = apiKeys[0]!;
  const steps: DemoStep[] = [];
  const report: DemoReport = {
    ok: false,
    steps,
    wallMillis: 0,
    traffic: undefined,
    detectionDelayMillis: undefined,
    retrainingMillis: undefined,
    promotedAtMillis: undefined,
    url: undefined,
    service: undefined,
  };
  const indent = (text: string) => write(`      ${text}`);
  const at = (millis: number) => formatSimulatedTime(millis);
  function complete(number: number, ok: boolean, detail: string): void {
    if (steps.some((step) => step.number === number)) return;
    steps.push({ number, title: stepTitles[number - 1]!, ok, detail });
    write(`[${number}/8] ${stepTitles[number - 1]!.padEnd(14)} ${detail} ${ok ? '✔' : '✘'}`);
  }

  let storage: ChurnStorageConfig;
  try {
    if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
      await resetDemoSchemas(options.databaseUrl, ['churn_demo', 'churn_demo_jobs']);
      storage = { kind: 'postgres', connectionString: options.databaseUrl, schema: 'churn_demo' };
    } else {
      mkdirSync(options.dataDirectory, { recursive: true });
      const filename = join(options.dataDirectory, 'churn.db');
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
      storage = { kind: 'sqlite', filename };
    }
  } catch (error) {
    write(`The demo could not prepare its database: ${error instanceof Error ? error.message : String(error)}`);
    report.wallMillis = performance.now() - started;
    return report;
  }

  write('Driftwatch demo: a churn model trained, served, monitored, retrained, A/B-tested and promoted.');
  write(`Storage: ${storage.kind === 'sqlite' ? `SQLite ${storage.filename}` : 'PostgreSQL (schemas churn_demo, churn_demo_jobs)'}. Simulated clock from ${new Date(plan.startMillis).toISOString().slice(0, 16)} UTC.`);
  write('');

  // What the service reports, and what the story needs to know about it.
  const story = {
    firstCritical: undefined as AlertRecord | undefined,
    incidents: new Set<string>(),
    criticalCount: 0,
    warningCount: 0,
    resolvedCount: 0,
    retrainingStarted: false,
    alertBlockShown: false,
    retrainingScheduled: false,
    trainedRunId: undefined as string | undefined,
    challengerVersion: undefined as number | undefined,
    abStartedAtMillis: undefined as number | undefined,
    lastAbReportMillis: 0,
    leading: false,
    promoted: undefined as { atMillis: number; toVersion: number; reason: string | undefined } | undefined,
    lastCheckReportMillis: 0,
  };
  const alertOutput = (text: string) => {
    if (story.alertBlockShown || !/CRITICAL/.test(text.split('\n', 1)[0] ?? '')) return;
    story.alertBlockShown = true;
    for (const line of text.trimEnd().split('\n')) indent(`│ ${line}`);
  };

  function onAlert(event: Extract<ChurnServiceEvent, { type: 'alert' }>): void {
    const { alert } = event;
    if (alert.status === 'resolved') {
      if (story.incidents.delete(alert.dedupeKey)) story.resolvedCount++;
      return;
    }
    if (story.incidents.has(alert.dedupeKey)) return;
    story.incidents.add(alert.dedupeKey);
    const alertMillis = alert.createdAt.getTime();
    if (alert.severity !== 'CRITICAL') {
      story.warningCount++;
      return;
    }
    story.criticalCount++;
    if (story.firstCritical === undefined && alert.dedupeKey.startsWith('churn/feature-drift/')) {
      story.firstCritical = alert;
      report.detectionDelayMillis = alertMillis - plan.onsetMillis;
      const onTime = alertMillis <= plan.onsetMillis + demoServiceSettings.monitor.checkIntervalSeconds * 1000;
      complete(4, onTime, `${at(alertMillis)}: ${alert.title}, ${formatSimulatedDuration(report.detectionDelayMillis)} after the onset (${onTime ? 'the first check after it' : 'late'})`);
    } else {
      indent(`${at(alertMillis)}  ${alert.title}`);
    }
  }

  function stepOf(result: RetrainingRunResult, name: RetrainingStepRecord['name']): RetrainingStepRecord | undefined {
    return result.steps.find((step) => step.name === name);
  }

  function onRetrainingFinished(event: Extract<ChurnServiceEvent, { type: 'retraining-finished' }>): void {
    const { result } = event;
    const train = stepOf(result, 'train');
    if (result.runId !== undefined && result.runId !== story.trainedRunId && train?.status === 'succeeded' && !result.resumed) {
      story.trainedRunId = result.runId;
      const prepared = stepOf(result, 'prepare-features')?.output ?? {};
      const validation = stepOf(result, 'validate')?.output ?? {};
      const durations = result.steps
        .filter((step) => step.durationMillis !== undefined && step.durationMillis >= 1)
        .map((step) => `${step.name} ${Math.round(step.durationMillis!)} ms`)
        .join(', ');
      report.retrainingMillis = event.realMillis;
      const passed = validation.passed === true;
      complete(
        5,
        passed && event.realMillis <= 30_000,
        `${at(event.atMillis)}: trained on ${String(prepared.trainingRowCount)} labelled post-shock predictions in ${(event.realMillis / 1000).toFixed(1)} s real time; holdout AUC ${number(validation.auc)} vs champion ${number(validation.championAuc)}${passed ? '' : ` (rejected: ${String(validation.reason)})`}`,
      );
      indent(durations);
      const registered = stepOf(result, 'register-challenger');
      if (registered?.status === 'succeeded' && registered.output?.alias === 'challenger') {
        story.challengerVersion = Number(registered.output.version);
        complete(6, true, `churn v${story.challengerVersion} registered and aliased challenger (champion stays v${String(registered.output.championVersion)})`);
      }
    } else if (result.outcome === 'insufficient-data' || result.outcome === 'rejected') {
      indent(`${at(event.atMillis)}  retraining ended: ${result.outcome} (${result.reason})`);
    }
    const abStart = stepOf(result, 'start-ab-test');
    if (story.abStartedAtMillis === undefined && abStart?.status === 'succeeded') {
      story.abStartedAtMillis = event.atMillis;
      indent(`${at(event.atMillis)}  A/B test started: ${Math.round(demoServiceSettings.retraining.challengerTrafficShare * 100)} % of customers (sticky by customerID) to the challenger`);
    }
    const decision = stepOf(result, 'promote-or-retire');
    if (decision?.output !== undefined && story.abStartedAtMillis !== undefined) reportAbTest(event.atMillis, decision.output);
  }

  function reportAbTest(atMillis: number, output: Record<string, unknown>): void {
    const evidence = output.evidence as PromotionEvidence | undefined;
    const state = output.promotion as PromotionState | undefined;
    const test = evidence?.test;
    const leading = state?.test.leadSinceMillis !== undefined;
    const changed = leading !== story.leading;
    story.leading = leading;
    if (test === undefined || evidence === undefined) return;
    if (!changed && atMillis - story.lastAbReportMillis < 24 * 3_600_000 && output.lastAction === 'continue') return;
    story.lastAbReportMillis = atMillis;
    const arms = `v${evidence.candidate.modelVersion} ${number(evidence.candidate.accuracy)} on ${evidence.candidate.labelledCount} outcomes vs v${evidence.baseline.modelVersion} ${number(evidence.baseline.accuracy)} on ${evidence.baseline.labelledCount}`;
    const bounds = `difference ${signed(test.difference)}, 95 % confidence sequence [${signed(test.lower)}, ${signed(test.upper)}]`;
    const lead = leading ? `leading for ${formatSimulatedDuration(evidence.leadHeldSeconds === undefined ? 0 : evidence.leadHeldSeconds * 1000)} of ${formatSimulatedDuration((evidence.holdSeconds ?? 0) * 1000)}` : 'not leading yet';
    if (!steps.some((step) => step.number === 7) && leading) complete(7, true, `${at(atMillis)}: ${arms}; ${bounds}: ${lead}`);
    else indent(`${at(atMillis)}  A/B: ${arms}; ${bounds}; ${lead}`);
  }

  const onEvent = (event: ChurnServiceEvent) => {
    if (event.atMillis > plan.onsetMillis) complete(3, true, `${at(plan.onsetMillis)}: ${scenarioDescription}`);
    switch (event.type) {
      case 'model-trained':
        complete(
          1,
          event.metrics.auc > 0.8,
          `logistic regression on ${event.trainingRowCount.toLocaleString('en')} synthetic Telco customers in ${(event.trainingMillis / 1000).toFixed(1)} s: holdout accuracy ${number(event.metrics.accuracy)}, AUC ${number(event.metrics.auc)}; registered as churn v${event.version}, alias champion`,
        );
        break;
      case 'champion-loaded':
        complete(1, false, `the registry already had champion v${event.version}; the demo needs a fresh database`);
        break;
      case 'check': {
        const quietPhase = event.atMillis <= plan.onsetMillis;
        if (quietPhase && event.atMillis - story.lastCheckReportMillis >= 6 * 3_600_000) {
          story.lastCheckReportMillis = event.atMillis;
          const volume = event.result.checkResults.find((point) => point.kind === 'volume' && point.subject === 'requests-per-minute');
          const worst = event.result.checkResults.reduce((rank, point) => Math.max(rank, ['OK', 'INFO', 'WARNING', 'CRITICAL'].indexOf(point.severity)), 0);
          indent(`${at(event.atMillis)}  hourly check: ${volume === undefined ? 0 : Math.round(volume.value * 60)} predictions in the window, ${worst === 0 ? 'everything OK' : `worst ${['OK', 'INFO', 'WARNING', 'CRITICAL'][worst]}`}`);
        }
        break;
      }
      case 'alert':
        onAlert(event);
        break;
      case 'retraining-scheduled':
        if (!story.retrainingScheduled) {
          story.retrainingScheduled = true;
          indent(`${at(event.atMillis)}  retraining job scheduled for ${at(event.dueMillis)}: it waits a day for outcomes of post-shock predictions`);
        }
        break;
      case 'retraining-started':
        if (event.trigger !== 'check' && !story.retrainingStarted) {
          story.retrainingStarted = true;
          indent(`${at(event.atMillis)}  retraining job started (trigger ${event.trigger}): fetch-data, prepare-features, train (worker thread), validate, register-challenger, start-ab-test`);
        }
        break;
      case 'retraining-finished':
        onRetrainingFinished(event);
        break;
      case 'champion-changed':
        if (story.promoted === undefined && event.toVersion === story.challengerVersion) {
          story.promoted = { atMillis: event.atMillis, toVersion: event.toVersion, reason: event.reason };
          report.promotedAtMillis = event.atMillis;
          complete(8, true, `${at(event.atMillis)}: churn v${event.toVersion} promoted to champion by compare-and-set (${event.reason ?? 'promotion policy'}); probation follows`);
        } else {
          indent(`${at(event.atMillis)}  champion moved v${String(event.fromVersion)} → v${event.toVersion} (${event.reason ?? ''})`);
        }
        break;
    }
  };

  const scenario = createDemoScenario({ onsetMillis: plan.onsetMillis, requestRateFactor: plan.requestRateFactor, maximumRequestRateFactor: plan.maximumRequestRateFactor });
  const scenarioDescription = scenario.description;
  const clock = createSimulatedClock({ startMillis: plan.startMillis });
  let service: ChurnService | undefined;
  try {
    service = await createChurnService({
      ...demoServiceSettings,
      storage,
      apiKeys,
      ...(options.alertWebhookUrl === undefined ? {} : { alertWebhookUrl: options.alertWebhookUrl }),
      simulatedClock: clock,
      alertOutput,
      onEvent,
      onError: (error) => indent(`warning: ${error.code}: ${error.message}`),
    });
    report.service = service;
    const { url } = await service.listen({ port: options.port ?? (options.once ? 0 : 3000), host: options.host ?? '127.0.0.1' });
    report.url = url;
    const health = await fetch(`${url}/healthz`).then((response) => response.status, () => 0);
    complete(2, health === 200, `${url}  POST /predict and /outcomes with Authorization: Bearer ${apiKey}${generatedKey ? ' (a random demo key: set DRIFTWATCH_API_KEYS to choose)' : ''}`);

    indent(`replaying ${formatSimulatedDuration(plan.endMillis - plan.startMillis)} of traffic over HTTP: ${plan.requestsPerHour} requests per simulated hour (a quarter from Wednesday noon), outcomes 1–12 h later; the shock comes at ${at(plan.onsetMillis)}`);
    let requestErrors = 0;
    const traffic = await sendTraffic({
      baseUrl: url,
      apiKey,
      scenario,
      startMillis: plan.startMillis,
      endMillis: plan.endMillis,
      requestsPerHour: plan.requestsPerHour,
      seed: plan.seed,
      outcomeShare: plan.outcomeShare,
      minimumOutcomeDelayMillis: plan.minimumOutcomeDelayMillis,
      maximumOutcomeDelayMillis: plan.maximumOutcomeDelayMillis,
      concurrency: plan.concurrency,
      sendOutcomeTimestamps: true,
      onError: (error) => {
        if (requestErrors++ < 3) indent(`request failed: ${error.message}`);
      },
    });
    report.traffic = traffic;
    await service.settle();
    const failed = traffic.failedRequests + traffic.failedOutcomes;
    if (failed / Math.max(1, traffic.requests) >= 0.01) {
      const step3 = steps.find((step) => step.number === 3);
      if (step3 !== undefined) step3.ok = false;
      write(`[3/8] ${stepTitles[2].padEnd(14)} ${failed} requests failed ✘`);
    }
    if (clock.now() <= plan.onsetMillis) complete(3, false, 'the replay never reached the onset');
    indent(
      `replay done: ${traffic.predictions.toLocaleString('en')} predictions and ${traffic.outcomes.toLocaleString('en')} outcomes over HTTP (${failed} failed); ` +
        `${story.criticalCount} CRITICAL and ${story.warningCount} WARNING incidents opened, ${story.resolvedCount} resolved`,
    );
    if (story.firstCritical === undefined) complete(4, false, 'no CRITICAL feature-drift alert');
    if (story.trainedRunId === undefined) complete(5, false, 'no retraining trained a model');
    if (story.challengerVersion === undefined) complete(6, false, 'no challenger registered');
    if (!steps.some((step) => step.number === 7)) complete(7, false, story.abStartedAtMillis === undefined ? 'no A/B test started' : 'the challenger never led');
    if (story.promoted === undefined) complete(8, false, 'no promotion by the end of the replay');
  } catch (error) {
    write(`The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  steps.sort((left, right) => left.number - right.number);
  report.ok = steps.length === 8 && steps.every((step) => step.ok);
  report.wallMillis = performance.now() - started;
  write('');
  write(`${report.ok ? 'Story complete' : 'Story FAILED'}: ${steps.filter((step) => step.ok).length}/8 steps in ${(report.wallMillis / 1000).toFixed(1)} s.`);
  if (options.once || service === undefined || report.url === undefined) {
    await service?.shutdown();
    return report;
  }
  clock.followRealTime();
  write('');
  write(`Service:   ${report.url}  (Authorization: Bearer ${apiKey})`);
  write(`Dashboard: ${report.url}${dashboardPath}/  (sign in with the same key)`);
  const { Churn: _churn, ...customer } = generateTelcoCustomers({ count: 1, seed: 42 })[0]!;
  write(`Try:       curl -si ${report.url}/predict -H 'authorization: Bearer ${apiKey}' -H 'content-type: application/json' -d '${JSON.stringify(customer)}'`);
  write('The clock now follows real time from the end of the replay. Ctrl-C stops the service.');
  return report;
}

function number(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
