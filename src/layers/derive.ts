// Derives one board's image facts from its layer revision: manifest facts, partition sizes, boot FAT32, hardware hints, each with its commit-pinned source.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerSource } from '../schema/index.ts';
import { evaluate, overridesNamed } from './bitbake.ts';
import type { BootloaderHints } from './bootloader-chain.ts';
import { deriveImageSizes } from './image-sizes.ts';
import { machineMetadata, readsUnderscoreOverrides, type MachineMetadata, type UpstreamFile } from './layer-metadata.ts';
import { manifestFacts, parseManifest, type ParsedManifest } from './manifest.ts';
import { metaBalenaFolder, pinnedUrl, revisionFolder, submodulePins, type LayerSnapshot, type ManifestRevision } from './snapshot.ts';
import { metaBalenaPin } from './snapshot-plan.ts';
import { publishedImageKind } from '../registry/image-kind.ts';
import { manifestPartitionNumber } from '../manifest/device-type-manifest.ts';

/** A fact read from the layer: its value and the file and line it came from. */
export interface DerivedFact {
  value: unknown;
  source: string;
}

export interface DerivedBoard {
  manifestSlug: string;
  revision: ManifestRevision;
  layer: Omit<LayerSource, 'facts' | 'exceptions'>;
  /** Facts by JSON pointer into the board contract; compare.ts says how each is compared and written. */
  facts: Map<string, DerivedFact>;
  /** Boot code the layer's image metadata names; the runner turns it into a chain with the board's current one. */
  bootloader: BootloaderHints;
  /** Where each hint's assignment lives, to cite it. */
  cite: (from: { file: string; line: number }) => string;
  /** What could not be derived, and why. */
  notes: string[];
}

/** meta-balena's flasher recipe labels its boot partition so, to keep it apart from the installed image's. */
export const FLASHER_BOOT_LABEL = 'flash-boot';

/** Manifest states onto Boardhub's: balena's "new", "experimental" and "preview" boards are not yet fully supported. */
const STATES: Record<string, 'released' | 'beta' | 'discontinued'> = {
  released: 'released',
  new: 'beta',
  experimental: 'beta',
  preview: 'beta',
  development: 'beta',
  discontinued: 'discontinued',
};

const parsedManifests = new Map<string, ParsedManifest>();
function readManifest(path: string): ParsedManifest {
  let hit = parsedManifests.get(path);
  if (!hit) {
    hit = parseManifest(readFileSync(path, 'utf8'));
    parsedManifests.set(path, hit);
  }
  return hit;
}

/** Every machine name the snapshot knows, from the manifests of every revision. */
export function knownMachines(snapshot: LayerSnapshot): Set<string> {
  const machines = new Set<string>();
  for (const revisions of Object.values(snapshot.boards))
    for (const revision of revisions) {
      const path = join(revisionFolder(snapshot, revision), revision.manifest);
      if (!existsSync(path)) continue;
      const machine = manifestFacts(readManifest(path)).yocto?.machine;
      if (machine) machines.add(machine);
    }
  return machines;
}

function citation(metadata: MachineMetadata, from: { file: string; line: number }): string {
  const file: UpstreamFile | undefined = metadata.files.get(from.file);
  if (!file) throw new Error(`internal: no upstream file recorded for ${from.file}`);
  return pinnedUrl(file.repo, file.commit, file.path, from.line);
}

/** The boot code a machine's image names: BALENA_IMAGE_BOOTLOADER, and an imx-boot container among the boot partition files. */
function bootloaderHints(metadata: MachineMetadata, notes: string[]): BootloaderHints {
  const options = { overrides: metadata.overrides, underscoreOverrides: metadata.underscoreOverrides };
  const hints: BootloaderHints = {};
  for (const variable of ['BALENA_IMAGE_BOOTLOADER', 'RESIN_IMAGE_BOOTLOADER']) {
    const result = evaluate(metadata.assignments, variable, options);
    const decided = result.from.at(-1);
    if (result.value === undefined || !decided) continue;
    const unknown = overridesNamed(metadata.assignments, variable, [], metadata.underscoreOverrides).filter(
      (name) => !metadata.overrides.includes(name) && !metadata.knownMachines.has(name),
    );
    if (unknown.length) notes.push(`${variable}: override ${unknown.map((n) => `"${n}"`).join(', ')} may apply; boot code not derived`);
    else hints.imageBootloader = { value: result.value, from: decided };
    break;
  }
  for (const variable of ['BALENA_BOOT_PARTITION_FILES', 'RESIN_BOOT_PARTITION_FILES']) {
    const result = evaluate(metadata.assignments, variable, options);
    const container = result.from.find((assignment) => /(^|[\s/:])imx-boot\b/.test(assignment.value));
    if (container && result.value && /imx-boot/.test(result.value)) hints.imxBoot = { from: container };
  }
  return hints;
}

