// How to get a board's OS image: the release its facts hold for, the file balena publishes, balena CLI commands and where config.json sits.
import { downloadConfig } from '../registry/partition-numbers.ts';
import { publishedImageKind } from '../registry/image-kind.ts';
import type { ResolvedBoard } from '../schema/resolved-board.ts';

/** A command a person can copy and a tool can run: the program and its arguments, never a shell string. */
export interface ImageCommand {
  purpose: string;
  command: string;
  args: string[];
}

export interface ImageDownload {
  /** The balenaOS release Boardhub's facts hold for; absent when the board has no layer revision. */
  release?: string;
  /** "flasher" when the published image installs itself to internal storage, else "plain". */
  kind: 'plain' | 'flasher';
  /** The file name balena's build gives the published image. */
  artifact?: string;
  /** The name the commands write the download to. */
  file: string;
  commands: ImageCommand[];
  /** Where config.json sits in the downloaded file, for people who edit it by hand. */
  config: { partition: number; label: string; path: string };
}

/** Placeholders in capitals: a pasted command with one left in fails loudly instead of doing something else. */
export const FLEET_PLACEHOLDER = 'YOUR_ORG/YOUR_FLEET';
const WIFI_PLACEHOLDERS = { ssid: 'YOUR_WIFI_NAME', key: 'YOUR_WIFI_PASSWORD' } as const;

/** How the command reads in a terminal; every argument here is a slug, a file name or a placeholder, so none needs quoting. */
export function commandLine(command: ImageCommand): string {
  return [command.command, ...command.args].join(' ');
}

/** Getting the image of a board that has one; undefined for a device type without an OS image. */
export function imageDownload(board: ResolvedBoard): ImageDownload | undefined {
  if (!board.osImage || !board.partitions) return undefined;
  const yocto = board.yocto;
  const kind = publishedImageKind(yocto) ?? (yocto ? 'plain' : board.boot.image);
  const release = board.layer?.release;
  const config = downloadConfig(board.partitions)!;
  const file = `balena-${board.slug}.img`;
  const configure = ['os', 'configure', file, '--fleet', FLEET_PLACEHOLDER, '--device-type', board.slug];
  const commands: ImageCommand[] = [
    {
      purpose: release ? `Download balenaOS ${release} for this board` : 'Download the recommended balenaOS release for this board',
      command: 'balena',
      args: ['os', 'download', board.slug, '--output', file, ...(release ? ['--version', release] : [])],
    },
    { purpose: 'Configure it for your fleet (wired network)', command: 'balena', args: configure },
  ];
  if (board.hardware.wifi !== false)
    commands.push({
      purpose: 'Or configure it with Wi-Fi',
      command: 'balena',
      args: [
        ...configure,
        '--config-network',
        'wifi',
        '--config-wifi-ssid',
        WIFI_PLACEHOLDERS.ssid,
        '--config-wifi-key',
        WIFI_PLACEHOLDERS.key,
      ],
    });
  return {
    ...(release ? { release } : {}),
    kind,
    ...((yocto?.deployFlasherArtifact ?? yocto?.deployArtifact)
      ? { artifact: yocto!.deployFlasherArtifact ?? yocto!.deployArtifact! }
      : {}),
    file,
    commands,
    config: { partition: config.number, label: config.label, path: config.path },
  };
}
