// Incremental re-validation gives exactly what a full validation gives, after board, family and breaking changes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createIncrementalValidator } from '../../src/registry/incremental.ts';
import { validateRegistry } from '../../src/registry/validate.ts';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';
import { BOARD, FAMILY, fixtureRegistry, removeFixture } from '../helpers/fixture-registry.ts';

test('after each change, the incremental result equals a full validation', () => {
  const root = fixtureRegistry();
  try {
    const validator = createIncrementalValidator(root);
    const same = (changed: string[]) => {
      const incremental = validator.validate(changed);
      const full = validateRegistry(root);
      expect(incremental.diagnostics.map(formatDiagnostic)).toEqual(full.diagnostics.map(formatDiagnostic));
      expect(JSON.stringify(incremental.registry?.boards)).toEqual(JSON.stringify(full.registry?.boards));
      return incremental;
    };
    expect(same([]).registry!.boards).toHaveLength(2);
    const board = join(root, BOARD);
    const family = join(root, FAMILY);
    const edit = (path: string, change: (c: any) => void) => {
      const c = JSON.parse(readFileSync(path, 'utf8'));
      change(c);
      writeFileSync(path, JSON.stringify(c, null, 2));
    };
    edit(board, (c) => (c.name = 'Acme One Mk2'));
    expect(same([board]).registry!.board('acme-one')!.name).toBe('Acme One Mk2');
    // A family change re-resolves its boards.
    edit(family, (c) => (c.defaults.state = 'beta'));
    expect(same([family]).registry!.board('acme-two')!.state).toBe('beta');
    // A broken board, then fixed again.
    writeFileSync(board, '{ "broken": ');
    expect(same([board]).diagnostics.length).toBeGreaterThan(0);
    edit(family, () => undefined);
    writeFileSync(
      board,
      JSON.stringify(
        { type: 'hw.device-type', slug: 'acme-one', name: 'Acme One', family: 'acme-sbc', sources: ['https://example.com/one'] },
        null,
        2,
      ),
    );
    expect(same([board]).diagnostics).toEqual([]);
    // A new board folder is picked up (the tree is read again).
    mkdirSync(join(root, 'hw.device-type/acme-three'));
    const added = join(root, 'hw.device-type/acme-three/contract.json');
    writeFileSync(
      added,
      JSON.stringify({
        type: 'hw.device-type',
        slug: 'acme-three',
        name: 'Acme Three',
        family: 'acme-sbc',
        sources: ['https://example.com/3'],
      }),
    );
    expect(same([added]).registry!.boards).toHaveLength(3);
    // An editor's temporary file that came and went changes nothing; a stray file that stays is reported.
    expect(same([join(root, 'hw.device-type/acme-three/4913')]).registry!.boards).toHaveLength(3);
    writeFileSync(join(root, 'hw.device-type/acme-three/draft.txt'), 'notes');
    expect(same([join(root, 'hw.device-type/acme-three/draft.txt')]).diagnostics.map((d) => d.rule)).toEqual(['registry-layout']);
    rmSync(join(root, 'hw.device-type/acme-three/draft.txt'));
    expect(same([join(root, 'hw.device-type/acme-three/draft.txt')]).diagnostics).toEqual([]);
    // A board broken twice in a row, then a removed board folder: both noticed.
    writeFileSync(added, '{');
    expect(same([added]).diagnostics.length).toBe(1);
    writeFileSync(added, '[]');
    expect(same([added]).diagnostics.length).toBeGreaterThan(0);
    rmSync(join(root, 'hw.device-type/acme-three'), { recursive: true });
    expect(same([join(root, 'hw.device-type/acme-three')]).registry!.boards).toHaveLength(2);
  } finally {
    removeFixture(root);
  }
});
