// Facets of the board list (architecture, maker, family, media, install method, connectivity, state) with their counts.
import type { ResolvedBoard } from '../schema/resolved-board.ts';

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface Facet {
  key: string;
  label: string;
  values: FacetValue[];
}

/** The facet values of one board, keyed like the facets; booleans as "yes"/"no", unknown facts left out. */
export function boardFacetValues(board: ResolvedBoard): Record<string, string> {
  const out: Record<string, string> = {
    arch: board.arch,
    manufacturer: board.manufacturer.slug,
    family: board.family.slug,
    media: board.boot.defaultMedia,
    method: board.installMethod.method,
    state: board.state,
  };
  for (const key of ['wifi', 'bluetooth', 'ethernet', 'internalStorage'] as const) {
    const fact = board.hardware[key];
    if (fact !== undefined) out[key] = fact ? 'yes' : 'no';
  }
  return out;
}

const FACETS: { key: string; label: string; labelOf: (board: ResolvedBoard) => string }[] = [
  { key: 'arch', label: 'Architecture', labelOf: (b) => b.arch },
  { key: 'manufacturer', label: 'Manufacturer', labelOf: (b) => b.manufacturer.name },
  { key: 'family', label: 'Family', labelOf: (b) => b.family.name },
  { key: 'media', label: 'Default boot medium', labelOf: (b) => b.boot.defaultMedia },
  { key: 'method', label: 'Install method', labelOf: (b) => b.installMethod.method },
  { key: 'wifi', label: 'Wi-Fi', labelOf: (b) => (b.hardware.wifi ? 'yes' : 'no') },
  { key: 'bluetooth', label: 'Bluetooth', labelOf: (b) => (b.hardware.bluetooth ? 'yes' : 'no') },
  { key: 'ethernet', label: 'Ethernet', labelOf: (b) => (b.hardware.ethernet ? 'yes' : 'no') },
  { key: 'internalStorage', label: 'Internal storage', labelOf: (b) => (b.hardware.internalStorage ? 'yes' : 'no') },
  { key: 'state', label: 'State', labelOf: (b) => b.state },
];

/** Every facet with only the values some board has, most common first, ties by label. */
export function facetsOf(boards: readonly ResolvedBoard[]): Facet[] {
  return FACETS.map(({ key, label, labelOf }) => {
    const values = new Map<string, FacetValue>();
    for (const board of boards) {
      const value = boardFacetValues(board)[key];
      if (value === undefined) continue;
      const entry = values.get(value) ?? { value, label: labelOf(board), count: 0 };
      entry.count++;
      values.set(value, entry);
    }
    return { key, label, values: [...values.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)) };
  }).filter((facet) => facet.values.length > 0);
}
