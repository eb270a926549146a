// The boards of one architecture, manufacturer, family or bootloader stage: what those pages list, a page of cards at a time.
import { registry } from './registry.ts';
import type { ResolvedBoard } from '../../src/schema/resolved-board.ts';

export const GROUP_KINDS = ['architectures', 'manufacturers', 'families', 'bootloaders'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

const MEMBERS: Record<GroupKind, (slug: string) => (board: ResolvedBoard) => boolean> = {
  architectures: (slug) => (board) => board.arch === slug,
  manufacturers: (slug) => (board) => board.manufacturer.slug === slug,
  families: (slug) => (board) => board.family.slug === slug,
  bootloaders: (slug) => (board) => board.bootloader?.chain.some((stage) => stage.slug === slug) ?? false,
};

const GROUPS: Record<GroupKind, readonly { slug: string; name: string }[]> = {
  architectures: registry.architectures,
  manufacturers: registry.manufacturers,
  families: registry.families,
  bootloaders: registry.bootloaders,
};

export function boardsOfGroup(kind: GroupKind, slug: string): ResolvedBoard[] {
  return registry.boards.filter(MEMBERS[kind](slug));
}

/** Every group of every kind, with its boards. */
export function allGroups(): { kind: GroupKind; slug: string; name: string; boards: ResolvedBoard[] }[] {
  return GROUP_KINDS.flatMap((kind) => GROUPS[kind].map(({ slug, name }) => ({ kind, slug, name, boards: boardsOfGroup(kind, slug) })));
}
