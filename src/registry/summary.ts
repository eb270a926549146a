// One-line summaries of a validation run, shared by the validate CLI and the build.
import type { ContractType } from '../schema/common.ts';

export function validationSummary(counts: Record<ContractType, number>, errors: number, milliseconds: number): string {
  const parts = Object.entries(counts).map(([type, count]) => `${count} ${type}`);
  return `${errors === 0 ? '✔' : '✖'} ${parts.join(', ')} checked in ${Math.round(milliseconds)} ms: ${errors} error${errors === 1 ? '' : 's'}`;
}
