// Check: board slugs and aliases are unique across the registry, so every name resolves to exactly one board.
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { RegistryCheck } from './check.ts';
import { diagnosticAt } from './check.ts';

export const uniqueBoardSlugs: RegistryCheck = {
  name: 'unique-board-slugs',
  description: 'No two boards share a slug or alias, and no alias equals another board’s slug.',
  check({ boards }) {
    const owners = new Map<string, string>();
    const diagnostics: Diagnostic[] = [];
    for (const { file, contract } of boards) {
      const owner = owners.get(contract.slug);
      if (owner) {
        diagnostics.push(
          diagnosticAt(this.name, file, ['slug'], {
            expected: 'a slug no other board uses',
            found: `${JSON.stringify(contract.slug)}, already used by ${owner}`,
            hint: 'pick another slug',
          }),
        );
      } else owners.set(contract.slug, file.file);
    }
    for (const { file, contract } of boards) {
      (contract.aliases ?? []).forEach((alias, i) => {
        const owner = owners.get(alias);
        if (alias === contract.slug) {
          diagnostics.push(
            diagnosticAt(this.name, file, ['aliases', i], {
              expected: 'an alias that differs from the board’s own slug',
              found: JSON.stringify(alias),
              hint: 'remove it',
            }),
          );
        } else if (owner) {
          const what = owner === file.file ? 'already listed by this board' : `already a slug or alias of ${owner}`;
          diagnostics.push(
            diagnosticAt(this.name, file, ['aliases', i], {
              expected: 'an alias no other board uses',
              found: `${JSON.stringify(alias)}, ${what}`,
              hint: 'remove it from one of them',
            }),
          );
        } else owners.set(alias, file.file);
      });
    }
    return diagnostics;
  },
};
