// Scaffolding a new board: checks the slug, finds boards with similar names, and writes a valid contract and a notes stub.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from 'fastest-levenshtein';
import type { Registry } from '../registry/registry.ts';
import { serializeContract } from '../registry/serialize.ts';
import { BOOT_MEDIA, SLUG_PATTERN, normalizeSlug, type BootMedium } from '../schema/vocabulary.ts';
import type { DeviceType } from '../schema/device-type.ts';

export interface NewBoard {
  slug: string;
  name: string;
  family: string;
  arch?: string;
  media?: BootMedium;
  sources: string[];
}

export interface ScaffoldProblem {
  field: keyof NewBoard;
  message: string;
}

const words = (text: string) => new Set(normalizeSlug(text).split('-').filter(Boolean));

/**
 * How much of the new name's meaning another name shares: shared words weighted by rarity (inverse document
 * frequency), so "Nano" counts for more than "Nvidia" or "Jetson", which most Jetson boards share.
 */
function wordOverlap(a: string, b: string, rarity: (word: string) => number): number {
  const [x, y] = [words(a), words(b)];
  const total = [...x].reduce((sum, w) => sum + rarity(w), 0);
  return total === 0 ? 0 : [...x].filter((w) => y.has(w)).reduce((sum, w) => sum + rarity(w), 0) / total;
}

/** Model numbers tell boards of one line apart: "Pi 4" is not "Pi 2", however alike the rest is. */
function modelNumbersClash(a: string, b: string): boolean {
  const numbers = (text: string) => [...words(text)].filter((w) => /^\d+$/.test(w));
  const [x, y] = [numbers(a), numbers(b)];
  return x.length > 0 && y.length > 0 && !x.some((n) => y.includes(n));
}

/** Boards whose name or slug is close to the new one's, so a contributor can spot a duplicate. */
export function similarBoards(registry: Registry, name: string, slug: string, limit = 5): { slug: string; name: string }[] {
  const wanted = [normalizeSlug(name), slug];
  const frequency = new Map<string, number>();
  for (const board of registry.boards) for (const word of words(board.name)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const rarity = (word: string) => Math.log((registry.boards.length + 1) / ((frequency.get(word) ?? 0) + 1)) + 0.1;
  const score = (b: Registry['boards'][number]) =>
    Math.min(
      1 - wordOverlap(name, b.name, rarity),
      ...wanted.flatMap((w) => [b.slug, normalizeSlug(b.name), ...b.aliases].map((n) => distance(w, n) / Math.max(w.length, n.length, 1))),
    ) + (modelNumbersClash(name, b.name) ? 0.3 : 0);
  return registry.boards
    .map((b) => ({ b, score: score(b) }))
    .filter((s) => s.score <= 0.4)
    .sort((a, b) => a.score - b.score || a.b.slug.localeCompare(b.b.slug))
    .slice(0, limit)
    .map(({ b }) => ({ slug: b.slug, name: b.name }));
}

export function checkNewBoard(registry: Registry, input: Partial<NewBoard>): ScaffoldProblem[] {
  const problems: ScaffoldProblem[] = [];
  const family = input.family ? registry.families.find((f) => f.slug === input.family) : undefined;
  if (!input.slug) problems.push({ field: 'slug', message: 'give a slug (--slug), e.g. acme-gateway' });
  else if (!SLUG_PATTERN.test(input.slug))
    problems.push({ field: 'slug', message: `"${input.slug}" is not a slug; try "${normalizeSlug(input.slug)}"` });
  else if (registry.board(input.slug)) {
    const owner = registry.board(input.slug)!;
    problems.push({
      field: 'slug',
      message:
        owner.slug === input.slug
          ? `"${input.slug}" is already the board ${owner.name}`
          : `"${input.slug}" is already an alias of ${owner.slug}`,
    });
  }
  if (!input.name) problems.push({ field: 'name', message: 'give the board name (--name)' });
  if (!input.family)
    problems.push({ field: 'family', message: `give a family (--family): one of ${registry.families.map((f) => f.slug).join(', ')}` });
  else if (!family)
    problems.push({
      field: 'family',
      message: `no family "${input.family}"; the families are listed with \`ls contracts/hw.device-family\``,
    });
  if (!input.arch && !family?.defaults?.arch)
    problems.push({
      field: 'arch',
      message: `give the architecture (--arch): one of ${registry.architectures.map((a) => a.slug).join(', ')}`,
    });
  if (input.arch && !registry.architectures.some((a) => a.slug === input.arch))
    problems.push({ field: 'arch', message: `no architecture "${input.arch}"` });
  if (!input.media && !family?.defaults?.boot?.defaultMedia)
    problems.push({ field: 'media', message: `give the default boot medium (--media): one of ${BOOT_MEDIA.join(', ')}` });
  if (input.media && !BOOT_MEDIA.includes(input.media))
    problems.push({ field: 'media', message: `"${input.media}" is not one of ${BOOT_MEDIA.join(', ')}` });
  if (!input.sources?.length)
    problems.push({ field: 'sources', message: 'give at least one public URL that backs the facts (--source https://...)' });
  else
    for (const source of input.sources)
      if (!/^https?:\/\/\S+$/.test(source)) problems.push({ field: 'sources', message: `"${source}" is not an http(s) URL` });
  return problems;
}

export function newBoardContract(input: NewBoard): DeviceType {
  return {
    type: 'hw.device-type',
    slug: input.slug,
    name: input.name,
    family: input.family,
    state: 'beta',
    ...(input.arch ? { arch: input.arch } : {}),
    ...(input.media ? { boot: { defaultMedia: input.media } } : {}),
    sources: input.sources,
  };
}

export const NOTES_STUB = '---\ntitle: Notes\nverified: []\n---\n';

/** Writes contracts/hw.device-type/<slug>/contract.json and notes.md; returns the folder. */
export function writeNewBoard(contractsDir: string, input: NewBoard): string {
  const folder = join(contractsDir, 'hw.device-type', input.slug);
  if (existsSync(folder)) throw new Error(`${folder} already exists`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'contract.json'),
    serializeContract('hw.device-type', newBoardContract(input) as unknown as Record<string, unknown>),
  );
  writeFileSync(join(folder, 'notes.md'), NOTES_STUB);
  return folder;
}
