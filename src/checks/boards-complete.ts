// Check: once family defaults are applied, every board has the facts each consumer needs (state, arch, boot medium, bootloader, layout).
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { inheritFromFamily } from '../registry/inherit.ts';
import type { DeviceType } from '../schema/index.ts';
import type { RegistryCheck } from './check.ts';
import { diagnosticAt } from './check.ts';

const REQUIRED: { path: string[]; what: string; present: (board: DeviceType) => boolean; imageOnly?: boolean }[] = [
  { path: ['state'], what: 'a support state', present: (b) => b.state !== undefined },
  { path: ['arch'], what: 'an architecture', present: (b) => b.arch !== undefined },
  { path: ['boot', 'defaultMedia'], what: 'a default boot medium', present: (b) => b.boot?.defaultMedia !== undefined },
  { path: ['bootloader'], what: 'a bootloader chain', present: (b) => b.bootloader !== undefined, imageOnly: true },
  { path: ['partitions', 'layout'], what: 'a partition layout', present: (b) => b.partitions?.layout !== undefined, imageOnly: true },
];

export const boardsComplete: RegistryCheck = {
  name: 'boards-complete',
  description:
    'With its family’s defaults applied, every board has a state, an architecture, a default boot medium and, unless it runs no OS image, a bootloader chain and a partition layout.',
  check({ index, boards }) {
    const out: Diagnostic[] = [];
    for (const { file, contract } of boards) {
      const family = index['hw.device-family'].get(contract.family);
      if (!family) continue; // references-resolve reports the missing family
      const resolved = inheritFromFamily(contract, family.contract);
      for (const field of REQUIRED) {
        if (field.present(resolved) || (field.imageOnly && resolved.osImage === false)) continue;
        out.push(
          diagnosticAt(this.name, file, field.path, {
            expected: `${field.what} (${JSON.stringify(field.path.join('.'))})`,
            found: 'none on the board or in its family’s defaults',
            hint: `set "${field.path.join('.')}" on the board or in "defaults" of ${family.file.file}`,
          }),
        );
      }
    }
    return out;
  },
};
