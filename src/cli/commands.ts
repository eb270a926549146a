// The command-line commands shared by the package's `boardhub` bin and the repository scripts: list, show, instructions, validate.
import { describeLayerRevision } from '../layers/fact-labels.ts';
import { commandLine, imageDownload } from '../instructions/get-image.ts';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { validateRegistry } from '../registry/validate.ts';
import { createIncrementalValidator } from '../registry/incremental.ts';
import { watchRegistry } from './watch-registry.ts';
import { formatDiagnostic } from '../diagnostics/diagnostic.ts';
import { validationSummary } from '../registry/summary.ts';
import type { Registry } from '../registry/registry.ts';
import { filterBoards, type BoardFilters } from '../query/filter.ts';
import { INSTRUCTION_FORMATS, renderInstructions, type InstructionFormat } from '../instructions/render.ts';
import { BOARD_STATES, BOOT_MEDIA, HOST_OSES, INSTALL_METHODS, type HostOs } from '../schema/vocabulary.ts';
import { closestMatch } from '../diagnostics/did-you-mean.ts';
import type { ResolvedBoard } from '../schema/resolved-board.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export class UsageError extends Error {}

const HOST_ALIASES: Record<string, HostOs> = {
  windows: 'windows',
  win: 'windows',
  macos: 'macos',
  mac: 'macos',
  osx: 'macos',
  darwin: 'macos',
  linux: 'linux',
};

export function currentHost(): HostOs {
  return process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'macos' : 'linux';
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const suggestion = closestMatch(value, allowed);
  throw new UsageError(
    `--${flag} "${value}": expected one of ${allowed.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
  );
}

function yesNo(flag: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (['yes', 'true', '1'].includes(value)) return true;
  if (['no', 'false', '0'].includes(value)) return false;
  throw new UsageError(`--${flag} "${value}": expected yes or no`);
}

function findBoard(registry: Registry, slug: string | undefined): ResolvedBoard {
  if (!slug) throw new UsageError('name a board by slug or alias');
  const board = registry.board(slug);
  if (board) return board;
  const suggestion = closestMatch(
    slug,
    registry.boards.flatMap((b) => [b.slug, ...b.aliases]),
  );
  throw new UsageError(`no board "${slug}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; \`list\` shows them all`);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const fact = (value: boolean | undefined) => (value === undefined ? 'unknown' : value ? 'yes' : 'no');

export function listCommand(registry: Registry, argv: string[], io: Io): number {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    args: argv,
    options: {
      arch: text,
      manufacturer: text,
      family: text,
      media: text,
      'default-media': text,
      method: text,
      state: text,
      wifi: text,
      bluetooth: text,
      ethernet: text,
      hdmi: text,
      'internal-storage': text,
      json: { type: 'boolean' },
    },
  });
  const { json, ...v } = values;
  const filters: BoardFilters = {
    ...(v.arch ? { arch: v.arch } : {}),
    ...(v.manufacturer ? { manufacturer: v.manufacturer } : {}),
    ...(v.family ? { family: v.family } : {}),
  };
  const media = oneOf('media', v.media, BOOT_MEDIA);
  const defaultMedia = oneOf('default-media', v['default-media'], BOOT_MEDIA);
  const installMethod = oneOf('method', v.method, INSTALL_METHODS);
  const state = oneOf('state', v.state, BOARD_STATES);
  Object.assign(filters, media && { media }, defaultMedia && { defaultMedia }, installMethod && { installMethod }, state && { state });
  for (const [flag, key] of [
    ['wifi', 'wifi'],
    ['bluetooth', 'bluetooth'],
    ['ethernet', 'ethernet'],
    ['hdmi', 'hdmi'],
    ['internal-storage', 'internalStorage'],
  ] as const) {
    const value = yesNo(flag, v[flag]);
    if (value !== undefined) filters[key] = value;
  }
  const boards = filterBoards(registry.boards, filters);
  if (json) {
    io.out(`${JSON.stringify(boards.map((b) => b.slug))}\n`);
    return 0;
  }
  const rows = [
    ['SLUG', 'NAME', 'ARCH', 'MANUFACTURER', 'INSTALL METHOD', 'STATE'],
    ...boards.map((b) => [b.slug, b.name, b.arch, b.manufacturer.name, b.installMethod.method, b.state]),
  ];
  io.out(`${table(rows)}\n${boards.length} of ${registry.boards.length} boards\n`);
  return 0;
}

