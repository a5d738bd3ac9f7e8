/**
 * A copy of `text` that does not keep alive the string it was cut from. V8 represents a substring
 * of 13 or more characters as a view into its parent, so a category cut from a parser's 64 KiB
 * chunk would otherwise hold the whole chunk for the life of the column: a column whose distinct
 * values first appear in different chunks would keep most of the file's text. Concatenating
 * forces a flat copy when sliced.
 */
export function detachString(text: string): string {
  return (' ' + text).slice(1);
}
