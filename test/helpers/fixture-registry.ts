// Builds throwaway registries for tests: a copy of test/fixtures/minimal with some files replaced, patched or removed.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateRegistry } from '../../src/registry/validate.ts';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';

export const MINIMAL_REGISTRY = fileURLToPath(new URL('../fixtures/minimal', import.meta.url));

type Json = Record<string, any>;
/** New file content (text, bytes or JSON), a function patching the parsed JSON, or null to delete. */
export type Edit = string | Buffer | Json | ((contract: Json) => void) | null;

export function readFixtureJson(path: string): Json {
  return JSON.parse(readFileSync(join(MINIMAL_REGISTRY, path), 'utf8'));
}

/** A temporary registry folder named "contracts", so diagnostics read like the real ones. */
export function fixtureRegistry(edits: Record<string, Edit> = {}): string {
  const root = join(mkdtempSync(join(tmpdir(), 'boardhub-fixture-')), 'contracts');
  cpSync(MINIMAL_REGISTRY, root, { recursive: true });
  for (const [path, edit] of Object.entries(edits)) {
    const target = join(root, path);
    if (edit === null) {
      rmSync(target, { recursive: true, force: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    if (typeof edit === 'function') {
      const contract = JSON.parse(readFileSync(target, 'utf8'));
      edit(contract);
      writeFileSync(target, JSON.stringify(contract, null, 2));
    } else if (typeof edit === 'string' || Buffer.isBuffer(edit)) writeFileSync(target, edit);
    else writeFileSync(target, JSON.stringify(edit, null, 2));
  }
  return root;
}

export function removeFixture(root: string): void {
  rmSync(dirname(root), { recursive: true, force: true });
}

/** Validates a fixture registry with the edits applied and returns the formatted diagnostics. */
export function messagesFor(edits: Record<string, Edit>): string[] {
  const root = fixtureRegistry(edits);
  try {
    return validateRegistry(root).diagnostics.map(formatDiagnostic);
  } finally {
    removeFixture(root);
  }
}

export const BOARD = 'hw.device-type/acme-one/contract.json';
export const BOARD_TWO = 'hw.device-type/acme-two/contract.json';
export const FAMILY = 'hw.device-family/acme-sbc/contract.json';
export const LAYOUT = 'sw.partition-layout/simple-msdos/contract.json';
