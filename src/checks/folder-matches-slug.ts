// Check: every contract's folder is named after its slug, so paths and slugs never disagree.
import type { RegistryCheck } from './check.ts';
import { diagnosticAt } from './check.ts';

export const folderMatchesSlug: RegistryCheck = {
  name: 'folder-matches-slug',
  description: 'The folder that holds contract.json is named exactly like the contract’s slug.',
  check({ index, boards }) {
    const all = [
      ...boards,
      ...Object.entries(index)
        .filter(([type]) => type !== 'hw.device-type')
        .flatMap(([, map]) => [...map.values()]),
    ];
    return all
      .filter(({ file, contract }) => contract.slug !== file.folder)
      .map(({ file, contract }) =>
        diagnosticAt(this.name, file, ['slug'], {
          expected: `${JSON.stringify(file.folder)} (the folder name)`,
          found: JSON.stringify(contract.slug),
          hint: 'rename the folder or the slug so they match; a published board keeps its old slug as an alias',
        }),
      );
  },
};
