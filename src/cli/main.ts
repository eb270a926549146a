#!/usr/bin/env node
// The `boardhub` command of the npm package: list, show, instructions and validate, over the data bundled beside it.
import { readFileSync } from 'node:fs';
import { createRegistry } from '../registry/registry.ts';
import { runCli } from './commands.ts';
import { exitQuietlyOnClosedPipe } from './closed-pipe.ts';

const loadBundled = () => createRegistry(JSON.parse(readFileSync(new URL('../../boardhub.json', import.meta.url), 'utf8')));

exitQuietlyOnClosedPipe();
process.exitCode = runCli(process.argv.slice(2), loadBundled, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
