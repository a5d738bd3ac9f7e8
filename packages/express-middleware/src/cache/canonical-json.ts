/**
 * JSON text of `value` with object keys sorted at every level, so that two objects with the
 * same content give the same text whatever order their keys were written in. Otherwise it
 * follows `JSON.stringify`: `undefined` and functions are left out of objects (and become
 * `null` in arrays), non-finite numbers become `null`, `toJSON` is honoured. Throws on a
 * cycle or a `BigInt`, as `JSON.stringify` does.
 *
 * @example
 * ```ts
 * import { canonicalJson } from '@driftwatch/express-middleware';
 * canonicalJson({ b: 1, a: [true, null] }) === canonicalJson({ a: [true, null], b: 1 }); // true: '{"a":[true,null],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set()) ?? 'null';
}

function write(value: unknown, ancestors: Set<object>): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson cannot serialize a BigInt.');
    default:
      break;
  }
  const object = value as object & { toJSON?: () => unknown };
  if (typeof object.toJSON === 'function') return write(object.toJSON(), ancestors);
  if (ancestors.has(object)) throw new TypeError('canonicalJson cannot serialize a cycle.');
  ancestors.add(object);
  let text: string;
  if (Array.isArray(object)) {
    text = `[${object.map((item) => write(item, ancestors) ?? 'null').join(',')}]`;
  } else {
    const record = object as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = write(record[key], ancestors);
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
    }
    text = `{${parts.join(',')}}`;
  }
  ancestors.delete(object);
  return text;
}
