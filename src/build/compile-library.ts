// Compiles the library part of src/ to JavaScript and declarations with tsc, cached by a hash of its sources.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const CONFIG = 'tsconfig.build.json';

function sourceHash(): string {
  const config = JSON.parse(readFileSync(CONFIG, 'utf8')) as { include: string[] };
  const hash = createHash('sha256').update(readFileSync(CONFIG)).update(readFileSync('tsconfig.json'));
  for (const dir of config.include) {
    for (const path of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      if (path.endsWith('.ts')) hash.update(path).update(readFileSync(join(dir, path)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Returns the folder holding the compiled library; compiles only when the sources changed since the last build. */
export function compileLibrary(cacheRoot = 'node_modules/.cache/boardhub'): { dir: string; cached: boolean } {
  const dir = join(cacheRoot, `lib-${sourceHash()}`);
  if (existsSync(dir)) return { dir, cached: true };
  const staging = `${dir}.tmp-${process.pid}`;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', CONFIG, '--outDir', staging], { encoding: 'utf8' });
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`compiling the library failed:\n${result.stdout}${result.stderr}`);
  }
  renameSync(staging, dir);
  return { dir, cached: false };
}
