// Package benchmarks: cold import and lookup, what a one-board browser bundle contains (esbuild metafile), tarball size.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface PackageFigures {
  coldImportMs: number[];
  bundle: { bytes: number; inputs: string[]; boardFiles: string[]; containsDataset: boolean };
  tarballBytes: number;
}

/** Milliseconds from the start of `import('@boardhub/contracts')` to the result of one lookup, in fresh processes. */
function coldImports(packageDir: string, runs: number): number[] {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(resolve(packageDir, 'index.js'))}); if (!m.getBoard('raspberrypi4-64')) process.exit(1); console.log(performance.now() - t);`;
  return Array.from({ length: runs }, () => {
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`cold import failed: ${out.stderr}`);
    return Math.round(Number(out.stdout.trim()) * 10) / 10;
  });
}

/** Bundles a browser entry that imports one board's JSON and the helper functions, and reports what went in. */
async function oneBoardBundle(packageDir: string): Promise<PackageFigures['bundle']> {
  const { build } = await import('esbuild');
  const work = mkdtempSync(join(tmpdir(), 'boardhub-bundle-'));
  try {
    mkdirSync(join(work, 'node_modules/@boardhub'), { recursive: true });
    symlinkSync(resolve(packageDir), join(work, 'node_modules/@boardhub/contracts'));
    writeFileSync(
      join(work, 'entry.js'),
      `import board from '@boardhub/contracts/device-types/raspberrypi4-64.json' with { type: 'json' };
import { renderInstructions } from '@boardhub/contracts/instructions';
import { matchesFilters } from '@boardhub/contracts/query';
document.body.innerHTML = renderInstructions(board, 'linux', 'html') + matchesFilters(board, { wifi: true });`,
    );
    const result = await build({
      entryPoints: [join(work, 'entry.js')],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      absWorkingDir: work,
      logLevel: 'silent',
    });
    // esbuild reports real paths (the link is resolved), so inputs are matched by their path inside the package.
    const inputs = Object.keys(result.metafile.inputs).map((path) =>
      path.replace(/^.*?(?=(device-types|lib|schemas)\/|boardhub\.json$)/, ''),
    );
    return {
      bytes: result.outputFiles[0]!.contents.length,
      inputs,
      boardFiles: inputs.filter((path) => /^device-types\/[^/]+\.json$/.test(path)),
      containsDataset: inputs.some((path) => path.endsWith('boardhub.json')),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function tarballBytes(packageDir: string): number {
  const [info] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  return info.size;
}

export async function packageFigures(packageDir: string): Promise<PackageFigures> {
  return { coldImportMs: coldImports(packageDir, 10), bundle: await oneBoardBundle(packageDir), tarballBytes: tarballBytes(packageDir) };
}
