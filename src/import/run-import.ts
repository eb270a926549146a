// Runs the balena import over a folder laid out like balena-io/contracts and writes Boardhub contracts, returning a report.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractType } from '../schema/index.ts';
import { serializeContract } from '../registry/serialize.ts';
import { importArchitecture, importDeviceFamily, importDeviceManufacturer, importDeviceType, type Imported } from './balena.ts';

export interface ImportReport {
  written: Record<string, number>;
  /** Upstream facts that did not map, per contract: "type/slug" -> reasons. */
  unmapped: Record<string, string[]>;
  /** Contracts whose upstream file could not be read. */
  failed: string[];
}

type Importer = (upstream: any, folder: string, existing: any) => Imported<any>;

const IMPORTERS: [ContractType, Importer][] = [
  ['arch.sw', (upstream, _folder, existing) => importArchitecture(upstream, existing)],
  ['hw.device-manufacturer', (upstream, _folder, existing) => importDeviceManufacturer(upstream, existing)],
  ['hw.device-family', (upstream, _folder, existing) => importDeviceFamily(upstream, existing)],
  ['hw.device-type', importDeviceType],
];

function readJson(path: string): any {
  return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
}

/** Imports every upstream contract into `target`; existing Boardhub contracts keep the facts upstream lacks. */
export function importBalenaContracts(upstreamRoot: string, target: string): ImportReport {
  const report: ImportReport = { written: {}, unmapped: {}, failed: [] };
  for (const [type, importer] of IMPORTERS) {
    const from = join(upstreamRoot, type);
    if (!existsSync(from)) continue;
    for (const folder of readdirSync(from).sort()) {
      const file = join(from, folder, 'contract.json');
      let upstream: any;
      try {
        upstream = readJson(file);
      } catch (error) {
        report.failed.push(`${type}/${folder}: ${(error as Error).message}`);
        continue;
      }
      const slug = String(upstream.slug ?? folder);
      const targetFile = join(target, type, slug, 'contract.json');
      const existing = existsSync(targetFile) ? readJson(targetFile) : undefined;
      const { contract, unmapped } = importer(upstream, folder, existing);
      mkdirSync(join(target, type, slug), { recursive: true });
      writeFileSync(targetFile, serializeContract(type, contract));
      report.written[type] = (report.written[type] ?? 0) + 1;
      if (unmapped.length) report.unmapped[`${type}/${slug}`] = unmapped;
    }
  }
  return report;
}

/** Groups unmapped reasons ("path: reason") by path, with how many contracts each affects. */
export function summariseUnmapped(report: ImportReport): string[] {
  const counts = new Map<string, number>();
  for (const reasons of Object.values(report.unmapped)) {
    for (const reason of reasons) {
      const key = reason.replace(/"[^"]*"/g, '"…"').replace(/\(value .*\)$/, '');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `${String(count).padStart(4)} × ${reason}`);
}
