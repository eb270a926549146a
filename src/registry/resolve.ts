// Builds the resolved board: family defaults applied, references expanded, layout overrides applied, derived fields set.
import type { ContractIndex } from '../checks/check.ts';
import type { DeviceType, ResolvedBoard } from '../schema/index.ts';
import { inheritFromFamily } from './inherit.ts';
import { installMethodOf } from '../instructions/install-method.ts';
import { bootImageKind } from './image-kind.ts';

function reference(entry: { contract: { slug: string; name: string } }) {
  return { slug: entry.contract.slug, name: entry.contract.name };
}

function resolveLayer(layer: NonNullable<DeviceType['layer']>): NonNullable<ResolvedBoard['layer']> {
  const { exceptions: _reviewOnly, facts, metaBalena, ...rest } = layer;
  return {
    ...rest,
    ...(metaBalena ? { metaBalena: { ...metaBalena } } : {}),
    url: `https://github.com/${layer.repo}/tree/${layer.commit}`,
    facts: { ...facts },
  };
}

/** Resolves a board whose references all exist and that is complete (the registry checks guarantee both). */
export function resolveBoard(board: DeviceType, index: ContractIndex): ResolvedBoard {
  const family = index['hw.device-family'].get(board.family)!;
  const merged = inheritFromFamily(board, family.contract);
  const manufacturer = index['hw.device-manufacturer'].get(merged.manufacturer ?? family.contract.manufacturer)!;
  const osImage = merged.osImage !== false;
  const chain = osImage ? merged.bootloader!.map((stage) => reference(index['sw.bootloader'].get(stage)!)) : [];
  const layout = osImage ? index['sw.partition-layout'].get(merged.partitions!.layout!)!.contract : undefined;
  const flasherSlug = osImage ? merged.partitions?.flasherLayout : undefined;
  const flasher = flasherSlug ? index['sw.partition-layout'].get(flasherSlug)!.contract : undefined;
  const sizes = merged.partitions?.sizes ?? {};
  const boot = merged.boot!;
  const hardware = merged.hardware ?? {};
  const links = merged.links ?? {};
  // Keys are written in a fixed order so that serialised boards are byte-stable.
  return {
    slug: board.slug,
    name: board.name,
    aliases: [...(board.aliases ?? [])],
    state: merged.state!,
    osImage,
    arch: merged.arch!,
    family: reference(family),
    manufacturer: reference(manufacturer),
    ...(merged.soc ? { soc: merged.soc } : {}),
    hardware: Object.fromEntries(
      (['hdmi', 'led', 'wifi', 'bluetooth', 'ethernet', 'internalStorage'] as const)
        .filter((key) => hardware[key] !== undefined)
        .map((key) => [key, hardware[key]]),
    ),
    boot: {
      defaultMedia: boot.defaultMedia!,
      alternateMedia: [...(boot.alternateMedia ?? [])],
      ...(boot.flashProtocol ? { flashProtocol: boot.flashProtocol } : {}),
      image: bootImageKind(boot),
    },
    installMethod: installMethodOf({
      defaultMedia: boot.defaultMedia!,
      alternateMedia: boot.alternateMedia ?? [],
      flashProtocol: boot.flashProtocol,
    }),
    instructions: {
      unverified: merged.instructions?.unverified ?? false,
      ...(merged.instructions?.steps ? { steps: merged.instructions.steps } : {}),
    },
    ...(chain.length ? { bootloader: { slug: chain.at(-1)!.slug, name: chain.at(-1)!.name, chain } } : {}),
    ...(layout
      ? {
          partitions: {
            layout: { slug: layout.slug, name: layout.name },
            scheme: layout.scheme,
            alignmentKiB: layout.alignmentKiB,
            ...((merged.partitions?.startOffsetKiB ?? layout.startOffsetKiB) !== undefined
              ? { startOffsetKiB: merged.partitions?.startOffsetKiB ?? layout.startOffsetKiB }
              : {}),
            partitions: layout.partitions.map((p) => ({
              label: p.label,
              role: p.role,
              filesystem: p.filesystem,
              size: Object.hasOwn(sizes, p.label) ? sizes[p.label]! : p.size,
              ...(p.startKiB !== undefined ? { startKiB: p.startKiB } : {}),
              ...(p.placement ? { placement: p.placement } : {}),
            })),
            ...(merged.partitions?.bootFat32 !== undefined ? { bootFat32: merged.partitions.bootFat32 } : {}),
            config: { ...(merged.partitions?.config ?? layout.config) },
            ...(flasher
              ? {
                  flasher: {
                    layout: { slug: flasher.slug, name: flasher.name },
                    scheme: flasher.scheme,
                    partitions: flasher.partitions.map((p) => ({ ...p, size: Object.hasOwn(sizes, p.label) ? sizes[p.label]! : p.size })),
                    config: { ...flasher.config },
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(board.yocto ? { yocto: { ...board.yocto } } : {}),
    ...(board.layer ? { layer: resolveLayer(board.layer) } : {}),
    links: Object.fromEntries((['product', 'documentation'] as const).filter((key) => links[key]).map((key) => [key, links[key]])),
    sources: [...new Set([...board.sources, ...(family.contract.sources ?? [])])],
    ...(board.logo ? { logo: `hw.device-type/${board.slug}/${board.logo}` } : {}),
  };
}