/** Derives every fact the layer states for one manifest at its shipping revision. */
export function deriveBoard(
  snapshot: LayerSnapshot,
  manifestSlug: string,
  revision: ManifestRevision,
  machines: ReadonlySet<string>,
): DerivedBoard {
  const folder = revisionFolder(snapshot, revision);
  const notes: string[] = [];
  const facts = new Map<string, DerivedFact>();
  const manifestPath = join(folder, revision.manifest);
  const parsed = readManifest(manifestPath);
  for (const problem of parsed.problems) notes.push(`${revision.manifest}:${problem.line}:${problem.column}: ${problem.message}`);
  const manifest = manifestFacts(parsed);
  const cite = (pointer: string) => pinnedUrl(revision.repo, revision.commit, revision.manifest, parsed.lines.get(pointer) ?? 1);
  const put = (target: string, value: unknown, manifestPointer: string) => {
    // An empty string (the generic device types' machine) states nothing.
    if (value !== undefined && value !== '') facts.set(target, { value, source: cite(manifestPointer) });
  };

  const mbCommit = metaBalenaPin(submodulePins(folder));
  const mbPin = mbCommit ? snapshot.metaBalena[mbCommit] : undefined;
  const mbFolder = mbCommit ? metaBalenaFolder(snapshot, mbCommit) : undefined;
  const layer: DerivedBoard['layer'] = {
    repo: revision.repo,
    commit: revision.commit,
    date: revision.date.slice(0, 10),
    ...(revision.version ? { release: revision.version.trim() } : {}),
    manifest: revision.manifest,
    ...(revision.atHead ? {} : { removed: true, ...(revision.removedAt ? { removedAt: revision.removedAt.slice(0, 10) } : {}) }),
    ...(mbCommit
      ? { metaBalena: { commit: mbCommit, ...(mbPin?.tag || mbPin?.describe ? { release: (mbPin.tag ?? mbPin.describe)! } : {}) } }
      : {}),
  };
  if (!revision.version) notes.push('the revision has no VERSION file: its balenaOS release is unknown');

  if (!revision.atHead) facts.set('/state', { value: 'discontinued', source: cite('/slug') });
  else if (manifest.state !== undefined) {
    const state = STATES[manifest.state];
    if (state) put('/state', state, '/state');
    else notes.push(`state "${manifest.state}" has no Boardhub equivalent`);
  }
  put('/arch', manifest.arch, '/arch');
  // Without a machine nothing is built, so the other yocto keys are placeholders (a deployArtifact of "empty").
  if (manifest.yocto?.machine)
    for (const key of ['machine', 'image', 'fstype', 'deployArtifact', 'deployFlasherArtifact', 'compressed'] as const)
      put(`/yocto/${key}`, manifest.yocto[key], `/yocto/${key}`);
  const partition = manifest.configPartition;
  const number = partition === undefined ? undefined : manifestPartitionNumber(partition);
  const partitionPointer = typeof partition === 'number' ? '/configuration/config/partition' : '/configuration/config/partition/primary';
  if (number !== undefined)
    facts.set('/partitions/config', { value: { number, path: manifest.configPath ?? '/config.json' }, source: cite(partitionPointer) });

  const bootloader: BootloaderHints = {};
  let citeUpstream: DerivedBoard['cite'] = () => {
    throw new Error('internal: no layer metadata to cite');
  };
  const machine = manifest.yocto?.machine;
  if (!machine) notes.push('the manifest names no yocto machine: no BitBake facts derived');
  else if (!mbFolder) notes.push(`meta-balena ${mbCommit ?? '(no pin)'} is not in the snapshot: partition sizes not derived`);
  else if (!existsSync(join(folder, 'layers'))) notes.push('the revision has no layer metadata in the snapshot');
  else {
    const metaBalena = { commit: mbCommit!, folder: mbFolder };
    const underscores = readsUnderscoreOverrides(manifest.yocto?.version);
    const metadata = machineMetadata({ repo: revision.repo, commit: revision.commit, folder }, metaBalena, machine, machines, underscores);
    if (!metadata.machineConfInTree)
      notes.push(`conf/machine/${machine}.conf is in a BSP layer outside the snapshot: SoC-family overrides unknown`);
    const sizes = deriveImageSizes(metadata, metaBalena);
    notes.push(...sizes.unresolved);
    for (const [label, size] of Object.entries(sizes.sizes))
      facts.set(`/partitions/sizes/${label}`, { value: size!.value, source: citation(metadata, size!.from) });
    if (sizes.bootStartKiB)
      facts.set('/partitions/bootStartKiB', { value: sizes.bootStartKiB.value, source: citation(metadata, sizes.bootStartKiB.from) });
    if (sizes.bootFat32)
      facts.set('/partitions/bootFat32', { value: sizes.bootFat32.value, source: citation(metadata, sizes.bootFat32.from) });
    // A flasher download has a table of its own: its boot partition size is read from the flasher recipe's metadata.
    if (publishedImageKind(manifest.yocto) === 'flasher') {
      const flasher = machineMetadata(
        { repo: revision.repo, commit: revision.commit, folder },
        metaBalena,
        machine,
        machines,
        underscores,
        'flasher',
      );
      const boot = deriveImageSizes(flasher, metaBalena).sizes['resin-boot'];
      if (boot) facts.set(`/partitions/sizes/${FLASHER_BOOT_LABEL}`, { value: boot.value, source: citation(flasher, boot.from) });
    }
    citeUpstream = (from) => citation(metadata, from);
    Object.assign(bootloader, bootloaderHints(metadata, notes));
    const features = evaluate(metadata.assignments, 'MACHINE_FEATURES', {
      overrides: metadata.overrides,
      underscoreOverrides: underscores,
    });
    const words = new Set((features.value ?? '').split(/\s+/));
    const decided = features.from.at(-1);
    // The board layer only adds to the BSP's features, so a missing word means unknown, never false.
    for (const feature of ['wifi', 'bluetooth'] as const)
      if (words.has(feature) && decided)
        facts.set(`/hardware/${feature}`, {
          value: true,
          source: citation(metadata, features.from.find((a) => new RegExp(`\\b${feature}\\b`).test(a.value)) ?? decided),
        });
  }
  return { manifestSlug, revision, layer, facts, bootloader, cite: citeUpstream, notes };
}
