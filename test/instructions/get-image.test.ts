// "Get the image": release, image kind, the balena CLI commands and config.json's place, from the resolved facts.
import { expect, test } from 'vitest';
import { commandLine, FLEET_PLACEHOLDER, imageDownload } from '../../src/instructions/get-image.ts';
import { loadRegistry } from '../../src/registry/validate.ts';

const registry = loadRegistry('contracts');
const board = (slug: string) => registry.board(slug)!;

test('a plain SD-card image pinned to the release its facts hold for, with Wi-Fi configuration', () => {
  const pi = board('raspberrypi4-64');
  const image = imageDownload(pi)!;
  expect(image).toMatchObject({ release: pi.layer!.release, kind: 'plain', artifact: pi.yocto!.deployArtifact });
  expect(image.commands.map(commandLine)).toEqual([
    `balena os download raspberrypi4-64 --output balena-raspberrypi4-64.img --version ${pi.layer!.release}`,
    `balena os configure balena-raspberrypi4-64.img --fleet ${FLEET_PLACEHOLDER} --device-type raspberrypi4-64`,
    `balena os configure balena-raspberrypi4-64.img --fleet ${FLEET_PLACEHOLDER} --device-type raspberrypi4-64 --config-network wifi --config-wifi-ssid YOUR_WIFI_NAME --config-wifi-key YOUR_WIFI_PASSWORD`,
  ]);
  expect(image.config).toEqual({ partition: 1, label: 'resin-boot', path: '/config.json' });
});

test('a flasher download points at its own table; a board without Wi-Fi gets no Wi-Fi command; no image, no block', () => {
  const bbb = imageDownload(board('beaglebone-black'))!;
  expect(bbb.kind).toBe('flasher');
  expect(bbb.config).toEqual({ partition: 1, label: 'flash-boot', path: '/config.json' });
  expect(bbb.commands.some((c) => c.args.includes('--config-network'))).toBe(false); // BeagleBone Black has no Wi-Fi
  const xavier = imageDownload(board('jetson-xavier'))!;
  expect(xavier.config.partition).toBe(37);
  const dependent = registry.boards.find((b) => !b.osImage)!;
  expect(imageDownload(dependent)).toBeUndefined();
  // Without a layer revision the release is unknown: the command asks for balena's recommended one.
  const thor = imageDownload(board('jetson-agx-thor-devkit'))!;
  expect(thor.release).toBeUndefined();
  expect(thor.commands[0]!.args).not.toContain('--version');
});
