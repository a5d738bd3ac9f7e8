// The churn example's public surface: the service, its simulated clock, the demo, and the
// synthetic data, scenarios and traffic it runs on. Everything else is internal to the example.

// Service
export { createChurnService, churnModelName, dashboardPath } from './service/create-churn-service.js';
export type { ChurnService } from './service/create-churn-service.js';
export type { ChurnServiceConfig, ChurnStorageConfig } from './service/churn-service-config.js';
export type { ChurnServiceEvent } from './service/churn-service-event.js';
export { readChurnServiceEnvironment } from './service/read-churn-service-environment.js';
export type { ChurnServiceEnvironment } from './service/read-churn-service-environment.js';
export { churnRequestSchema } from './service/churn-request-schema.js';
export type { ChurnFeatures, ChurnRequest } from './service/churn-request-schema.js';
export { toChurnFeatures } from './service/to-churn-features.js';
export { trainChurnModel } from './service/train-churn-model.js';
export type { TrainChurnModelOptions, TrainedChurnModel } from './service/train-churn-model.js';
export { createDeferredJobQueue } from './service/create-deferred-job-queue.js';
export type { DeferredJobQueueConfig } from './service/create-deferred-job-queue.js';
export { scheduleChecks } from './service/schedule-checks.js';
export type { CheckSchedule, ScheduleChecksOptions } from './service/schedule-checks.js';

// Simulated time
export { createSimulatedClock } from './service/simulated-clock.js';
export type { SimulatedClock, SimulatedClockConfig } from './service/simulated-clock.js';
export { advanceSimulatedClock, simulatedTimeHeader } from './service/advance-simulated-clock.js';
export { dayMillis, defaultOnsetMillis, hourMillis, simulationStartMillis } from './scenarios/simulated-time.js';

// Demo
export { runDemo } from './demo/run-demo.js';
export type { DemoReport, DemoStep, RunDemoOptions } from './demo/run-demo.js';
export { createDemoScenario } from './demo/create-demo-scenario.js';
export type { DemoScenarioConfig } from './demo/create-demo-scenario.js';
export { demoPlan, demoServiceSettings } from './demo/demo-plan.js';

// Synthetic data, scenarios and traffic
export { generateTelcoCustomers } from './data/generate-telco-customers.js';
export type { LabelledTelcoCustomer, TelcoCustomer } from './data/telco-customer.js';
export { createDriftScenario } from './scenarios/create-drift-scenario.js';
export type { DriftScenarioConfig } from './scenarios/create-drift-scenario.js';
export type { DriftScenario } from './scenarios/drift-scenario.js';
export { scenarioNames } from './scenarios/scenario-names.js';
export type { ScenarioName } from './scenarios/scenario-names.js';
export { simulateTraffic } from './traffic/simulate-traffic.js';
export type { SimulateTrafficConfig } from './traffic/simulate-traffic.js';
export { sendTraffic } from './traffic/send-traffic.js';
export type { SendTrafficConfig, SendTrafficResult } from './traffic/send-traffic.js';
export type { TrafficEvent, TrafficOutcome, TrafficRequest } from './traffic/traffic-event.js';
