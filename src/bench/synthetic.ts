// Synthetic registries for scale benchmarks: the real families, layouts and stages, and N boards cloned from the real ones with new slugs.
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a registry of `count` boards into `target`. Boards cycle through the real ones, so every install method,
 * family, layout and instruction override keeps its real share; every fifth board gets a notes file.
 */
export function writeSyntheticRegistry(source: string, target: string, count: number): void {
  for (const type of readdirSync(source))
    if (type !== 'hw.device-type') cpSync(join(source, type), join(target, type), { recursive: true });
  const templates = readdirSync(join(source, 'hw.device-type'))
    .sort()
    .map((slug) => JSON.parse(readFileSync(join(source, 'hw.device-type', slug, 'contract.json'), 'utf8')));
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length];
    const slug = `${template.slug}-n${i}`;
    const { aliases: _aliases, logo: _logo, ...rest } = template;
    const folder = join(target, 'hw.device-type', slug);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'contract.json'), `${JSON.stringify({ ...rest, slug, name: `${template.name} #${i}` }, null, 2)}\n`);
    if (i % 5 === 0)
      writeFileSync(
        join(folder, 'notes.md'),
        `---\ntitle: Notes\nverified: ["rev ${i % 3}"]\n---\nTested on revision ${i % 3}; see the vendor manual for the jumper settings.\n`,
      );
  }
}
