// The install-method rule, on its own and over the whole bundled registry.
import { describe, expect, test } from 'vitest';
import { INSTALL_METHODS, installMethodOf } from '../../src/instructions/install-method.ts';
import { loadRegistry } from '../../src/registry/validate.ts';

describe('the rule', () => {
  test.each([
    [
      { defaultMedia: 'sdcard', alternateMedia: [], flashProtocol: 'rpiboot' },
      { method: 'usb-boot', medium: 'internal' },
    ],
    [
      { defaultMedia: 'internal', alternateMedia: ['sdcard'], flashProtocol: 'usb-mass-storage' },
      { method: 'usb-mass-storage', medium: 'internal' },
    ],
    [
      { defaultMedia: 'sdcard', alternateMedia: [], flashProtocol: 'jetson-flash' },
      { method: 'vendor-tool', tool: 'jetson-flash' },
    ],
    [
      { defaultMedia: 'internal', alternateMedia: [], flashProtocol: 'edison-flash' },
      { method: 'vendor-tool', tool: 'edison-flash' },
    ],
    [
      { defaultMedia: 'image', alternateMedia: [] },
      { method: 'virtual-image', medium: 'image' },
    ],
    [
      { defaultMedia: 'internal', alternateMedia: ['network', 'usb', 'sdcard'] },
      { method: 'external-flash', medium: 'usb' },
    ],
    [{ defaultMedia: 'internal', alternateMedia: ['network'] }, { method: 'external-flash' }],
    [
      { defaultMedia: 'sdcard', alternateMedia: ['usb'] },
      { method: 'external-boot', medium: 'sdcard' },
    ],
    [
      { defaultMedia: 'usb', alternateMedia: [] },
      { method: 'external-boot', medium: 'usb' },
    ],
  ] as const)('%j -> %j', (boot, expected) => {
    expect(installMethodOf(boot)).toEqual(expected);
  });
});

describe('over the bundled registry', () => {
  const registry = loadRegistry('contracts');

  test('every board follows the rule applied to its own boot data', () => {
    for (const board of registry.boards) expect(board.installMethod, board.slug).toEqual(installMethodOf(board.boot));
  });

  test('every install method is used by some board, and every board that installs from a flasher image has one', () => {
    const used = new Set(registry.boards.map((board) => board.installMethod.method));
    expect([...used].sort()).toEqual([...INSTALL_METHODS].sort());
    for (const board of registry.boards.filter((b) => b.boot.image === 'flasher'))
      expect(board.installMethod.method, board.slug).toBe('external-flash');
  });

  test.each([
    ['raspberrypi4-64', { method: 'external-boot', medium: 'sdcard' }],
    ['jetson-nano', { method: 'vendor-tool', tool: 'jetson-flash' }],
    ['raspberrypicm4-ioboard', { method: 'usb-boot', medium: 'internal' }],
    ['qemux86-64', { method: 'virtual-image', medium: 'image' }],
    ['intel-nuc', { method: 'external-flash', medium: 'usb' }],
    ['intel-edison', { method: 'vendor-tool', tool: 'edison-flash' }],
  ])('%s', (slug, expected) => {
    expect(registry.board(slug)!.installMethod).toEqual(expected);
  });

  test('jetson-nano uses its vendor tool although it boots from an SD card', () => {
    expect(registry.board('jetson-nano')!.boot.defaultMedia).toBe('sdcard');
  });
});
