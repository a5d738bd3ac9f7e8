/** A typed array in JSON: its element type and its bytes, little-endian, in base64. */
export interface EncodedTypedArray {
  type: 'float64' | 'int32';
  base64: string;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Encodes a typed array bit for bit, so that floats survive a JSON round trip exactly and
 * a large model stays compact.
 *
 * @example
 * ```ts
 * decodeTypedArray(encodeTypedArray(new Float64Array([0.1]))); // Float64Array [0.1]
 * ```
 */
export function encodeTypedArray(array: Float64Array | Int32Array): EncodedTypedArray {
  assertLittleEndian();
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return { type: array instanceof Float64Array ? 'float64' : 'int32', base64: bytes.toString('base64') };
}

/** Reverses {@link encodeTypedArray}. */
export function decodeTypedArray(encoded: EncodedTypedArray): Float64Array | Int32Array {
  assertLittleEndian();
  const bytes = Buffer.from(encoded.base64, 'base64');
  const width = encoded.type === 'float64' ? 8 : 4;
  if (bytes.byteLength % width !== 0) throw new RangeError(`Corrupt ${encoded.type} array: ${bytes.byteLength} bytes.`);
  // Copy into a fresh, aligned buffer: a Buffer may be a view into a shared pool at any offset.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return encoded.type === 'float64' ? new Float64Array(copy) : new Int32Array(copy);
}

/** Decodes and checks the element type. */
export function decodeFloat64Array(encoded: EncodedTypedArray): Float64Array {
  const array = decodeTypedArray(encoded);
  if (!(array instanceof Float64Array)) throw new TypeError('Expected a float64 array.');
  return array;
}

/** Decodes and checks the element type. */
export function decodeInt32Array(encoded: EncodedTypedArray): Int32Array {
  const array = decodeTypedArray(encoded);
  if (!(array instanceof Int32Array)) throw new TypeError('Expected an int32 array.');
  return array;
}

function assertLittleEndian(): void {
  if (!littleEndian) throw new RangeError('Model serialization supports little-endian platforms only.');
}
