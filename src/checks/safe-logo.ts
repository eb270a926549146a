// Check: a board's logo is an SVG inside its own folder that cannot run script or load anything from elsewhere.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SaxesParser } from 'saxes';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { RegistryCheck } from './check.ts';
import { diagnosticAt } from './check.ts';

const RULE = 'safe-logo';
export const MAX_LOGO_BYTES = 64 * 1024;
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'iframe',
  'embed',
  'object',
  'image',
  'use',
  'animate',
  'set',
  'handler',
  'listener',
]);
const LINK_ATTRIBUTES = new Set(['href', 'xlink:href', 'src']);

/** Problems found in SVG text, each a short "found" phrase; empty when the SVG is safe. */
export function unsafeSvgParts(svg: string): string[] {
  const problems: string[] = [];
  const parser = new SaxesParser({ xmlns: false });
  let sawRoot = false;
  parser.on('doctype', () => problems.push('a DOCTYPE (entities can pull in outside content)'));
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() === 'xml-stylesheet') problems.push('an xml-stylesheet instruction');
  });
  // saxes keeps one handler per event, so each event has exactly one listener here.
  let inStyle = false;
  parser.on('opentag', (tag) => {
    const name = tag.name.toLowerCase();
    if (name === 'style') inStyle = true;
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    if (!sawRoot) {
      sawRoot = true;
      if (local !== 'svg') problems.push(`a <${tag.name}> root element instead of <svg>`);
    }
    if (FORBIDDEN_ELEMENTS.has(local)) problems.push(`a <${tag.name}> element`);
    for (const [attribute, value] of Object.entries(tag.attributes)) {
      const lower = attribute.toLowerCase();
      if (lower.startsWith('on')) problems.push(`an event-handler attribute ${attribute}`);
      if (LINK_ATTRIBUTES.has(lower) && !String(value).trim().startsWith('#'))
        problems.push(`a reference ${attribute}="${String(value).slice(0, 40)}" that leaves the file`);
      if (/url\s*\(\s*['"]?\s*(?!#)/i.test(String(value)) || /@import|expression\s*\(|javascript:/i.test(String(value)))
        problems.push(`a style that loads or runs something (${attribute})`);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name.toLowerCase() === 'style') inStyle = false;
  });
  const checkCss = (css: string) => {
    if (inStyle && (/url\s*\(\s*['"]?\s*(?!#)/i.test(css) || /@import|expression\s*\(|javascript:/i.test(css)))
      problems.push('a <style> that loads or runs something');
  };
  parser.on('text', checkCss);
  parser.on('cdata', checkCss);
  try {
    parser.write(svg).close();
  } catch (error) {
    problems.push(`malformed XML (${(error as Error).message.split('\n')[0]})`);
  }
  if (!sawRoot) problems.push('no <svg> element');
  return [...new Set(problems)];
}

export const safeLogo: RegistryCheck = {
  name: RULE,
  description:
    'A board’s logo is a file in its own folder and a static SVG: no script, no event handlers, no foreignObject, no outside references.',
  check({ boards }) {
    const out: Diagnostic[] = [];
    for (const { file, contract } of boards) {
      for (const extra of file.extraFiles) {
        if (extra.endsWith('.svg') && extra !== contract.logo) {
          out.push(
            diagnosticAt(RULE, file, [], {
              expected: 'only the SVG named by "logo" in the board folder',
              found: `an unreferenced file "${extra}"`,
              hint: `set "logo": "${extra}" or remove the file`,
            }),
          );
        }
      }
      if (!contract.logo) continue;
      if (!file.extraFiles.includes(contract.logo)) {
        out.push(
          diagnosticAt(RULE, file, ['logo'], {
            expected: `a file "${contract.logo}" beside contract.json`,
            found: 'no such file',
            hint: 'add the SVG to the board folder or remove "logo"',
          }),
        );
        continue;
      }
      const path = join(dirname(file.path), contract.logo);
      if (statSync(path).size > MAX_LOGO_BYTES) {
        out.push(
          diagnosticAt(RULE, file, ['logo'], {
            expected: `an SVG of at most ${MAX_LOGO_BYTES / 1024} KiB`,
            found: `${Math.round(statSync(path).size / 1024)} KiB`,
            hint: 'optimise it (e.g. with svgo)',
          }),
        );
        continue;
      }
      for (const problem of unsafeSvgParts(readFileSync(path, 'utf8'))) {
        out.push(diagnosticAt(RULE, file, ['logo'], { expected: 'a static SVG', found: problem, hint: 'remove it from the SVG' }));
      }
    }
    return out;
  },
};