export function showCommand(registry: Registry, argv: string[], io: Io): number {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const board = findBoard(registry, positionals[0]);
  if (values.json) {
    io.out(`${JSON.stringify(board, null, 2)}\n`);
    return 0;
  }
  const rows: [string, string][] = [
    ['Slug', board.slug],
    ['Aliases', board.aliases.join(', ') || '-'],
    ['State', board.state],
    ['Architecture', board.arch],
    ['Manufacturer', board.manufacturer.name],
    ['Family', board.family.name],
    ['SoC', board.soc ?? 'unknown'],
    ['Wi-Fi / Bluetooth / Ethernet', [board.hardware.wifi, board.hardware.bluetooth, board.hardware.ethernet].map(fact).join(' / ')],
    ['HDMI / internal storage', [board.hardware.hdmi, board.hardware.internalStorage].map(fact).join(' / ')],
    [
      'Boot media',
      [board.boot.defaultMedia, ...board.boot.alternateMedia].join(', ') +
        (board.boot.flashProtocol ? ` (flashed with ${board.boot.flashProtocol})` : ''),
    ],
    ['Install method', board.installMethod.method + (board.installMethod.tool ? ` (${board.installMethod.tool})` : '')],
    ['Bootloader', board.bootloader ? board.bootloader.chain.map((s) => s.name).join(' -> ') : 'none (no OS image)'],
    ['Partition layout', board.partitions ? `${board.partitions.layout.name} (${board.partitions.scheme})` : 'none (no OS image)'],
    ['config.json', board.partitions ? `${board.partitions.config.path} on ${board.partitions.config.partition}` : '-'],
    ['Yocto machine', board.yocto?.machine ?? 'unknown'],
    ['Image file', board.yocto?.deployFlasherArtifact ?? board.yocto?.deployArtifact ?? 'unknown'],
    ['Facts hold for', board.layer ? describeLayerRevision(board.layer) : 'no board layer (researched by hand)'],
  ];
  io.out(`${board.name}\n${table(rows.map(([k, v]) => [k, v]))}\n`);
  if (board.partitions) {
    io.out(
      `\nPartitions:\n${table([['LABEL', 'ROLE', 'FILESYSTEM', 'SIZE'], ...board.partitions.partitions.map((p) => [p.label, p.role, p.filesystem, p.size === 'fill' ? 'rest of disk' : p.size === 'content' ? 'sized to its content' : `${p.size} MiB`])])}\n`,
    );
  }
  const image = imageDownload(board);
  if (image)
    io.out(
      `\nGet the image (${image.release ? `balenaOS ${image.release}` : 'recommended release'}, ${image.kind}${image.artifact ? `, ${image.artifact}` : ''}):\n${image.commands.map((c) => `  ${commandLine(c)}`).join('\n')}\n  config.json: ${image.config.path} on partition ${image.config.partition} (${image.config.label})\n`,
    );
  io.out(`\nSources:\n${board.sources.map((s) => `  ${s}`).join('\n')}\n`);
  return 0;
}

export function instructionsCommand(registry: Registry, argv: string[], io: Io): number {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { os: { type: 'string' }, format: { type: 'string', default: 'text' } },
  });
  const board = findBoard(registry, positionals[0]);
  const host = values.os === undefined ? currentHost() : HOST_ALIASES[values.os.toLowerCase()];
  if (!host) throw new UsageError(`--os "${values.os}": expected one of ${HOST_OSES.join(', ')}`);
  const format = oneOf('format', values.format, INSTRUCTION_FORMATS) as InstructionFormat;
  if (format === 'text')
    io.out(
      `${board.name}: ${board.installMethod.method}${board.installMethod.tool ? ` (${board.installMethod.tool})` : ''}, on ${host}\n\n`,
    );
  io.out(renderInstructions(board, host, format));
  return 0;
}

export function validateCommand(argv: string[], io: Io): number {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, watch: { type: 'boolean' } },
  });
  const root = positionals[0] ?? 'contracts';
  if (values.watch) return watchAndValidate(root, io);
  const started = performance.now();
  const result = validateRegistry(root);
  const elapsed = performance.now() - started;
  if (values.json) {
    io.out(`${JSON.stringify({ counts: result.counts, diagnostics: result.diagnostics }, null, 2)}\n`);
  } else {
    for (const diagnostic of result.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
    io.out(`${validationSummary(result.counts, result.diagnostics.length, elapsed)}\n`);
  }
  return result.diagnostics.length === 0 ? 0 : 1;
}

/** Validates, then again after every change under `root`, re-reading only the changed files. Runs until interrupted. */
function watchAndValidate(root: string, io: Io): number {
  const validator = createIncrementalValidator(root);
  const report = (changed?: string[]) => {
    const started = performance.now();
    const result = validator.validate(changed);
    for (const diagnostic of result.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
    io.out(
      `${validationSummary(result.counts, result.diagnostics.length, performance.now() - started)}${changed ? ` after ${changed.length} change${changed.length === 1 ? '' : 's'}` : ''}\n`,
    );
  };
  report();
  const watcher = watchRegistry(root, report, (message) => io.err(`error: ${message}\n`));
  void watcher.ready.then(() => io.out(`watching ${root} for changes (Ctrl+C to stop)\n`));
  return 0;
}

const USAGE = `usage: boardhub <command> [options]

  list [--arch A] [--manufacturer M] [--family F] [--media M] [--default-media M] [--method M]
       [--state S] [--wifi yes|no] [--bluetooth yes|no] [--ethernet yes|no] [--hdmi yes|no]
       [--internal-storage yes|no] [--json]
  show <slug|alias> [--json]
  instructions <slug|alias> [--os windows|macos|linux] [--format ${INSTRUCTION_FORMATS.join('|')}]
  validate [<registry folder>] [--json] [--watch]
`;

/** Dispatches a command line; `registry` is loaded only by the commands that need it. Never throws. */
export function runCli(argv: string[], registry: () => Registry, io: Io): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'list':
        return listCommand(registry(), rest, io);
      case 'show':
        return showCommand(registry(), rest, io);
      case 'instructions':
        return instructionsCommand(registry(), rest, io);
      case 'validate':
        return validateCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default: {
        const suggestion = closestMatch(command, ['list', 'show', 'instructions', 'validate']);
        io.err(`unknown command "${command}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}\n${USAGE}`);
        return 2;
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`error: ${message}\n`);
    return error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }
}
