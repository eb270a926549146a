// CLI: `npm run new` creates a board from flags or by asking, checks for duplicates, validates, and says what to fill in next.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadRegistry, validateRegistry } from '../src/registry/validate.ts';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.ts';
import { checkNewBoard, similarBoards, writeNewBoard, type NewBoard } from '../src/scaffold/new-board.ts';
import type { BootMedium } from '../src/schema/vocabulary.ts';
import { isMain, run } from './cli.ts';

export async function newCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      family: { type: 'string' },
      arch: { type: 'string' },
      media: { type: 'string' },
      source: { type: 'string', multiple: true },
      contracts: { type: 'string', default: 'contracts' },
      yes: { type: 'boolean' },
    },
  });
  const registry = loadRegistry(values.contracts);
  const input: Partial<NewBoard> = {
    slug: values.slug,
    name: values.name,
    family: values.family,
    arch: values.arch,
    media: values.media as BootMedium | undefined,
    sources: values.source ?? [],
  };
  if (process.stdin.isTTY && !values.yes) {
    const ask = createInterface({ input: process.stdin, output: process.stdout });
    input.name ||= (await ask.question('Board name: ')).trim();
    input.slug ||= (await ask.question('Slug (lowercase, hyphens): ')).trim();
    input.family ||= (await ask.question(`Family (${registry.families.length} exist, e.g. raspberrypi): `)).trim();
    if (!registry.families.find((f) => f.slug === input.family)?.defaults?.arch)
      input.arch ||= (await ask.question('Architecture (aarch64, armv7hf, amd64...): ')).trim() || undefined;
    input.media ||= ((await ask.question('Default boot medium (sdcard, internal, usb...): ')).trim() || undefined) as
      BootMedium | undefined;
    if (!input.sources?.length) input.sources = [(await ask.question('A source URL for these facts: ')).trim()].filter(Boolean);
    ask.close();
  }
  const similar = input.name && input.slug ? similarBoards(registry, input.name, input.slug) : [];
  if (similar.length)
    console.log(`Boards with similar names (is it one of these?):\n${similar.map((b) => `  ${b.slug}: ${b.name}`).join('\n')}`);
  const problems = checkNewBoard(registry, input);
  if (problems.length) {
    for (const p of problems) console.error(`✖ ${p.field}: ${p.message}`);
    return 1;
  }
  const folder = writeNewBoard(values.contracts, input as NewBoard);
  console.log(`✔ wrote ${folder}/contract.json and notes.md`);
  const result = validateRegistry(values.contracts);
  for (const d of result.diagnostics) console.error(formatDiagnostic(d));
  if (result.diagnostics.length) return 1;
  const board = result.registry!.board(input.slug!)!;
  console.log(`✔ the registry validates; ${board.name} installs by ${board.installMethod.method}`);
  console.log(`Next:
  - add what you know, with a source for each fact: "soc", "hardware" (wifi, bluetooth, ethernet, hdmi, led, internalStorage), "links", "yocto"
  - check "boot" (alternateMedia, flashProtocol) and the inherited boot chain and layout: npm run validate
  - read the install steps: npm run instructions -- ${board.slug} --os windows (and macos, linux); override points in "instructions" if the board differs
  - note tested hardware revisions in ${folder}/notes.md ("verified"), then set "state": "released" when it is proven`);
  return 0;
}

if (isMain(import.meta.url)) await run(() => newCommand(process.argv.slice(2)));
