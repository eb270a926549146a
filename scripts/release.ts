// CLI: `release:check` fails when package.json's version is too small for the data changes since release/baseline.json; `release:baseline` records the current data.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadRegistry } from '../src/registry/validate.ts';
import { bumpBetween, diffData, isBumpEnough, requiredBump } from '../src/build/changelog.ts';
import { BASELINE } from './build.ts';
import { isMain, run } from './cli.ts';

export function releaseCommand(argv: string[]): number {
  const version = String(JSON.parse(readFileSync('package.json', 'utf8')).version);
  const registry = loadRegistry('contracts');
  if (argv[0] === 'baseline') {
    mkdirSync(dirname(BASELINE), { recursive: true });
    writeFileSync(BASELINE, `${JSON.stringify({ version, boards: registry.boards }, null, 2)}\n`);
    console.log(`recorded ${registry.boards.length} boards as the baseline of ${version} in ${BASELINE}`);
    return 0;
  }
  if (!existsSync(BASELINE)) {
    console.log(`no ${BASELINE} yet: the first release may use any version`);
    return 0;
  }
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8'));
  const required = requiredBump(diffData(baseline.boards, registry.boards));
  const bump = bumpBetween(baseline.version, version);
  if (bump === 'none') {
    console.log(
      required === 'none'
        ? `✔ ${version}: no data changes since the baseline`
        : `✔ ${version}: unreleased data changes need a ${required} bump before the next release`,
    );
    return 0;
  }
  if (!isBumpEnough(baseline.version, version, required)) {
    console.error(
      `✖ ${baseline.version} -> ${version} is a ${bump} change, but the data changes need a ${required} bump (see VERSIONING.md)`,
    );
    return 1;
  }
  console.log(`✔ ${baseline.version} -> ${version} (${bump}) covers the data changes (${required})`);
  return 0;
}

if (isMain(import.meta.url)) await run(() => releaseCommand(process.argv.slice(2)));
