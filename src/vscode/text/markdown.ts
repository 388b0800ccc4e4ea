/**
 * Escapes article text for a MarkdownString so that it shows as written and can never become a link,
 * an image, HTML or a command. (MarkdownString.appendText also escapes, but turns every space into
 * `&nbsp;`, which breaks wrapping and search in hovers.)
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}
