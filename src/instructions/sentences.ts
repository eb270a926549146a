// Turns one typed step into one clean English sentence for a host OS, with only {board}, {os} and {medium} filled in.
import type { BootMedium, HostOs } from '../schema/vocabulary.ts';
import type { Step } from '../schema/steps.ts';

export interface RenderSettings {
  /** The OS being installed; the registry serves any Yocto-based OS. */
  osName: string;
  /** The recommended image writer. */
  writer: { name: string; url: string };
}

export const DEFAULT_SETTINGS: RenderSettings = {
  osName: 'balenaOS',
  writer: { name: 'balenaEtcher', url: 'https://etcher.balena.io' },
};

export const MEDIUM_NAMES: Record<BootMedium, string> = {
  sdcard: 'SD card',
  usb: 'USB key',
  nvme: 'NVMe drive',
  sata: 'SATA drive',
  internal: 'internal storage',
  network: 'network boot server',
  image: 'virtual disk',
};

export interface SentenceContext {
  board: string;
  os: string;
  /** The medium of the install method, for {medium}. */
  medium: string;
  host: HostOs;
  settings: RenderSettings;
}

/** A fragment of a sentence: plain text, or a link that renderers show in their own way. */
export type Fragment = string | { text: string; href: string };

const EJECT: Record<HostOs, string> = {
  windows: 'Eject the {medium} from File Explorer, then remove it from your computer',
  macos: 'Eject the {medium} in Finder, then remove it from your computer',
  linux: 'Unmount the {medium}, then remove it from your computer',
};

function fill(text: string, context: SentenceContext): string {
  return text.replace(/\{(board|os|medium)\}/g, (_, name: 'board' | 'os' | 'medium') => context[name]);
}

/**
 * Splits step text into plain fragments and [text](https://...) links, then fills variables inside each fragment:
 * links are found before variables are filled, so a board name can never turn into a link.
 */
function withLinks(text: string, context: SentenceContext): Fragment[] {
  return linkFragments(text).map((f) => (typeof f === 'string' ? fill(f, context) : { text: fill(f.text, context), href: f.href }));
}

function linkFragments(text: string): Fragment[] {
  const out: Fragment[] = [];
  const pattern = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s()<>"]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push({ text: match[1]!, href: match[2]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Capitalised, one terminal full stop, no doubled spaces or punctuation. */
export function tidySentence(fragments: Fragment[]): Fragment[] {
  const out = fragments
    .filter((f) => (typeof f === 'string' ? f.length > 0 : true))
    .map((f) => (typeof f === 'string' ? f.replace(/\s+/g, ' ') : f));
  const first = out[0];
  if (typeof first === 'string') out[0] = first.replace(/^\s+/, '').replace(/^\p{Ll}/u, (c) => c.toUpperCase());
  const lastIndex = out.length - 1;
  const last = out[lastIndex];
  if (typeof last === 'string') {
    const trimmed = last.replace(/[\s,;:]+$/, '');
    out[lastIndex] = /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
  } else out.push('.');
  return out;
}

const medium = (context: SentenceContext, m: BootMedium) => ({ ...context, medium: MEDIUM_NAMES[m] });

export function stepSentence(step: Step, context: SentenceContext): Fragment[] {
  const f = (text: string, ctx: SentenceContext = context) => fill(text, ctx);
  switch (step.kind) {
    case 'insert-media':
      return tidySentence([
        f(
          step.into === 'host' ? 'Insert the {medium} into your computer' : 'Insert the {medium} into the {board}',
          medium(context, step.medium),
        ),
      ]);
    case 'remove-media':
      return tidySentence([
        f(step.from === 'host' ? EJECT[context.host] : 'Remove the {medium} from the {board}', medium(context, step.medium)),
      ]);
    case 'write-image': {
      const image = step.image === 'flasher' ? 'the {os} flasher image' : 'the {os} image';
      const writer: Fragment = step.writer ? f(step.writer) : { text: context.settings.writer.name, href: context.settings.writer.url };
      if (step.target === 'internal') {
        return tidySentence(['In ', writer, f(`, choose the drive that is the internal storage of the {board} and write ${image} to it`)]);
      }
      return tidySentence([f(`Write ${image} to the {medium} with `, medium(context, step.target)), writer]);
    }
    case 'wait': {
      const indicator = step.indicator ? f(step.indicator) : undefined;
      if (step.for === 'writing-done')
        return tidySentence([`Wait until ${context.settings.writer.name} has written and checked the image`]);
      if (step.for === 'boot') return tidySentence([indicator ? `Wait until ${indicator}` : f('Wait until the {board} has started')]);
      return tidySentence([
        indicator
          ? f(`Wait while the {board} installs {os} on its internal storage; it has finished when ${indicator}`)
          : f('Wait while the {board} installs {os} on its internal storage; it powers itself off when it has finished'),
      ]);
    }
    case 'set-switch':
      return tidySentence([f(`Set the ${step.name} switch to ${step.position}${step.purpose ? ` to ${step.purpose}` : ''}`)]);
    case 'set-jumper':
      return tidySentence([f(`Set jumper ${step.name} to ${step.position}${step.purpose ? ` to ${step.purpose}` : ''}`)]);
    case 'hold-button':
      return tidySentence([
        f(
          `${step.during ? `While you hold down ${step.button}, ${step.during}` : `Hold down ${step.button}`}${step.until ? `; keep holding until ${step.until}` : ''}, then release`,
        ),
      ]);
    case 'press-key-at-boot': {
      const opens = { 'boot-menu': 'the boot menu', 'firmware-setup': 'the firmware setup', 'bootloader-prompt': 'the bootloader prompt' }[
        step.opens
      ];
      return tidySentence([
        f(`While the {board} starts, press ${step.key} to open ${opens}`),
        ...(step.then ? ['; there, ', ...withLinks(step.then, context)] : []),
      ]);
    }
    case 'connect-cable': {
      const to = {
        host: 'Connect the {port} port of the {board} to your computer',
        power: 'Connect power to the {port} of the {board}',
        network: 'Connect the {port} port of the {board} to a network with internet access',
        keyboard: 'Connect a keyboard to the {port} port of the {board}',
        display: 'Connect a display to the {port} port of the {board}',
      }[step.to];
      return tidySentence([f(to.replace('{port}', () => step.port))]);
    }
    case 'disconnect-cable':
      return tidySentence([f(`Disconnect the cable from the ${step.port} port of the {board}`)]);
    case 'power':
      return tidySentence([
        f(
          { on: 'Power on the {board}', off: 'Power off the {board}', cycle: 'Remove power from the {board}, then connect it again' }[
            step.action
          ],
        ),
      ]);
    case 'run-tool':
      return tidySentence(['Run ', step.link ? { text: f(step.name), href: step.link } : f(step.name), f(` to ${step.purpose}`)]);
    case 'warning':
      return tidySentence([f('Warning: this erases everything on the internal storage of the {board}')]);
    case 'note':
      return tidySentence(withLinks(step.text, context));
  }
}
