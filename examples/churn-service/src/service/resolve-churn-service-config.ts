import { DriftwatchError, type AlertPolicyConfig } from '@driftwatch/core';
import type { ClassifierFlavor } from '@driftwatch/models';
import type { PromotionPolicyConfig } from '@driftwatch/registry';
import type { ChurnServiceConfig } from './churn-service-config.js';

/** {@link ChurnServiceConfig} with every default applied, frozen. */
export interface ResolvedChurnServiceConfig {
  storage: ChurnServiceConfig['storage'];
  apiKeys: readonly string[];
  alertWebhookUrl: string | undefined;
  simulatedClock: ChurnServiceConfig['simulatedClock'];
  training: { rowCount: number; flavor: ClassifierFlavor; seed: number };
  monitor: { checkIntervalSeconds: number; windowSeconds: number; performanceWindowSeconds: number; alerts: AlertPolicyConfig };
  retraining: {
    delaySeconds: number;
    trainingWindowSeconds: number;
    minimumTrainingRows: number;
    flavor: ClassifierFlavor;
    challengerTrafficShare: number;
    promotion: PromotionPolicyConfig;
  };
  profileWindowSeconds: number;
  flushIntervalMillis: number;
  dashboard: boolean;
  alertOutput: ((text: string) => unknown) | undefined;
  onEvent: NonNullable<ChurnServiceConfig['onEvent']>;
  onError: NonNullable<ChurnServiceConfig['onError']>;
}

/**
 * Applies the documented defaults of {@link ChurnServiceConfig} in one place. Throws
 * `VALIDATION_FAILED` without API keys: a service that asked for keys never lets everyone in.
 *
 * @example
 * ```ts
 * const settings = resolveChurnServiceConfig({ storage: { kind: 'sqlite', filename: 'churn.db' }, apiKeys: ['k'] });
 * settings.monitor.windowSeconds; // 3600
 * ```
 */
export function resolveChurnServiceConfig(config: ChurnServiceConfig): Readonly<ResolvedChurnServiceConfig> {
  const apiKeys = (config.apiKeys ?? []).filter((key) => key.trim() !== '');
  if (apiKeys.length === 0) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'The churn service needs at least one API key (DRIFTWATCH_API_KEYS).' });
  }
  const alerts: AlertPolicyConfig = { hysteresis: { breachCount: 1, checkCount: 1 }, ...config.monitor?.alerts };
  return Object.freeze({
    storage: config.storage,
    apiKeys: Object.freeze([...apiKeys]),
    alertWebhookUrl: config.alertWebhookUrl === '' ? undefined : config.alertWebhookUrl,
    simulatedClock: config.simulatedClock,
    training: Object.freeze({
      rowCount: config.training?.rowCount ?? 5000,
      flavor: config.training?.flavor ?? 'logistic',
      seed: config.training?.seed ?? 1,
    }),
    monitor: Object.freeze({
      checkIntervalSeconds: config.monitor?.checkIntervalSeconds ?? 3600,
      windowSeconds: config.monitor?.windowSeconds ?? 3600,
      performanceWindowSeconds: config.monitor?.performanceWindowSeconds ?? 86_400,
      alerts,
    }),
    retraining: Object.freeze({
      delaySeconds: config.retraining?.delaySeconds ?? 86_400,
      trainingWindowSeconds: config.retraining?.trainingWindowSeconds ?? 86_400,
      minimumTrainingRows: config.retraining?.minimumTrainingRows ?? 500,
      flavor: config.retraining?.flavor ?? 'logistic',
      challengerTrafficShare: config.retraining?.challengerTrafficShare ?? 0.1,
      promotion: config.retraining?.promotion ?? {},
    }),
    profileWindowSeconds: config.profileWindowSeconds ?? 300,
    flushIntervalMillis: config.flushIntervalMillis ?? 1000,
    dashboard: config.dashboard ?? true,
    alertOutput: config.alertOutput,
    onEvent: config.onEvent ?? (() => {}),
    onError: config.onError ?? ((error: DriftwatchError) => console.warn(`[churn-service] ${error.code}: ${error.message}`)),
  });
}
