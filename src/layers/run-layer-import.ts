// Runs the layer import over a registry folder: matches every snapshot manifest to a board, derives its facts, then writes them or reports the differences.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSlug, type DeviceFamily, type DeviceType, type PartitionLayout } from '../schema/index.ts';
import { inheritFromFamily } from '../registry/inherit.ts';
import { serializeContract } from '../registry/serialize.ts';
import { applyDerived, differences, layerImageKind, type FactDifference } from './compare.ts';
import { chainFromLayer } from './bootloader-chain.ts';
import { deriveBoard, FLASHER_BOOT_LABEL, knownMachines } from './derive.ts';
import { EXCLUDED_MANIFESTS } from './excluded-manifests.ts';
import { readSnapshot, shippingRevision, type ManifestRevision } from './snapshot.ts';

export interface BoardImport {
  slug: string;
  manifest: string;
  revision: ManifestRevision;
  differences: FactDifference[];
  notes: string[];
}

export interface LayerImportReport {
  boards: BoardImport[];
  /** Manifests that are neither a board, an alias of one, nor excluded, by slug. */
  unaccounted: string[];
  /** Registry boards no manifest in the snapshot matches. */
  withoutLayer: string[];
  /** Manifests that only reach a board through an alias, so their facts are not imported twice. */
  aliasesOnly: { manifest: string; board: string }[];
  written: string[];
}

function readContracts<T>(root: string, type: string): Map<string, { file: string; contract: T }> {
  const out = new Map<string, { file: string; contract: T }>();
  const folder = join(root, type);
  if (!existsSync(folder)) return out;
  for (const slug of readdirSync(folder).sort()) {
    const file = join(folder, slug, 'contract.json');
    if (existsSync(file)) out.set(slug, { file, contract: JSON.parse(readFileSync(file, 'utf8')) as T });
  }
  return out;
}

/** The flasher table of the standard layouts: meta-balena's flasher recipe keeps the installed image's scheme. */
const FLASHER_LAYOUTS: Readonly<Record<string, string>> = {
  'balenaos-msdos': 'balenaos-msdos-flasher',
  'balenaos-gpt': 'balenaos-gpt-flasher',
};

/** Board slug by every slug and alias it answers to, the way lookups normalise them. */
function boardIndex(boards: Map<string, { contract: DeviceType }>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [slug, { contract }] of boards) index.set(slug, slug);
  for (const [slug, { contract }] of boards) for (const alias of contract.aliases ?? []) if (!index.has(alias)) index.set(alias, slug);
  return index;
}

/** Imports (or with `check`, only compares) every board's layer facts. */
export function importLayers(snapshotRoot: string, contractsRoot: string, options: { check: boolean }): LayerImportReport {
  const snapshot = readSnapshot(snapshotRoot);
  const boards = readContracts<DeviceType>(contractsRoot, 'hw.device-type');
  const families = readContracts<DeviceFamily>(contractsRoot, 'hw.device-family');
  const layouts = readContracts<PartitionLayout>(contractsRoot, 'sw.partition-layout');
  const index = boardIndex(boards);
  const machines = knownMachines(snapshot);
  const report: LayerImportReport = { boards: [], unaccounted: [], withoutLayer: [], aliasesOnly: [], written: [] };

  // A board's own slug beats an alias when several manifests reach it.
  const manifestFor = new Map<string, string>();
  for (const manifest of Object.keys(snapshot.boards).sort()) {
    const declared = shippingRevision(snapshot.boards[manifest]!)?.declaredSlug;
    const board = index.get(normalizeSlug(manifest)) ?? (declared ? index.get(normalizeSlug(declared)) : undefined);
    if (!board) {
      if (!(manifest in EXCLUDED_MANIFESTS)) report.unaccounted.push(manifest);
      continue;
    }
    const current = manifestFor.get(board);
    if (current === undefined || manifest === board) {
      if (current !== undefined) report.aliasesOnly.push({ manifest: current, board });
      manifestFor.set(board, manifest);
    } else report.aliasesOnly.push({ manifest, board });
  }

  for (const [slug, entry] of boards) {
    const manifest = manifestFor.get(slug);
    if (!manifest) {
      report.withoutLayer.push(slug);
      continue;
    }
    const revision = shippingRevision(snapshot.boards[manifest]!)!;
    const derived = deriveBoard(snapshot, manifest, revision, machines);
    const family = families.get(entry.contract.family)?.contract;
    const merged = inheritFromFamily(entry.contract, family);
    const layout = merged.partitions?.layout ? layouts.get(merged.partitions.layout)?.contract : undefined;
    const chain = chainFromLayer(derived.bootloader, merged.bootloader ?? []);
    if (chain) derived.facts.set('/bootloader', { value: chain.chain, source: derived.cite(chain.from) });
    // A flasher download on a standard layout gets the standard flasher table; other layouts need one by hand.
    const standardFlasher = FLASHER_LAYOUTS[merged.partitions?.layout ?? ''];
    const imageKind = layerImageKind(derived);
    if (imageKind === 'flasher' && standardFlasher)
      derived.facts.set('/partitions/flasherLayout', { value: standardFlasher, source: derived.facts.get('/yocto/image')!.source });
    // Where resin-boot starts is the image class's business only for its own image type (not, say, Edison's hddimg).
    const fstype = String(derived.facts.get('/yocto/fstype')?.value ?? '');
    if (!layout || !/^(balenaos|resinos)-img$/.test(fstype)) derived.facts.delete('/partitions/bootStartKiB');
    const flasherSlug = derived.facts.get('/partitions/flasherLayout')?.value ?? merged.partitions?.flasherLayout;
    if (!flasherSlug) derived.facts.delete(`/partitions/sizes/${FLASHER_BOOT_LABEL}`);
    if (imageKind === 'flasher' && !flasherSlug)
      derived.notes.push('a flasher download on a layout without a flasher table: describe it with partitions.flasherLayout');
    const flasherLayoutOf = (contract: DeviceType) => {
      const slug = inheritFromFamily(contract, family).partitions?.flasherLayout;
      return slug ? layouts.get(slug)?.contract : undefined;
    };
    if (!options.check) {
      const next = applyDerived(entry.contract, merged, layout, derived);
      const text = serializeContract('hw.device-type', next);
      if (text !== readFileSync(entry.file, 'utf8')) {
        writeFileSync(entry.file, text);
        report.written.push(slug);
      }
      const after = inheritFromFamily(next, family);
      report.boards.push({
        slug,
        manifest,
        revision,
        differences: differences(after, layout, derived, flasherLayoutOf(next)),
        notes: derived.notes,
      });
    } else
      report.boards.push({
        slug,
        manifest,
        revision,
        differences: differences(merged, layout, derived, flasherLayoutOf(entry.contract)),
        notes: derived.notes,
      });
  }
  return report;
}

/** Differences that no exception explains: what --check fails on. */
export function unexplained(report: LayerImportReport): { slug: string; difference: FactDifference }[] {
  return report.boards.flatMap((board) =>
    board.differences.filter((d) => !d.exception).map((difference) => ({ slug: board.slug, difference })),
  );
}
