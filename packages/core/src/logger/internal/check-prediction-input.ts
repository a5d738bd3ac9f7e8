/**
 * Why a value handed to `log()` cannot be stored, or `undefined` when it can. Checks only what
 * a store relies on, with `typeof` tests that allocate nothing, so that one malformed record is
 * refused at the door instead of failing (and poisoning) a whole batch later. Feature values are
 * not inspected: they are stored as given.
 */
export function checkPredictionInput(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return 'the record is not an object';
  const record = input as Record<string, unknown>;
  if (typeof record.modelName !== 'string' || record.modelName === '') return 'modelName must be a non-empty string';
  if (typeof record.modelVersion !== 'string' || record.modelVersion === '') return 'modelVersion must be a non-empty string';
  const features = record.features;
  if (typeof features !== 'object' || features === null || Array.isArray(features)) return 'features must be an object';
  const prediction = record.prediction;
  if (prediction !== undefined && prediction !== null) {
    if (typeof prediction !== 'object') return 'prediction must be an object';
    const { score, label } = prediction as Record<string, unknown>;
    if (score !== undefined && score !== null && typeof score !== 'number') return 'prediction.score must be a number';
    if (label !== undefined && label !== null && typeof label !== 'string' && typeof label !== 'number' && typeof label !== 'boolean') {
      return 'prediction.label must be a string, number or boolean';
    }
  }
  const id = record.id;
  if (id !== undefined && (typeof id !== 'string' || id === '')) return 'id must be a non-empty string';
  const timestamp = record.timestamp;
  if (timestamp !== undefined && !(timestamp instanceof Date && timestamp.getTime() === timestamp.getTime())) {
    return 'timestamp must be a valid Date';
  }
  const latency = record.latencyMillis;
  if (latency !== undefined && !(typeof latency === 'number' && latency >= 0 && latency - latency === 0)) {
    return 'latencyMillis must be a finite number ≥ 0';
  }
  if (record.segment !== undefined && typeof record.segment !== 'string') return 'segment must be a string';
  if (record.requestId !== undefined && typeof record.requestId !== 'string') return 'requestId must be a string';
  if (record.status !== undefined && record.status !== 'ok' && record.status !== 'error') return "status must be 'ok' or 'error'";
  if (record.errorMessage !== undefined && typeof record.errorMessage !== 'string') return 'errorMessage must be a string';
  if (record.cacheHit !== undefined && typeof record.cacheHit !== 'boolean') return 'cacheHit must be a boolean';
  return undefined;
}
