// The registry's change history as the site uses it, read once from git by src/history.
import { readChanges, type Change } from '../../src/history/changes.ts';
import { CONTRACTS } from './registry.ts';

export const changes: Change[] = readChanges(CONTRACTS);

export function changesOf(slug: string): Change[] {
  return changes.filter((c) => c.contracts.includes(`hw.device-type/${slug}`));
}
