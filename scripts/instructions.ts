// CLI: print a board's provisioning instructions for one host OS, e.g. `npm run instructions -- raspberrypi4-64 --os macos`.
import { parseArgs } from 'node:util';
import { loadRegistry } from '../src/registry/validate.ts';
import { INSTRUCTION_FORMATS, renderInstructions, type InstructionFormat } from '../src/instructions/render.ts';
import { HOST_OSES, type HostOs } from '../src/schema/steps.ts';
import { didYouMean } from '../src/diagnostics/did-you-mean.ts';
import { isMain, run } from './cli.ts';

const HOST_ALIASES: Record<string, HostOs> = {
  windows: 'windows',
  win: 'windows',
  macos: 'macos',
  mac: 'macos',
  osx: 'macos',
  darwin: 'macos',
  linux: 'linux',
};

function currentHost(): HostOs {
  return process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'macos' : 'linux';
}

export function instructionsCommand(argv: string[]): number {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      os: { type: 'string' },
      format: { type: 'string', default: 'text' },
      contracts: { type: 'string', default: 'contracts' },
      os_name: { type: 'string' },
    },
  });
  const slug = positionals[0];
  if (!slug) {
    console.error(
      `usage: npm run instructions -- <board slug or alias> [--os ${HOST_OSES.join('|')}] [--format ${INSTRUCTION_FORMATS.join('|')}]`,
    );
    return 2;
  }
  const host = values.os ? HOST_ALIASES[values.os.toLowerCase()] : currentHost();
  if (!host) {
    console.error(`unknown --os "${values.os}": expected one of ${HOST_OSES.join(', ')}`);
    return 2;
  }
  if (!(INSTRUCTION_FORMATS as readonly string[]).includes(values.format)) {
    console.error(`unknown --format "${values.format}": expected one of ${INSTRUCTION_FORMATS.join(', ')}`);
    return 2;
  }
  const registry = loadRegistry(values.contracts);
  const board = registry.board(slug);
  if (!board) {
    const hint = didYouMean(
      slug,
      registry.boards.flatMap((b) => [b.slug, ...b.aliases]),
    );
    console.error(`no board "${slug}" in ${values.contracts}/${hint ? ` (${hint})` : ''}`);
    return 1;
  }
  if (values.format === 'text')
    console.log(
      `${board.name}: ${board.installMethod.method}${board.installMethod.tool ? ` (${board.installMethod.tool})` : ''}, on ${host}\n`,
    );
  process.stdout.write(renderInstructions(board, host, values.format as InstructionFormat));
  return 0;
}

if (isMain(import.meta.url)) await run(() => instructionsCommand(process.argv.slice(2)));
