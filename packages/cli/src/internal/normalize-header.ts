/** Column names from a CSV header: a blank name becomes `column_<position>`, as pandas-style index columns are unnamed. */
export function normalizeHeader(header: readonly string[]): string[] {
  return header.map((name, index) => (name.trim() === '' ? `column_${index + 1}` : name));
}
