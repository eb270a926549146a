// What a registry-wide check is: a named rule over every schema-valid contract, returning located diagnostics.
import type { ContractOf, ContractType } from '../schema/index.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { toPointer } from '../diagnostics/diagnostic.ts';
import type { ContractFile } from '../registry/read-tree.ts';

export interface Entry<T extends ContractType> {
  file: ContractFile;
  contract: ContractOf<T>;
}

/** Schema-valid contracts of each type, keyed by slug (the first one wins when two share a slug). */
export type ContractIndex = { [T in ContractType]: Map<string, Entry<T>> };

export interface CheckContext {
  index: ContractIndex;
  /** Every contract folder found, valid or not, so a broken contract is not also reported as missing. */
  folders: Record<ContractType, Set<string>>;
  /** Every schema-valid board, in folder order (duplicates included). */
  boards: Entry<'hw.device-type'>[];
}

export interface RegistryCheck {
  name: string;
  description: string;
  check(context: CheckContext): Diagnostic[];
}

export function diagnosticAt(
  rule: string,
  file: ContractFile,
  path: readonly PropertyKey[],
  what: { expected: string; found: string; hint?: string | undefined },
  at: 'key' | 'value' = 'value',
): Diagnostic {
  return {
    file: file.file,
    ...file.source.locate(path, at),
    pointer: toPointer(path),
    rule,
    expected: what.expected,
    found: what.found,
    ...(what.hint ? { hint: what.hint } : {}),
  };
}
