/**
 * True when `value` nests objects and arrays deeper than `maxDepth` (a flat object has depth
 * 1). Iterative, so a hostile body of a million `[` cannot overflow the stack here, and it stops
 * at the first level that is too deep. A flat body (the common case) allocates nothing. Run on
 * every body before a schema, a hash or a store walks it recursively.
 */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (maxDepth < 1) return true;
  let pending: object[] | undefined;
  let pendingDepths: number[] | undefined;
  let node: object = value;
  let depth = 1;
  for (;;) {
    // for…in rather than Object.values: a flat object, the usual body, then allocates nothing.
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        const child: unknown = node[index];
        if (typeof child !== 'object' || child === null) continue;
        if (depth + 1 > maxDepth) return true;
        (pending ??= []).push(child);
        (pendingDepths ??= []).push(depth + 1);
      }
    } else {
      const record = node as Record<string, unknown>;
      for (const key in record) {
        const child = record[key];
        if (typeof child !== 'object' || child === null) continue;
        if (depth + 1 > maxDepth) return true;
        (pending ??= []).push(child);
        (pendingDepths ??= []).push(depth + 1);
      }
    }
    if (pending === undefined || pending.length === 0) return false;
    node = pending.pop()!;
    depth = pendingDepths!.pop()!;
  }
}
