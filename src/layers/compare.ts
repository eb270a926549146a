// Compares a board's effective facts with what its layer states, and writes the layer's facts into the contract (keeping sourced exceptions).
import { HOST_WRITABLE_FILESYSTEMS, type DeviceType, type LayerException, type PartitionLayout } from '../schema/index.ts';
import type { DerivedBoard } from './derive.ts';
import { partitionNumbers } from '../registry/partition-numbers.ts';
import { bootImageKind, publishedImageKind, type ImageKind } from '../registry/image-kind.ts';
import { diskGeometry } from '../image/disk-geometry.ts';

export interface FactDifference {
  pointer: string;
  contract: unknown;
  layer: unknown;
  source: string;
  /** The contract's exception for this fact, when it has one that still matches what the layer says. */
  exception?: LayerException;
  /** An exception that no longer matches the layer (the layer changed): it must be reviewed. */
  staleException?: LayerException;
}

/** The layer's image kind, from the yocto facts it derived. */
export function layerImageKind(derived: DerivedBoard): ImageKind | undefined {
  const text = (pointer: string) => {
    const value = derived.facts.get(pointer)?.value;
    return typeof value === 'string' ? value : undefined;
  };
  return publishedImageKind({ image: text('/yocto/image'), deployFlasherArtifact: text('/yocto/deployFlasherArtifact') });
}

function get(object: unknown, path: string[]): unknown {
  let at: any = object;
  for (const key of path) at = at?.[key];
  return at;
}

