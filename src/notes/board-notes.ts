// Renders a board's notes.md for the site: the parsed front matter, and the Markdown as HTML with raw HTML escaped.
import { existsSync, readFileSync } from 'node:fs';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { parseNotesFile } from './notes-file.ts';

export { notesFrontMatterSchema } from './notes-file.ts';

export interface BoardNotes {
  title?: string;
  verified?: string[];
  html: string;
}

/**
 * Markdown to HTML with raw HTML shown as text and only safe link protocols (micromark's defaults). Images become
 * links, so a page never loads a picture from elsewhere (privacy, and the CSP allows only this site's images).
 */
export function markdownToSafeHtml(markdown: string): string {
  const html = micromark(markdown, {
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
    allowDangerousHtml: false,
    allowDangerousProtocol: false,
  });
  // micromark writes images as <img src="..." alt="..." /> with both attributes already escaped.
  return html.replace(/<img src="([^"]*)" alt="([^"]*)"(?: title="[^"]*")? \/>/g, (_, src: string, alt: string) =>
    src ? `<a href="${src}">image: ${alt || src}</a>` : `image: ${alt}`,
  );
}

/** The notes of a board for rendering; validation has already refused a broken file, so a problem here is a bug. */
export function readBoardNotes(path: string): BoardNotes | undefined {
  if (!existsSync(path)) return undefined;
  const { notes, problems } = parseNotesFile(readFileSync(path, 'utf8'));
  if (!notes) throw new Error(`${path}:${problems[0]?.line ?? 1}: ${problems[0]?.found ?? 'unreadable'} (run npm run validate)`);
  return { ...notes.front, html: markdownToSafeHtml(notes.markdown) };
}
