// Side-by-side comparison rows of two or more resolved boards, each marked when the boards differ on it.
import type { ResolvedBoard } from '../schema/resolved-board.ts';

export interface ComparisonRow {
  label: string;
  values: string[];
  differs: boolean;
}

const fact = (value: boolean | undefined) => (value === undefined ? 'unknown' : value ? 'yes' : 'no');

const ROWS: [string, (board: ResolvedBoard) => string][] = [
  ['Manufacturer', (b) => b.manufacturer.name],
  ['Family', (b) => b.family.name],
  ['State', (b) => b.state],
  ['Architecture', (b) => b.arch],
  ['SoC', (b) => b.soc ?? 'unknown'],
  ['HDMI', (b) => fact(b.hardware.hdmi)],
  ['Wi-Fi', (b) => fact(b.hardware.wifi)],
  ['Bluetooth', (b) => fact(b.hardware.bluetooth)],
  ['Ethernet', (b) => fact(b.hardware.ethernet)],
  ['Internal storage', (b) => fact(b.hardware.internalStorage)],
  ['Default boot medium', (b) => b.boot.defaultMedia],
  ['Other boot media', (b) => b.boot.alternateMedia.join(', ') || 'none'],
  ['Install method', (b) => b.installMethod.method + (b.installMethod.tool ? ` (${b.installMethod.tool})` : '')],
  ['Boot chain', (b) => b.bootloader?.chain.map((s) => s.name).join(' → ') ?? 'none'],
  ['Partition layout', (b) => (b.partitions ? `${b.partitions.layout.name} (${b.partitions.scheme})` : 'none')],
  ['config.json', (b) => (b.partitions ? `${b.partitions.config.path} on ${b.partitions.config.partition}` : 'none')],
  ['Yocto machine', (b) => b.yocto?.machine ?? 'unknown'],
];

export function comparisonRows(boards: readonly ResolvedBoard[]): ComparisonRow[] {
  return ROWS.map(([label, value]) => {
    const values = boards.map(value);
    return { label, values, differs: new Set(values).size > 1 };
  });
}

/** Board slugs from a query string (?boards=a,b or ?boards=a&boards=b), unique, at most four. */
export function selectionFromQuery(search: string): string[] {
  const params = new URLSearchParams(search);
  return [
    ...new Set(
      params
        .getAll('boards')
        .flatMap((v) => v.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, 4);
}
