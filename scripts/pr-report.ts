// CLI: the pull-request report. `build` validates and writes report.json (no token; safe on fork PRs); `post` upserts the sticky comment and labels; `run` does both.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateRegistry } from '../src/registry/validate.ts';
import { buildReport, type PrReport } from '../src/pr-report/report.ts';
import { createClient, postReport } from '../src/pr-report/github.ts';
import { isMain, run } from './cli.ts';

const USAGE = `usage:
  pr-report build --head contracts --base <base contracts dir> --repository owner/name --sha <sha> [--changed <file>] [--preview-url <url>] [--out report.json]
  pr-report post --report report.json --repository owner/name --pr <number> [--api-url <url>]     (token in GITHUB_TOKEN)
  pr-report run  (the options of both)`;

type Options = Record<string, string | undefined>;

function changedFiles(options: Options): string[] {
  if (options.changed) return readFileSync(options.changed, 'utf8').split('\n').filter(Boolean);
  try {
    return execFileSync('git', ['diff', '--name-only', 'HEAD~1'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

export function buildCommand(options: Options, write: (text: string) => void): PrReport {
  const head = validateRegistry(options.head ?? 'contracts');
  const base = options.base ? validateRegistry(options.base) : undefined;
  const report = buildReport({
    repository: options.repository ?? 'owner/repo',
    sha: options.sha ?? 'HEAD',
    changedFiles: changedFiles(options),
    diagnostics: head.diagnostics,
    base: base?.registry,
    head: head.registry,
    ...(options['preview-url'] ? { previewUrl: options['preview-url'] } : {}),
  });
  for (const line of report.annotations) write(`${line}\n`);
  writeFileSync(options.out ?? 'report.json', `${JSON.stringify(report, null, 2)}\n`);
  write(
    `report: ${report.valid ? 'valid' : 'invalid'}; labels: ${report.labels.join(', ') || 'none'}; written to ${options.out ?? 'report.json'}\n`,
  );
  return report;
}

export async function postCommand(options: Options, report: PrReport, write: (text: string) => void): Promise<void> {
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new Error('GITHUB_TOKEN is not set');
  // Nothing printed may contain the token, whatever an error message carries.
  const redact = (text: string) => text.split(token).join('***');
  const [owner, repo] = (options.repository ?? '').split('/');
  const pull = Number(options.pr);
  if (!owner || !repo || !Number.isInteger(pull) || pull <= 0) throw new Error(`need --repository owner/name and --pr <number>\n${USAGE}`);
  const octokit = createClient({
    token,
    ...(options['api-url'] ? { baseUrl: options['api-url'] } : {}),
    ...(process.env.BOARDHUB_RETRY_AFTER_MS ? { retryAfterBaseValue: Number(process.env.BOARDHUB_RETRY_AFTER_MS) } : {}),
    log: (m) => write(`${redact(m)}\n`),
  });
  try {
    const { id, created } = await postReport(octokit, { owner, repo, pull }, report);
    write(`${created ? 'created' : 'updated'} comment ${id} on ${owner}/${repo}#${pull}\n`);
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new Error(redact(`GitHub API ${status ?? ''} error: ${(error as Error).message}`));
  }
}

export async function prReportCommand(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: Object.fromEntries(
      ['head', 'base', 'repository', 'sha', 'changed', 'preview-url', 'out', 'report', 'pr', 'api-url'].map((k) => [
        k,
        { type: 'string' as const },
      ]),
    ),
  });
  const options = values as Options;
  const write = (text: string) => process.stdout.write(text);
  if (command === 'build') return buildCommand(options, write).valid ? 0 : 1;
  if (command === 'post') {
    const report = JSON.parse(readFileSync(options.report ?? 'report.json', 'utf8')) as PrReport;
    await postCommand(options, report, write);
    return report.valid ? 0 : 1;
  }
  if (command === 'run') {
    const report = buildCommand(options, write);
    await postCommand(options, report, write);
    return report.valid ? 0 : 1;
  }
  console.error(USAGE);
  return 2;
}

if (isMain(import.meta.url)) await run(() => prReportCommand(process.argv.slice(2)));
