// Bundles the package's main entry into one module with esbuild: one file to load makes a cold import faster.
import { buildSync } from 'esbuild';

export const ENTRY_SOURCE = `import data from '../boardhub.json' with { type: 'json' };
import { createApi } from './package/api.js';

const api = createApi(data);
export const { boards, families, manufacturers, architectures, bootloaders, layouts, getBoard, findBoards, instructions, instructionSteps } = api;
export { filterBoards, matchesFilters } from './query/filter.js';
export { renderInstructions, instructionsFor } from './instructions/render.js';
export { deviceTypeManifest } from './manifest/device-type-manifest.js';
export { imageDownload, commandLine } from './instructions/get-image.js';
`;

/** The main entry (index.js at the package root) with the library code it needs inlined and the data kept external. */
export function bundleEntry(libDir: string, banner: string): string {
  const result = buildSync({
    stdin: { contents: ENTRY_SOURCE, resolveDir: libDir, sourcefile: 'index.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'esnext',
    external: ['../boardhub.json'],
    write: false,
    legalComments: 'none',
    banner: { js: banner },
    logLevel: 'silent',
  });
  // The entry sits at the package root, beside boardhub.json; esbuild's comments naming the (cache) source paths go.
  return result.outputFiles[0]!.text.replace(`from "../boardhub.json"`, `from "./boardhub.json"`)
    .split('\n')
    .filter((line) => !line.startsWith('// node_modules/'))
    .join('\n');
}