/** The value a consumer sees for a fact: the board's own, else its family's default, else its layout's. */
export function effectiveValue(
  pointer: string,
  merged: DeviceType,
  layout: PartitionLayout | undefined,
  flasherLayout?: PartitionLayout,
): unknown {
  const path = pointer.slice(1).split('/');
  if (path[0] === 'partitions' && path[1] === 'sizes')
    return merged.partitions?.sizes?.[path[2]!] ?? layout?.partitions.find((p) => p.label === path[2])?.size;
  if (pointer === '/partitions/config') {
    // balena numbers the partition in the image you download: for a flasher, the flasher image's own table.
    if (flasherLayout)
      return { number: partitionNumbers(flasherLayout).get(flasherLayout.config.partition), path: flasherLayout.config.path };
    const config = merged.partitions?.config ?? layout?.config;
    if (!config || !layout) return undefined;
    return { number: partitionNumbers(layout).get(config.partition), path: config.path };
  }
  if (pointer === '/boot/image') return bootImageKind(merged.boot);
  if (pointer === '/partitions/bootStartKiB') return layout ? bootStartKiB(merged, layout) : undefined;
  return get(merged, path);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Where the board's resin-boot starts on the disk, as the image class would place its table. */
export function bootStartKiB(merged: DeviceType, layout: PartitionLayout): number | undefined {
  const sizes = merged.partitions?.sizes ?? {};
  const table = {
    scheme: layout.scheme,
    alignmentKiB: layout.alignmentKiB,
    startOffsetKiB: merged.partitions?.startOffsetKiB ?? layout.startOffsetKiB,
    partitions: layout.partitions.map((p) => ({ ...p, size: Object.hasOwn(sizes, p.label) ? sizes[p.label]! : p.size })),
  };
  const boot = layout.partitions.find((p) => p.role === 'boot')?.label;
  const placed = diskGeometry(table, { fillMiB: 8, contentMiB: 16 }).partitions.find((p) => p.label === boot);
  return placed ? placed.startBytes / 1024 : undefined;
}

/** A layout whose first partition is resin-boot: there the layer's reserved space is simply where the table starts. */
const startsWithBoot = (layout: PartitionLayout | undefined) => layout?.partitions[0]?.role === 'boot';

/** Every fact where the board's effective value differs from its layer, each marked explained or not. */
export function differences(
  merged: DeviceType,
  layout: PartitionLayout | undefined,
  derived: DerivedBoard,
  flasherLayout?: PartitionLayout,
): FactDifference[] {
  const out: FactDifference[] = [];
  const exceptions = merged.layer?.exceptions ?? [];
  const facts = new Map(derived.facts);
  const kind = layerImageKind(derived);
  if (kind) facts.set('/boot/image', { value: kind, source: derived.facts.get('/yocto/image')!.source });
  for (const [pointer, fact] of facts) {
    const contract = effectiveValue(pointer, merged, layout, flasherLayout);
    if (same(contract, fact.value)) continue;
    const exception = exceptions.find((e) => e.fact === pointer);
    const difference: FactDifference = { pointer, contract, layer: fact.value, source: fact.source };
    if (exception && exception.layer === JSON.stringify(fact.value)) difference.exception = exception;
    else if (exception) difference.staleException = exception;
    out.push(difference);
  }
  return out;
}

/** Facts the importer writes; the rest (image kind) are checked only, because the contract expresses them differently. */
function write(contract: DeviceType, merged: DeviceType, layout: PartitionLayout | undefined, pointer: string, value: unknown): void {
  const path = pointer.slice(1).split('/');
  const board = contract as Record<string, any>;
  if (path[0] === 'partitions' && path[1] === 'sizes') {
    const label = path[2]!;
    const layoutSize = layout?.partitions.find((p) => p.label === label)?.size;
    const sizes: Record<string, number> = { ...(board.partitions?.sizes ?? {}) };
    if (layoutSize === value) delete sizes[label];
    else sizes[label] = value as number;
    board.partitions = { ...board.partitions, sizes: Object.keys(sizes).length ? sizes : undefined };
    return;
  }
  if (pointer === '/partitions/config') {
    if (merged.partitions?.flasherLayout) return; // the flasher layout's own config is what the check compares
    const { number, path: file } = value as { number: number; path: string };
    const label = layout ? [...partitionNumbers(layout)].find(([, n]) => n === number)?.[0] : undefined;
    // No such partition, or one a host cannot write config.json to: the check reports it rather than write nonsense.
    const partition = layout?.partitions.find((p) => p.label === label);
    if (!partition || !HOST_WRITABLE_FILESYSTEMS.includes(partition.filesystem)) return;
    const config = { partition: label, path: file };
    board.partitions = { ...board.partitions, config: same(config, layout?.config) ? undefined : config };
    return;
  }
  if (pointer === '/boot/image') return;
  if (pointer === '/partitions/bootStartKiB') {
    // Layouts with vendor partitions first place resin-boot by their own data: the check reports what differs.
    if (!startsWithBoot(layout)) return;
    const start = value === layout!.startOffsetKiB ? undefined : (value as number);
    board.partitions = { ...board.partitions, startOffsetKiB: start };
    return;
  }
  // Keep the board lean: a value its family already supplies is not repeated on the board.
  const inherited = get(merged, path);
  let at = board;
  for (const key of path.slice(0, -1)) at = at[key] = { ...(at[key] ?? {}) };
  const key = path.at(-1)!;
  if (path.length === 1 && same(inherited, value) && board[key] === undefined) return;
  at[key] = value;
}

function forget(contract: DeviceType, pointer: string): void {
  const path = pointer.slice(1).split('/');
  const parents: any[] = [contract];
  for (const key of path.slice(0, -1)) parents.push(parents.at(-1)?.[key]);
  if (!parents.at(-1) || typeof parents.at(-1) !== 'object') return;
  delete parents.at(-1)[path.at(-1)!];
  // Objects the removal leaves empty go too, so a forgotten fact leaves no trace such as "yocto": {}.
  for (let depth = path.length - 1; depth > 0; depth--)
    if (Object.keys(parents[depth] ?? {}).length === 0) delete parents[depth - 1][path[depth - 1]!];
}

/** The contract with every derived fact written, except where a current exception explains the difference. */
export function applyDerived(
  contract: DeviceType,
  merged: DeviceType,
  layout: PartitionLayout | undefined,
  derived: DerivedBoard,
): DeviceType {
  const next: DeviceType = structuredClone(contract);
  const exceptions = contract.layer?.exceptions ?? [];
  const kept = exceptions.filter((exception) => {
    const fact = derived.facts.get(exception.fact);
    return fact === undefined || exception.layer === JSON.stringify(fact.value);
  });
  for (const [pointer, fact] of derived.facts) {
    if (kept.some((e) => e.fact === pointer)) continue;
    write(next, merged, layout, pointer, fact.value);
  }
  // A fact the layer no longer states (or that can no longer be derived) goes back to what the family or layout says.
  for (const pointer of Object.keys(contract.layer?.facts ?? {})) if (!derived.facts.has(pointer)) forget(next, pointer);
  const facts = Object.fromEntries(
    [...derived.facts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([pointer, fact]) => [pointer, fact.source]),
  );
  next.layer = { ...derived.layer, facts, ...(kept.length ? { exceptions: exceptions.filter((e) => kept.includes(e)) } : {}) };
  if (next.partitions && Object.values(next.partitions).every((v) => v === undefined)) delete next.partitions;
  return next;
}
