// Schema of provisioning steps: typed actions with parameters, grouped by named points of a standard procedure.
import { z } from 'zod';
import { BOOT_MEDIA, HOST_OSES, PROCEDURE_POINTS, SAFE_TEXT } from './vocabulary.ts';

/** The only variables step text may use; anything else in braces is rejected. */
export const TEXT_VARIABLES = ['board', 'os', 'medium'] as const;

/**
 * Plain text for a step: at most the variables {board}, {os} and {medium}; no other braces and no HTML tags.
 * A regex rather than a refinement so that the JSON Schema enforces the same rule.
 */
const PLAIN_TEXT = /^(?:[^{}<>]|<(?![A-Za-z/!?])|>|\{(?:board|os|medium)\})*$/;

export function stepText(description: string, max = 300) {
  return z
    .string()
    .min(1)
    .max(max)
    .regex(PLAIN_TEXT)
    .regex(SAFE_TEXT)
    .describe(`${description} Plain text; may use {board}, {os} and {medium}.`);
}

const medium = z.enum(BOOT_MEDIA).describe('The medium: sdcard, usb (a USB key), nvme, sata, internal, network or image.');
const common = {
  hosts: z.array(z.enum(HOST_OSES)).min(1).max(3).describe('Limit the step to these host operating systems; omit for all.').optional(),
};
const step = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S, description: string) =>
  z.strictObject({ kind: z.literal(kind), ...shape, ...common }).describe(description);

export const stepSchema = z
  .discriminatedUnion('kind', [
    step(
      'insert-media',
      { medium, into: z.enum(['host', 'board']).describe('Into the host computer or into the board.') },
      'Insert a medium.',
    ),
    step(
      'remove-media',
      { medium, from: z.enum(['host', 'board']).describe('From the host computer or from the board.') },
      'Remove a medium.',
    ),
    step(
      'write-image',
      {
        target: medium.describe('Where the image is written.'),
        image: z.enum(['plain', 'flasher']).describe('The plain OS image, or the flasher image that installs itself on internal storage.'),
        writer: stepText('A writer other than the recommended one, when this board needs it.', 80).optional(),
      },
      'Write the OS image with an image writer.',
    ),
    step(
      'wait',
      {
        for: z.enum(['writing-done', 'flashing-done', 'boot']).describe('What to wait for.'),
        indicator: stepText('How to tell it is done, as a clause: "all LEDs are off", "the power LED goes out".', 160).optional(),
      },
      'Wait for something to finish.',
    ),
    step(
      'set-switch',
      {
        name: stepText('Switch name as printed on the board.', 60),
        position: stepText('Position to set.', 60),
        purpose: stepText('Why, as a verb phrase: "boot from the SD card".', 120).optional(),
      },
      'Set a switch (DIP, slide or boot-select).',
    ),
    step(
      'set-jumper',
      {
        name: stepText('Jumper name as printed on the board.', 60),
        position: stepText('Position: "fitted", "removed", "2-3"...', 60),
        purpose: stepText('Why, as a verb phrase.', 120).optional(),
      },
      'Set a jumper.',
    ),
    step(
      'hold-button',
      {
        button: stepText('Button name as printed on the board, or several joined by "and".', 60),
        during: stepText('What to do while holding it, as a verb phrase: "connect power".', 120).optional(),
        until: stepText('When to release it, as a clause: "the blue LEDs flash rapidly".', 160).optional(),
      },
      'Hold a button down.',
    ),
    step(
      'press-key-at-boot',
      {
        key: stepText('Key to press, e.g. "F7" or "Esc".', 20),
        opens: z.enum(['boot-menu', 'firmware-setup', 'bootloader-prompt']).describe('What the key opens.'),
        then: stepText('What to choose or type there.', 200).optional(),
      },
      'Press a key while the board starts.',
    ),
    step(
      'connect-cable',
      {
        port: stepText('Port on the board, e.g. "USB-C", "PROG micro-USB", "debug UART".', 60),
        to: z.enum(['host', 'power', 'network', 'keyboard', 'display']).describe('What the cable connects the port to.'),
      },
      'Connect a cable.',
    ),
    step('disconnect-cable', { port: stepText('Port on the board.', 60) }, 'Disconnect a cable.'),
    step(
      'power',
      { action: z.enum(['on', 'off', 'cycle']).describe('Power on, power off, or remove power and connect it again.') },
      'Power the board on, off or cycle it.',
    ),
    step(
      'run-tool',
      {
        name: stepText('Tool name.', 60),
        link: z
          .string()
          .max(2048)
          .regex(/^https:\/\/[^\s"<>]+$/)
          .describe('HTTPS link to the tool.')
          .optional(),
        purpose: stepText('What it does here, as a verb phrase: "expose the eMMC as a USB drive".', 200),
      },
      'Run a host tool.',
    ),
    step('warning', { about: z.enum(['internal-storage-erased']).describe('The standard warning to show.') }, 'A standard warning.'),
    step(
      'note',
      { text: stepText('Short note for what no other kind covers; Markdown links [text](https://...) allowed.', 400) },
      'A note.',
    ),
  ])
  .describe('One provisioning step.');

export type Step = z.infer<typeof stepSchema>;

export const instructionsField = z
  .strictObject({
    unverified: z.boolean().describe('true when the procedure could not be confirmed from a source; pages show a warning.').optional(),
    steps: z
      .partialRecord(z.enum(PROCEDURE_POINTS), z.array(stepSchema).max(12))
      .describe('Steps that replace the standard ones at a named point (an empty list removes that point).')
      .optional(),
  })
  .describe('How this board differs from the standard procedure for its install method.');
