// The standard provisioning procedure of each install method, as named points of typed steps, with a board's overrides applied.
import type { ProcedurePoint } from '../schema/vocabulary.ts';
import type { Step } from '../schema/steps.ts';
import { PROCEDURE_POINTS } from '../schema/vocabulary.ts';
import type { ResolvedBoard } from '../schema/resolved-board.ts';
import type { InstallMethod } from './install-method.ts';

export interface PointSteps {
  point: ProcedurePoint;
  steps: Step[];
}

const JETSON_FLASH = 'https://github.com/balena-os/jetson-flash';
const RPIBOOT = 'https://github.com/raspberrypi/usbboot';

/** Host-side writing: insert the medium, write the image, wait, eject. */
function writeTo(medium: NonNullable<InstallMethod['medium']>, image: 'plain' | 'flasher'): Step[] {
  const removable = medium === 'sdcard' || medium === 'usb';
  return [
    ...(removable ? [{ kind: 'insert-media', medium, into: 'host' } as const] : []),
    { kind: 'write-image', target: medium, image },
    { kind: 'wait', for: 'writing-done' },
    ...(removable ? [{ kind: 'remove-media', medium, from: 'host' } as const] : []),
  ];
}

/** The host writes straight to the board's internal storage over USB (usb-boot and usb-mass-storage). */
const usbHostWrite: Partial<Record<ProcedurePoint, Step[]>> = {
  prepare: [{ kind: 'warning', about: 'internal-storage-erased' }],
  connect: [
    { kind: 'connect-cable', port: 'USB', to: 'host' },
    { kind: 'power', action: 'on' },
  ],
  write: writeTo('internal', 'plain'),
  disconnect: [
    { kind: 'power', action: 'off' },
    { kind: 'disconnect-cable', port: 'USB' },
  ],
  boot: [{ kind: 'power', action: 'on' }],
};

/** The standard steps at each point of a method; points not listed are empty until a family or board fills them. */
export function standardProcedure(method: InstallMethod): Partial<Record<ProcedurePoint, Step[]>> {
  const medium = method.medium ?? 'sdcard';
  switch (method.method) {
    case 'external-boot':
      return {
        write: writeTo(medium, 'plain'),
        'insert-media': [{ kind: 'insert-media', medium, into: 'board' }],
        boot: [{ kind: 'power', action: 'on' }],
      };
    case 'external-flash':
      return {
        prepare: [{ kind: 'warning', about: 'internal-storage-erased' }],
        write: writeTo(medium, 'flasher'),
        'insert-media': [{ kind: 'insert-media', medium, into: 'board' }],
        'boot-external': [{ kind: 'power', action: 'on' }],
        flashing: [{ kind: 'wait', for: 'flashing-done' }],
        'remove-media': [{ kind: 'remove-media', medium, from: 'board' }],
        boot: [{ kind: 'power', action: 'cycle' }],
      };
    case 'usb-boot':
      return {
        ...usbHostWrite,
        'expose-storage': [
          {
            kind: 'run-tool',
            name: 'rpiboot',
            link: RPIBOOT,
            purpose: 'make the internal storage of the {board} appear on your computer as a USB drive',
          },
        ],
      };
    case 'usb-mass-storage':
      // The same as usb-boot, except that the board itself exposes its storage: no rpiboot step.
      return usbHostWrite;
    case 'vendor-tool':
      return {
        prepare: [{ kind: 'warning', about: 'internal-storage-erased' }],
        connect: [{ kind: 'connect-cable', port: 'USB', to: 'host' }],
        flash:
          method.tool === 'jetson-flash'
            ? [
                {
                  kind: 'run-tool',
                  name: 'jetson-flash',
                  link: JETSON_FLASH,
                  purpose: 'write {os} to the storage of the {board}, and wait until it reports that it has finished',
                },
              ]
            : [{ kind: 'note', text: 'Run the flashing tool of the board vendor to write {os} to the {board}.' }],
        disconnect: [{ kind: 'disconnect-cable', port: 'USB' }],
        boot: [{ kind: 'power', action: 'cycle' }],
      };
    case 'virtual-image':
      return {
        write: [{ kind: 'note', text: 'Use the {os} image file as the disk of a new virtual machine.' }],
        boot: [{ kind: 'note', text: 'Start the virtual machine.' }],
      };
  }
}

/** Every point in order with its steps: the standard ones, replaced where the board (or its family) says so. */
export function procedureFor(board: Pick<ResolvedBoard, 'installMethod' | 'instructions'>): PointSteps[] {
  const standard = standardProcedure(board.installMethod);
  const overrides = board.instructions.steps ?? {};
  return PROCEDURE_POINTS.map((point) => ({ point, steps: overrides[point] ?? standard[point] ?? [] })).filter((p) => p.steps.length > 0);
}
