// An EventStore that accepts everything at once, for benchmarks that measure the code in front
// of storage (the logger, the middleware) rather than storage itself.
export const noopEventStore = Object.freeze({
  async migrate() {},
  async writePredictions() {},
  async writeOutcomes() {},
  async writeWindowProfiles() {},
  async writeCheckResults() {},
  async writeAlerts() {},
  async recordAlertDeliveries() {},
  async writeBaseline() {},
  async readPredictions() { return []; },
  async readPrediction() { return undefined; },
  async readLabelledPredictions() { return []; },
  async readWindowProfiles() { return []; },
  async readCheckResults() { return []; },
  async readAlerts() { return []; },
  async readBaseline() { return undefined; },
  async listModels() { return []; },
  async deleteBefore() { return { predictions: 0, outcomes: 0, windowProfiles: 0, checkResults: 0 }; },
  async shutdown() {},
});
