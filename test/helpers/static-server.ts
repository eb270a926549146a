// Re-export: the static server lives in src/bench so benchmarks can use it too.
export { serveStatic } from '../../src/bench/static-server.ts';
