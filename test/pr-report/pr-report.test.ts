// The PR report against a fake GitHub API on 127.0.0.1: one sticky comment, paging, retries, rate limits, errors with line links, no token leak.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, test } from 'vitest';
import { REPORT_MARKER } from '../../src/pr-report/report.ts';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.ts';

const TOKEN = 'ghs_SECRETtoken1234567890';
const target = { owner: 'boardhub', repo: 'boardhub', pull: 7 };
const work = mkdtempSync(join(tmpdir(), 'boardhub-pr-'));
const base = join(work, 'base');
const head = join(work, 'head');
let github: FakeGitHub;

cpSync('contracts', base, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeEach(async () => {
  rmSync(head, { recursive: true, force: true });
  cpSync('contracts', head, { recursive: true });
  writeFileSync(join(work, 'changed.txt'), '');
  github = await startFakeGitHub(target);
});
afterEach(() => github.close());

/** Runs the CLI as CI would, and returns its exit code and everything it printed. */
function prReport(args: string[] = []): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [
      'scripts/pr-report.ts',
      'run',
      '--head',
      head,
      '--base',
      base,
      '--repository',
      'boardhub/boardhub',
      '--sha',
      'abc123',
      '--pr',
      '7',
      '--api-url',
      github.url,
      '--out',
      join(work, 'report.json'),
      '--changed',
      join(work, 'changed.txt'),
      ...args,
    ],
    {
      env: { ...process.env, GITHUB_TOKEN: TOKEN, BOARDHUB_RETRY_AFTER_MS: '20' },
    },
  );
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

function changeBoard(slug: string, patch: (c: any) => void) {
  const path = join(head, 'hw.device-type', slug, 'contract.json');
  const contract = JSON.parse(readFileSync(path, 'utf8'));
  patch(contract);
  writeFileSync(path, JSON.stringify(contract, null, 2));
  writeFileSync(join(work, 'changed.txt'), `contracts/hw.device-type/${slug}/contract.json\n`);
}

test('the first run creates one comment, the second updates it', async () => {
  changeBoard('raspberrypi4-64', (c) => (c.soc = 'Broadcom BCM2711 (B0)'));
  const first = await prReport();
  expect(first.code).toBe(0);
  expect(github.comments).toHaveLength(1);
  expect(github.comments[0]!.body).toContain(REPORT_MARKER);
  expect(github.comments[0]!.body).toContain('`soc`: `Broadcom BCM2711` → `Broadcom BCM2711 (B0)`');
  expect(github.comments[0]!.body).toContain('Instructions on windows');
  expect(github.labels).toEqual(['board-update']);
  changeBoard('raspberrypi4-64', (c) => (c.soc = 'Broadcom BCM2711 rev C0'));
  const second = await prReport();
  expect(second.code).toBe(0);
  expect(github.comments).toHaveLength(1);
  expect(github.comments[0]!.body).toContain('rev C0');
  expect(second.output).toMatch(/updated comment/);
});

test('with 150 existing comments it still finds its own (paging)', async () => {
  for (let i = 0; i < 150; i++) github.comments.push({ id: i + 1, body: `comment ${i}` });
  github.comments.splice(120, 0, { id: 999, body: `${REPORT_MARKER}\nold report` });
  const { code } = await prReport();
  expect(code).toBe(0);
  expect(github.comments).toHaveLength(151);
  expect(github.comments.find((c) => c.id === 999)!.body).toContain('Boardhub check');
  expect(github.requests.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(2);
});

test('a 502 is retried', async () => {
  github.failNext('GET', '/repos/boardhub/boardhub/issues/7/comments', { status: 502, message: 'Bad Gateway' });
  const { code } = await prReport();
  expect(code).toBe(0);
  expect(github.comments).toHaveLength(1);
  expect(github.requests.filter((r) => r.method === 'GET').length).toBe(2);
});

test('a secondary rate limit waits and retries', async () => {
  github.failNext('POST', '/repos/boardhub/boardhub/issues/7/comments', {
    status: 403,
    headers: { 'retry-after': '1' },
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  });
  const { code, output } = await prReport();
  expect(code).toBe(0);
  expect(output).toMatch(/secondary rate limit/);
  expect(github.comments).toHaveLength(1);
});

test('an invalid contract: the comment lists errors with line links, annotations are printed, and the exit code is 1', async () => {
  changeBoard('jetson-nano', (c) => (c.boot = { defaultMedia: 'sd' }));
  const { code, output } = await prReport();
  expect(code).toBe(1);
  const body = github.comments[0]!.body;
  expect(body).toMatch(/❌ 1 error/);
  expect(body).toMatch(
    /\[head\/hw\.device-type\/jetson-nano\/contract\.json:\d+:\d+\]\(https:\/\/github\.com\/boardhub\/boardhub\/blob\/abc123\/head\/hw\.device-type\/jetson-nano\/contract\.json#L\d+\)/,
  );
  expect(body).toContain('did you mean "sdcard"?');
  expect(output).toMatch(
    /^::error file=head\/hw\.device-type\/jetson-nano\/contract\.json,line=\d+,col=\d+,title=schema\/invalid_value::/m,
  );
  expect(github.labels).toContain('invalid');
});

test('a new board gets the new-board label and its instructions and layout in the comment', async () => {
  const slug = 'raspberrypi4-64-copy';
  cpSync(join(head, 'hw.device-type/raspberrypi4-64'), join(head, 'hw.device-type', slug), { recursive: true });
  changeBoard(slug, (c) => Object.assign(c, { slug, name: 'Pi 4 copy' }));
  const { code } = await prReport();
  expect(code).toBe(0);
  expect(github.labels).toEqual(['new-board']);
  expect(github.comments[0]!.body).toContain('### New board: Pi 4 copy');
  expect(github.comments[0]!.body).toContain('| 1 | `resin-boot` | boot | vfat |');
});

test('the token is sent to the API but never printed, even when the API fails', async () => {
  github.failNext('GET', '/repos/boardhub/boardhub/issues/7/comments', { status: 500, message: `boom ${TOKEN}` }, 10);
  const { code, output } = await prReport();
  expect(code).not.toBe(0);
  expect(output).toMatch(/GitHub API 500 error/);
  expect(output).not.toContain(TOKEN);
  expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
});
