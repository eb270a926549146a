// Reads a board's optional notes.md: gray-matter front matter checked by zod, Markdown rendered by micromark with raw HTML escaped.
import { existsSync, readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { z } from 'zod';

export const notesFrontMatterSchema = z
  .strictObject({
    title: z.string().min(1).max(120).describe('Heading shown above the notes.').optional(),
    verified: z.array(z.string().min(1).max(60)).max(20).describe('Hardware revisions the instructions were verified on.').optional(),
  })
  .describe('Front matter of a board notes.md file.');

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

export function readBoardNotes(path: string): BoardNotes | undefined {
  if (!existsSync(path)) return undefined;
  // gray-matter would turn unquoted YAML dates into Date objects; the schema only accepts strings, so that fails loudly.
  const parsed = matter(readFileSync(path, 'utf8'));
  const front = notesFrontMatterSchema.parse(parsed.data);
  return { ...front, html: markdownToSafeHtml(parsed.content) };
}
