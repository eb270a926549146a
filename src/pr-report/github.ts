// Posts the PR report with octokit: one sticky comment found by its hidden marker (through every page of comments), and labels.
import { Octokit } from 'octokit';
import { REPORT_MARKER, type PrReport } from './report.ts';

export interface GitHubTarget {
  owner: string;
  repo: string;
  pull: number;
}

export interface ClientOptions {
  token: string;
  baseUrl?: string;
  /** Milliseconds per second of Retry-After; tests shrink it. */
  retryAfterBaseValue?: number;
  log?: (message: string) => void;
}

/** An Octokit with retries on 5xx and throttling that waits out primary and secondary rate limits. */
export function createClient({ token, baseUrl, retryAfterBaseValue = 1000, log = () => undefined }: ClientOptions): Octokit {
  return new Octokit({
    auth: token,
    ...(baseUrl ? { baseUrl } : {}),
    userAgent: 'boardhub-pr-report',
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => log(m), error: (m: string) => log(m) },
    retry: { retries: 3, retryAfterBaseValue },
    throttle: {
      retryAfterBaseValue,
      onRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log(`rate limit on ${options.method} ${options.url}; retrying after ${retryAfter} s`);
        return retryCount < 3;
      },
      onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log(`secondary rate limit on ${options.method} ${options.url}; retrying after ${retryAfter} s`);
        return retryCount < 3;
      },
    },
  });
}

/** Creates the report comment, or updates the one that carries the marker; never a second one. */
export async function upsertStickyComment(octokit: Octokit, target: GitHubTarget, body: string): Promise<{ id: number; created: boolean }> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.pull,
    per_page: 100,
  });
  const mine = comments.find((c) => c.body?.includes(REPORT_MARKER));
  if (mine) {
    await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: mine.id, body });
    return { id: mine.id, created: false };
  }
  const created = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.pull, body });
  return { id: created.data.id, created: true };
}

export async function postReport(octokit: Octokit, target: GitHubTarget, report: PrReport): Promise<{ id: number; created: boolean }> {
  const comment = await upsertStickyComment(octokit, target, report.body);
  if (report.labels.length)
    await octokit.rest.issues.addLabels({ owner: target.owner, repo: target.repo, issue_number: target.pull, labels: report.labels });
  return comment;
}
