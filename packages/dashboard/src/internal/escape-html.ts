const replacements: Readonly<Record<string, string>> = Object.freeze({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @example
 * ```ts
 * import { escapeHtml } from './escape-html.js';
 * escapeHtml('<b title="x">'); // '&lt;b title=&quot;x&quot;&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => replacements[character]!);
}
