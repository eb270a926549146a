// Derives the partition sizes of a machine's balena image from its BitBake metadata and the root-size rule of the meta-balena it pins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, inlinePython, overridesNamed, type Assignment } from './bitbake.ts';
import type { MachineMetadata, MetaBalenaTree } from './layer-metadata.ts';

/** Partition labels of the balenaOS image, the keys of a board's `partitions.sizes`. */
export const IMAGE_PARTITIONS = { boot: 'resin-boot', rootA: 'resin-rootA', rootB: 'resin-rootB', state: 'resin-state' } as const;

export interface DerivedValue<T> {
  value: T;
  /** The assignment (or rule line) it was read from. */
  from: { file: string; line: number };
}

export interface ImageSizes {
  /** Sizes in MiB by partition label, aligned as the image class aligns them. */
  sizes: Partial<Record<(typeof IMAGE_PARTITIONS)[keyof typeof IMAGE_PARTITIONS], DerivedValue<number>>>;
  bootFat32?: DerivedValue<boolean>;
  /** DEVICE_SPECIFIC_SPACE in KiB: where the image class starts resin-boot. */
  bootStartKiB?: DerivedValue<number>;
  /** Why a size is not given: what could not be resolved. */
  unresolved: string[];
}

/** The variable prefix of the pinned meta-balena: RESIN_ before the rename, BALENA_ after. */
function prefixOf(assignments: readonly Assignment[]): 'BALENA_' | 'RESIN_' {
  return assignments.some((a) => a.name === 'BALENA_BOOT_SIZE') ? 'BALENA_' : 'RESIN_';
}

function decisive(result: ReturnType<typeof evaluate>) {
  const last = result.from.at(-1);
  return last ? { file: last.file, line: last.line } : undefined;
}

/** Safe integer arithmetic of digits, + - * / and parentheses; anything else is not evaluated. */
export function integerArithmetic(expression: string): number | undefined {
  if (!/^[\d\s+\-*/()]+$/.test(expression)) return undefined;
  let at = 0;
  const text = expression.replace(/\s+/g, '');
  const peek = () => text[at];
  function primary(): number | undefined {
    if (peek() === '(') {
      at++;
      const value = sum();
      if (peek() !== ')') return undefined;
      at++;
      return value;
    }
    const digits = /^\d+/.exec(text.slice(at))?.[0];
    if (!digits) return undefined;
    at += digits.length;
    return Number(digits);
  }
  function product(): number | undefined {
    let value = primary();
    while (value !== undefined && (peek() === '*' || peek() === '/')) {
      const op = text[at++];
      const right = primary();
      if (right === undefined || (op === '/' && right === 0)) return undefined;
      value = op === '*' ? value * right : Math.trunc(value / right);
    }
    return value;
  }
  function sum(): number | undefined {
    let value = product();
    while (value !== undefined && (peek() === '+' || peek() === '-')) {
      const op = text[at++];
      const right = product();
      if (right === undefined) return undefined;
      value = op === '+' ? value + right : value - right;
    }
    return value;
  }
  const value = sum();
  return at === text.length ? value : undefined;
}

