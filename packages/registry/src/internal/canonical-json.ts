/**
 * JSON text with object keys sorted at every level, so that equal values give equal text (and
 * equal SHA-256 digests) however a database reordered their keys, as PostgreSQL's `jsonb` does.
 * Follows `JSON.stringify` otherwise: `undefined` and functions are left out of objects and become
 * `null` in arrays, non-finite numbers become `null`, and `toJSON()` is honoured.
 *
 * @example
 * ```ts
 * import { canonicalJson } from './canonical-json.js';
 * canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] }); // '{"a":[true,{"c":"x","d":null}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join('');
}

function write(value: unknown, parts: string[]): boolean {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      parts.push(JSON.stringify(value));
      return true;
    case 'number':
      parts.push(Number.isFinite(value) ? JSON.stringify(value) : 'null');
      return true;
    case 'bigint':
      throw new TypeError('canonicalJson cannot serialize a BigInt.');
    case 'undefined':
    case 'function':
    case 'symbol':
      return false;
    default:
      break;
  }
  if (value === null) {
    parts.push('null');
    return true;
  }
  if (Array.isArray(value)) {
    parts.push('[');
    value.forEach((item, index) => {
      if (index > 0) parts.push(',');
      if (!write(item, parts)) parts.push('null');
    });
    parts.push(']');
    return true;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  parts.push('{');
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    if (!first) parts.push(',');
    parts.push(JSON.stringify(key), ':');
    write(item, parts);
    first = false;
  }
  parts.push('}');
  return true;
}
