// CLI: derive board image facts from a balenaOS layer snapshot into contracts/, or with --check report every fact that differs from its layer.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { importLayers, unexplained, type LayerImportReport } from '../src/layers/run-layer-import.ts';
import { SnapshotError } from '../src/layers/snapshot.ts';
import { isMain, run } from './cli.ts';

const USAGE = 'usage: npm run import:layers -- <layer snapshot folder> [--check] [--into contracts] [--verbose]';

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function printNotes(report: LayerImportReport, verbose: boolean): void {
  const counts = new Map<string, number>();
  for (const board of report.boards)
    for (const note of board.notes) {
      if (verbose) console.log(`  ${board.slug}: ${note}`);
      const key = note.replace(/"[^"]*"/g, '"…"').replace(/conf\/machine\/\S+/, 'conf/machine/<machine>.conf');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  if (!verbose && counts.size) {
    console.log('Not derived (count × reason; --verbose lists them per board):');
    for (const [note, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(count).padStart(4)} × ${note}`);
  }
}

export function importLayersCommand(argv: string[]): number {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { into: { type: 'string', default: 'contracts' }, check: { type: 'boolean' }, verbose: { type: 'boolean' } },
  });
  const snapshot = positionals[0];
  if (!snapshot || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  let report: LayerImportReport;
  try {
    report = importLayers(snapshot, values.into, { check: values.check === true });
  } catch (error) {
    if (error instanceof SnapshotError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const file = (slug: string) => join(values.into, 'hw.device-type', slug, 'contract.json');
  const open = unexplained(report);
  const explained = report.boards.reduce((n, board) => n + board.differences.filter((d) => d.exception).length, 0);
  if (!values.check)
    console.log(`Derived facts for ${report.boards.length} boards from ${snapshot}; ${report.written.length} contracts changed.`);
  for (const { slug, difference } of open) {
    const stale = difference.staleException
      ? ` (its exception expects the layer to say ${difference.staleException.layer}: review it)`
      : '';
    console.log(
      `${file(slug)} ${difference.pointer}: the contract has ${show(difference.contract)}, the layer says ${show(difference.layer)}${stale}\n  source: ${difference.source}`,
    );
  }
  for (const manifest of report.unaccounted)
    console.log(`${snapshot}: manifest ${manifest}.coffee is not a board, an alias or an entry of src/layers/excluded-manifests.ts`);
  printNotes(report, values.verbose === true);
  if (report.withoutLayer.length) console.log(`No layer in the snapshot: ${report.withoutLayer.join(', ')}`);
  const verdict = `${open.length} unexplained difference${open.length === 1 ? '' : 's'}, ${explained} explained by exceptions, ${report.unaccounted.length} unaccounted manifest${report.unaccounted.length === 1 ? '' : 's'}`;
  console.log(values.check ? `Layer check: ${verdict}.` : `${verdict}.`);
  if (values.check && open.length)
    console.log(
      'Fix: npm run import:layers -- <snapshot> writes the layer facts; a deliberate difference needs an entry in "layer.exceptions" of the contract.',
    );
  return open.length || report.unaccounted.length ? 1 : 0;
}

if (isMain(import.meta.url)) await run(() => importLayersCommand(process.argv.slice(2)));