/** The root-size rule of a meta-balena revision: the image budget in MiB that balena_rootfs_size() shares between two roots. */
export function rootfsBudget(metaBalena: MetaBalenaTree, classFile: string): DerivedValue<number> | undefined {
  const text = readFileSync(join(metaBalena.folder, classFile), 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^def\s+balena_rootfs_size\s*\(/.test(line));
  if (start < 0) return undefined;
  for (let at = start + 1; at < lines.length && /^(\s|$)/.test(lines[at]!); at++) {
    const budget = /\(\(\s*(\d+)\s*\*\s*1024\s*\)\s*-\s*boot_part_size\s*-\s*state_part_size\s*\)\s*\/\s*2/.exec(lines[at]!);
    if (budget) return { value: Number(budget[1]), from: { file: classFile, line: at + 1 } };
  }
  return undefined;
}

const align = (kib: number, alignment: number) => Math.ceil(kib / alignment) * alignment;

function numberOf(result: ReturnType<typeof evaluate>): number | undefined {
  const text = result.value?.trim();
  return text && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Sizes of boot, both roots and state for the machine. Boot and state are the configured sizes rounded up to the
 * image alignment; the root size is IMAGE_ROOTFS_SIZE, which newer meta-balena computes from boot and state.
 */
export function deriveImageSizes(metadata: MachineMetadata, metaBalena: MetaBalenaTree | undefined): ImageSizes {
  const out: ImageSizes = { sizes: {}, unresolved: [] };
  const { assignments, overrides } = metadata;
  const classFileName = [...metadata.files.values()].find(
    (file) => file.repo === 'balena-os/meta-balena' && /\/classes\/image_types_(balena|resin)\.bbclass$/.test(file.path),
  )?.path;
  const prefix = prefixOf(assignments);
  const options = { overrides, underscoreOverrides: metadata.underscoreOverrides };
  const unknown = { value: undefined, from: [], unresolved: [], expandedFrom: [] };
  /** The variable's value, or no value when code or an override we cannot resolve may decide it (unknown beats wrong). */
  const read = (variable: string, reportUnresolved = true): ReturnType<typeof evaluate> => {
    const result = evaluate(assignments, variable, options);
    // A Python function writing the variable (for an active override or none) decides it at build time.
    const written = metadata.pythonWrites.find((write) => {
      const [name, ...conditions] = write.name.split(':');
      return name === variable && conditions.every((condition) => overrides.includes(condition));
    });
    if (written) {
      out.unresolved.push(`${variable}: set by Python code (${write(written)}), which is never run; not derived`);
      return unknown;
    }
    const undecidable = overridesNamed(assignments, variable, [], metadata.underscoreOverrides).filter(
      (name) => !overrides.includes(name) && !metadata.knownMachines.has(name) && !INACTIVE_OVERRIDES.has(name),
    );
    if (undecidable.length) {
      out.unresolved.push(
        `${variable}: override ${undecidable.map((name) => `"${name}"`).join(', ')} may apply (a machine configuration outside the snapshot would declare it); not derived`,
      );
      return unknown;
    }
    if (reportUnresolved) out.unresolved.push(...result.unresolved);
    return result;
  };

  const alignmentResult = read(`${prefix}IMAGE_ALIGNMENT`);
  if (alignmentResult === unknown) return out;
  const alignment = numberOf(alignmentResult) ?? 4096;
  const toMiB = (kib: number) => align(kib, alignment) / 1024;

  const boot = read(`${prefix}BOOT_SIZE`);
  const bootKiB = numberOf(boot);
  if (bootKiB !== undefined) out.sizes[IMAGE_PARTITIONS.boot] = { value: toMiB(bootKiB), from: decisive(boot)! };
  else if (boot !== unknown) out.unresolved.push(`${prefix}BOOT_SIZE: no numeric value (${JSON.stringify(boot.value)})`);

  const state = read(`${prefix}STATE_SIZE`);
  const stateKiB = numberOf(state);
  if (stateKiB !== undefined) out.sizes[IMAGE_PARTITIONS.state] = { value: toMiB(stateKiB), from: decisive(state)! };
  else if (state !== unknown) out.unresolved.push(`${prefix}STATE_SIZE: no numeric value (${JSON.stringify(state.value)})`);

  const root = read('IMAGE_ROOTFS_SIZE', false);
  let rootKiB = numberOf(root);
  let rootFrom = decisive(root);
  const call = root.value === undefined ? undefined : inlinePython(root.value.trim());
  if (rootKiB === undefined && call !== undefined) {
    const aligned = /^disk_aligned\(\s*d\s*,\s*(.+)\)$/.exec(call.trim());
    if (aligned) rootKiB = integerArithmetic(aligned[1]!);
    else if (/^balena_rootfs_size\(\s*d\s*\)$/.test(call.trim()) && metaBalena && classFileName) {
      const budget = rootfsBudget(metaBalena, classFileName);
      if (budget && bootKiB !== undefined && stateKiB !== undefined) {
        rootKiB = Math.trunc((budget.value * 1024 - bootKiB - stateKiB) / 2);
        rootFrom = { file: `balena-os/meta-balena@${metaBalena.commit}:${classFileName}`, line: budget.from.line };
      }
    }
  }
  if (rootKiB !== undefined && rootKiB > 0 && rootFrom) {
    out.sizes[IMAGE_PARTITIONS.rootA] = { value: toMiB(rootKiB), from: rootFrom };
    const rootB = read(`${prefix}ROOTB_SIZE`);
    const rootBKiB = numberOf(rootB);
    if (rootBKiB !== undefined) out.sizes[IMAGE_PARTITIONS.rootB] = { value: toMiB(rootBKiB), from: decisive(rootB)! };
    else if (rootB !== unknown) out.sizes[IMAGE_PARTITIONS.rootB] = { value: toMiB(rootKiB), from: rootFrom };
  } else if (root !== unknown)
    out.unresolved.push(`IMAGE_ROOTFS_SIZE: cannot be computed from ${JSON.stringify(root.value)}`, ...root.unresolved);

  const space = read('DEVICE_SPECIFIC_SPACE');
  const spaceKiB = numberOf(space);
  if (spaceKiB !== undefined && decisive(space)) out.bootStartKiB = { value: spaceKiB, from: decisive(space)! };

  const fat32 = read('BALENA_BOOT_FAT32');
  const fat32From = decisive(fat32);
  if (fat32.value !== undefined && fat32From) out.bootFat32 = { value: fat32.value.trim() === '1', from: fat32From };
  return out;
}

function write(at: { file: string; line: number }): string {
  return `${at.file.replace(/^[^:]*:/, '')}:${at.line}`;
}

/** Overrides that are never active in a released, non-secure-boot build of balena-image. */
const INACTIVE_OVERRIDES = new Set(['sb', 'class-native', 'class-nativesdk', 'pn-balena-image-flasher', 'pn-balena-image-initramfs']);
