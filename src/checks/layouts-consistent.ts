// Check: partition layouts can exist on a disk (fill last, unique labels, MBR limits, aligned sizes, a writable config partition) and board overrides fit them.
import { HOST_WRITABLE_FILESYSTEMS, type PartitionLayout } from '../schema/index.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import type { ContractFile } from '../registry/read-tree.ts';
import { inheritFromFamily } from '../registry/inherit.ts';
import type { RegistryCheck } from './check.ts';
import { diagnosticAt } from './check.ts';

const RULE = 'layouts-consistent';
const MBR_PRIMARY_ENTRIES = 4;
const GPT_ENTRIES = 128;
/** The OS's own partitions are aligned; vendor firmware and reserved areas follow the vendor's flashing tools. */
const ALIGNED_ROLES = new Set(['boot', 'root-a', 'root-b', 'state', 'data']);

function checkLayout(file: ContractFile, layout: PartitionLayout): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: PropertyKey[], expected: string, found: string, hint?: string) =>
    out.push(diagnosticAt(RULE, file, path, { expected, found, hint }));
  const labels = new Set<string>();
  layout.partitions.forEach((partition, i) => {
    if (labels.has(partition.label))
      at(
        ['partitions', i, 'label'],
        'a label no other partition of this layout uses',
        JSON.stringify(partition.label),
        'rename one of them',
      );
    labels.add(partition.label);
    if (partition.size === 'fill' && i !== layout.partitions.length - 1) {
      at(
        ['partitions', i, 'size'],
        '"fill" only on the last partition',
        `"fill" on partition ${i + 1} of ${layout.partitions.length}`,
        'give it a size in MiB or move it to the end',
      );
    }
    if (typeof partition.size === 'number' && ALIGNED_ROLES.has(partition.role) && (partition.size * 1024) % layout.alignmentKiB !== 0) {
      at(
        ['partitions', i, 'size'],
        `a multiple of the ${layout.alignmentKiB} KiB alignment`,
        `${partition.size} MiB`,
        `round it up to ${(Math.ceil((partition.size * 1024) / layout.alignmentKiB) * layout.alignmentKiB) / 1024} MiB`,
      );
    }
    if (layout.scheme === 'gpt' && partition.placement)
      at(
        ['partitions', i, 'placement'],
        'no placement in a GPT layout (every GPT entry is primary)',
        JSON.stringify(partition.placement),
        'remove it',
      );
  });
  if (layout.scheme === 'msdos') {
    const primaries = layout.partitions.filter((p) => p.placement !== 'logical').length;
    const needsExtended = layout.partitions.some((p) => p.placement === 'logical');
    const entries = primaries + (needsExtended ? 1 : 0);
    if (entries > MBR_PRIMARY_ENTRIES) {
      at(
        ['partitions'],
        `at most ${MBR_PRIMARY_ENTRIES} primary MBR entries (the extended partition counts as one)`,
        `${entries}`,
        'mark later partitions "placement": "logical"',
      );
    }
    const firstLogical = layout.partitions.findIndex((p) => p.placement === 'logical');
    if (firstLogical >= 0) {
      layout.partitions.slice(firstLogical).forEach((p, offset) => {
        if (p.placement !== 'logical')
          at(
            ['partitions', firstLogical + offset, 'placement'],
            'only logical partitions after the first logical one',
            JSON.stringify(p.placement ?? 'primary'),
            'set "placement": "logical"',
          );
      });
    }
  } else if (layout.partitions.length > GPT_ENTRIES) {
    at(['partitions'], `at most ${GPT_ENTRIES} GPT entries`, `${layout.partitions.length}`);
  }
  out.push(...checkConfigPartition(file, ['config', 'partition'], layout, layout.config.partition));
  return out;
}

function checkConfigPartition(file: ContractFile, path: PropertyKey[], layout: PartitionLayout, label: string): Diagnostic[] {
  const partition = layout.partitions.find((p) => p.label === label);
  if (!partition) {
    return [
      diagnosticAt(RULE, file, path, {
        expected: `the label of a partition of layout "${layout.slug}"`,
        found: `${JSON.stringify(label)}, which it does not have`,
        hint: didYouMean(
          label,
          layout.partitions.map((p) => p.label),
        ),
      }),
    ];
  }
  if (!HOST_WRITABLE_FILESYSTEMS.includes(partition.filesystem)) {
    return [
      diagnosticAt(RULE, file, path, {
        expected: `a partition with a filesystem every host can write (${HOST_WRITABLE_FILESYSTEMS.join(', ')})`,
        found: `"${label}" with ${partition.filesystem}`,
        hint: 'point config at the boot partition',
      }),
    ];
  }
  return [];
}

/** Size and config overrides in a board or a family's defaults must name partitions of the chosen layout. */
function checkOverrides(
  file: ContractFile,
  prefix: PropertyKey[],
  partitions:
    | {
        layout?: string | undefined;
        flasherLayout?: string | undefined;
        sizes?: Record<string, number> | undefined;
        config?: { partition: string } | undefined;
      }
    | undefined,
  layouts: Map<string, { contract: PartitionLayout }>,
): Diagnostic[] {
  const layout = partitions?.layout ? layouts.get(partitions.layout)?.contract : undefined;
  if (!partitions || !layout) return [];
  // Sizes may also name the flasher image's partitions (flash-boot...), which have labels of their own.
  const flasher = partitions.flasherLayout ? layouts.get(partitions.flasherLayout)?.contract : undefined;
  const known = [...layout.partitions, ...(flasher?.partitions ?? [])];
  const out: Diagnostic[] = [];
  for (const [label, size] of Object.entries(partitions.sizes ?? {})) {
    const partition = known.find((p) => p.label === label);
    if (!partition) {
      out.push(
        diagnosticAt(
          RULE,
          file,
          [...prefix, 'sizes', label],
          {
            expected: `the label of a partition of layout "${layout.slug}"`,
            found: `${JSON.stringify(label)}, which it does not have`,
            hint: didYouMean(
              label,
              known.map((p) => p.label),
            ),
          },
          'key',
        ),
      );
    } else if ((size * 1024) % layout.alignmentKiB !== 0) {
      out.push(
        diagnosticAt(RULE, file, [...prefix, 'sizes', label], {
          expected: `a multiple of the ${layout.alignmentKiB} KiB alignment`,
          found: `${size} MiB`,
        }),
      );
    }
  }
  if (partitions.config) out.push(...checkConfigPartition(file, [...prefix, 'config', 'partition'], layout, partitions.config.partition));
  return out;
}

export const layoutsConsistent: RegistryCheck = {
  name: RULE,
  description:
    'Layouts are physically possible and have a host-writable config partition; board and family overrides name real partitions.',
  check({ index, boards }) {
    const layouts = index['sw.partition-layout'];
    return [
      ...[...layouts.values()].flatMap(({ file, contract }) => checkLayout(file, contract)),
      ...[...index['hw.device-family'].values()].flatMap(({ file, contract }) =>
        checkOverrides(file, ['defaults', 'partitions'], contract.defaults?.partitions, layouts),
      ),
      ...boards.flatMap(({ file, contract }) => {
        // Sizes set by the board are checked against the layout it ends up with, which may come from its family.
        const inherited = inheritFromFamily(contract, index['hw.device-family'].get(contract.family)?.contract);
        return contract.partitions
          ? checkOverrides(
              file,
              ['partitions'],
              { ...contract.partitions, layout: inherited.partitions?.layout, flasherLayout: inherited.partitions?.flasherLayout },
              layouts,
            )
          : [];
      }),
    ];
  },
};
