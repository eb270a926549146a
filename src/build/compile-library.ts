// Compiles the library part of src/ to JavaScript and declarations with tsc, cached by a hash of its sources.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
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

/**
 * Resolves to the folder holding the compiled library; compiles only when the sources changed since the last build.
 * tsc runs in a child process, so the build can render the site meanwhile.
 */
export async function compileLibrary(cacheRoot = 'node_modules/.cache/boardhub'): Promise<{ dir: string; cached: boolean }> {
  const dir = join(cacheRoot, `lib-${sourceHash()}`);
  if (existsSync(dir)) return { dir, cached: true };
  const staging = `${dir}.tmp-${process.pid}`;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const output: string[] = [];
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', CONFIG, '--outDir', staging], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    child.on('close', resolve);
  });
  if (status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`compiling the library failed:\n${output.join('')}`);
  }
  renameSync(staging, dir);
  return { dir, cached: false };
}
