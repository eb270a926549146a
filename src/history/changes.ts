// Registry changes from git history: which commits touched which contracts, for the changes page, the Atom feed and board pages.
import { execFileSync } from 'node:child_process';

export interface Change {
  commit: string;
  /** ISO 8601 committer date. */
  date: string;
  summary: string;
  /** Contracts touched, as "type/slug". */
  contracts: string[];
}

/** Parses `git log --format=%x1e%H%x1f%cI%x1f%s --name-only`. */
export function parseGitLog(output: string, contractsDir = 'contracts'): Change[] {
  return output
    .split('\x1e')
    .filter((record) => record.trim())
    .map((record) => {
      const [header = '', ...paths] = record.split('\n');
      const [commit = '', date = '', summary = ''] = header.split('\x1f');
      const contracts = [
        ...new Set(
          paths
            .map((p) => p.trim())
            .filter((p) => p.startsWith(`${contractsDir}/`))
            .map((p) => p.split('/').slice(1, 3).join('/')),
        ),
      ].sort();
      return { commit, date, summary, contracts };
    })
    .filter((change) => change.contracts.length > 0);
}

/** Newest first; empty when the folder is not in a git checkout (e.g. a source tarball). */
export function readChanges(contractsDir = 'contracts', limit = 200): Change[] {
  try {
    const output = execFileSync('git', ['log', `-${limit}`, '--format=%x1e%H%x1f%cI%x1f%s', '--name-only', '--', contractsDir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return parseGitLog(output, contractsDir);
  } catch {
    return [];
  }
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function atomFeed(changes: readonly Change[], site: string): string {
  const updated = changes[0]?.date ?? '1970-01-01T00:00:00Z';
  const entries = changes.slice(0, 50).map(
    (c) => `  <entry>
    <id>${escapeXml(`${site}/changes/#${c.commit}`)}</id>
    <title>${escapeXml(c.summary)}</title>
    <updated>${escapeXml(c.date)}</updated>
    <link href="${escapeXml(`${site}/changes/#${c.commit}`)}"/>
    <summary>${escapeXml(`Contracts changed: ${c.contracts.join(', ')}`)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(`${site}/changes/`)}</id>
  <title>Boardhub registry changes</title>
  <updated>${escapeXml(updated)}</updated>
  <link rel="self" href="${escapeXml(`${site}/changes/feed.xml`)}"/>
  <link href="${escapeXml(`${site}/changes/`)}"/>
${entries.join('\n')}
</feed>
`;
}
