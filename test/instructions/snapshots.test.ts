// Snapshots of the rendered Markdown for one board of each install method, and per-host differences where a board has them.
import { expect, test } from 'vitest';
import { loadRegistry } from '../../src/registry/validate.ts';
import { renderInstructions } from '../../src/instructions/render.ts';

const registry = loadRegistry('contracts');
const md = (slug: string, host: 'windows' | 'macos' | 'linux') => renderInstructions(registry.board(slug)!, host, 'md');

test.each([
  ['external-boot', 'raspberrypi4-64'],
  ['external-flash', 'intel-nuc'],
  ['usb-boot', 'raspberrypicm4-ioboard'],
  ['usb-mass-storage', 'iot-gate-imx8plus'],
  ['vendor-tool (jetson-flash)', 'jetson-nano'],
  ['vendor-tool (edison-flash)', 'intel-edison'],
  ['virtual-image', 'qemux86-64'],
])('%s: %s', (method, slug) => {
  expect(registry.board(slug)!.installMethod.method).toBe(method.split(' ')[0]);
  expect(md(slug, 'linux')).toMatchSnapshot();
});

test('intel-edison has different steps on Windows, macOS and Linux', () => {
  const [windows, macos, linux] = (['windows', 'macos', 'linux'] as const).map((host) => md('intel-edison', host));
  expect(new Set([windows, macos, linux]).size).toBe(3);
  expect(windows).toMatch(/flashall\.bat/);
  expect(linux).toMatch(/flashall\.sh/);
  expect(macos).toMatch(/MacPorts/);
});

test('a standard procedure with no board data still reads completely (raspberrypi4-64 on Windows)', () => {
  expect(md('raspberrypi4-64', 'windows')).toMatchInlineSnapshot(`
    "1. Insert the SD card into your computer.
    2. Write the balenaOS image to the SD card with [balenaEtcher](https://etcher.balena.io).
    3. Wait until balenaEtcher has written and checked the image.
    4. Eject the SD card from File Explorer, then remove it from your computer.
    5. Insert the SD card into the Raspberry Pi 4 (using 64bit OS).
    6. Power on the Raspberry Pi 4 (using 64bit OS).
    "
  `);
});
