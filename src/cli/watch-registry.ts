// Watches a registry folder for saved contracts and reports the changed paths in batches, once an editor has finished writing.
import { watch } from 'chokidar';
import { resolve } from 'node:path';
import { isRegistryPath } from '../registry/incremental.ts';

export interface RegistryWatcher {
  /** Resolves when every folder is being watched. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Calls `onChanges` with the paths changed since the last call, 30 ms after the last event. chokidar watches each
 * folder rather than each file, so editors that save by writing a copy and renaming it over the original (vim,
 * JetBrains "safe write", sed -i) are seen on every save; Node's own recursive watch on Linux misses them after the first.
 */
export function watchRegistry(root: string, onChanges: (paths: string[]) => void, onError: (message: string) => void): RegistryWatcher {
  const base = resolve(root);
  const watcher = watch(base, {
    ignoreInitial: true,
    // <type>/<slug>/<file> is as deep as a registry goes.
    depth: 2,
    ignored: (path) => path !== base && !isRegistryPath(base, path),
  });
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...pending];
      pending.clear();
      onChanges(paths);
    }, 30);
  });
  watcher.on('error', (error) => {
    const code = (error as NodeJS.ErrnoException).code;
    onError(
      code === 'ENOSPC'
        ? `cannot watch every folder of ${root}: the system's limit on watched folders is reached (raise fs.inotify.max_user_watches, or validate without --watch)`
        : `watching ${root} failed: ${(error as Error).message ?? String(error)}`,
    );
  });
  return {
    ready: new Promise((done) => watcher.once('ready', () => done())),
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
