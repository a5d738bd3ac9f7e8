/** True for the empty string and text made only of whitespace: the CLI's one rule for a missing text value. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  // Skip trim() for the common case of text that starts with a visible ASCII character.
  if (first > 32 && first < 127) return false;
  return text.trim().length === 0;
}
