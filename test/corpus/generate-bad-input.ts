// Regenerates test/corpus/bad-input/: mutations of real contracts plus hand-written edge cases (run: node test/corpus/generate-bad-input.ts).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutations } from '../helpers/mutations.ts';
import { contractSchemas, type ContractType } from '../../src/schema/index.ts';

export interface BadInputCase {
  description: string;
  /** Files to write, relative to the registry root: text, or { base64 } for bytes, or { repeat, times } for huge files, or null to delete. */
  files: Record<string, string | { base64: string } | { repeat: string; times: number; prefix?: string; suffix?: string } | null>;
}

const OUT = 'test/corpus/bad-input';
const read = (path: string) => readFileSync(join('contracts', path), 'utf8');
const BOARD = 'hw.device-type/raspberrypi4-64/contract.json';
const OTHER = 'hw.device-type/jetson-nano/contract.json';
const FAMILY = 'hw.device-family/raspberrypi/contract.json';
const LAYOUT = 'sw.partition-layout/balenaos-msdos/contract.json';

function handWritten(): BadInputCase[] {
  const board = JSON.parse(read(BOARD));
  const layout = JSON.parse(read(LAYOUT));
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const withBoard = (patch: Record<string, unknown>) => json({ ...board, ...patch });
  const text = read(BOARD);
  return [
    { description: 'empty file', files: { [BOARD]: '' } },
    { description: 'only whitespace', files: { [BOARD]: ' \n\t\n' } },
    { description: 'byte-order mark', files: { [BOARD]: `\uFEFF${text}` } },
    {
      description: 'invalid UTF-8',
      files: { [BOARD]: { base64: Buffer.concat([Buffer.from(text.slice(0, 40)), Buffer.from([0xc3, 0x28, 0xff])]).toString('base64') } },
    },
    { description: 'UTF-16 file', files: { [BOARD]: { base64: Buffer.from(`\uFEFF${text}`, 'utf16le').toString('base64') } } },
    { description: 'trailing comma', files: { [BOARD]: text.replace(/\n}\n$/, ',\n}\n') } },
    { description: 'truncated in the middle', files: { [BOARD]: text.slice(0, Math.floor(text.length / 2)) } },
    { description: 'a comment', files: { [BOARD]: text.replace('{', '{\n  // comment') } },
    { description: 'single-quoted string', files: { [BOARD]: text.replace('"released"', "'released'") } },
    { description: 'duplicate key', files: { [BOARD]: text.replace('"state": "released",', '"state": "released",\n  "state": "beta",') } },
    { description: 'NaN literal', files: { [BOARD]: text.replace('"state": "released",', '"state": NaN,') } },
    { description: 'top-level array', files: { [BOARD]: `[${text}]` } },
    { description: 'top-level string', files: { [BOARD]: '"raspberrypi4-64"' } },
    { description: 'deeply nested JSON', files: { [BOARD]: { repeat: '[', times: 50_000, suffix: ']'.repeat(50_000) } } },
    { description: '10 MB file', files: { [BOARD]: { repeat: 'x', times: 10 * 1024 * 1024, prefix: '{"name": "', suffix: '"}' } } },
    {
      description: 'number out of range (size 1e308)',
      files: {
        [LAYOUT]: json({ ...layout, partitions: layout.partitions.map((p: any, i: number) => (i === 1 ? { ...p, size: 1e308 } : p)) }),
      },
    },
    {
      description: 'negative partition size',
      files: {
        [LAYOUT]: json({ ...layout, partitions: layout.partitions.map((p: any, i: number) => (i === 1 ? { ...p, size: -4 } : p)) }),
      },
    },
    {
      description: 'partition that overflows the table: two fill partitions',
      files: {
        [LAYOUT]: json({ ...layout, partitions: layout.partitions.map((p: any, i: number) => (i === 1 ? { ...p, size: 'fill' } : p)) }),
      },
    },
    {
      description: 'too many partitions',
      files: {
        [LAYOUT]: json({
          ...layout,
          partitions: Array.from({ length: 40 }, (_, i) => ({ label: `p${i}`, role: 'data', filesystem: 'ext4', size: 4 })),
        }),
      },
    },
    {
      description: 'config partition that does not exist',
      files: { [LAYOUT]: json({ ...layout, config: { partition: 'nope', path: '/config.json' } }) },
    },
    { description: 'missing family reference', files: { [BOARD]: withBoard({ family: 'raspberry-pie' }) } },
    { description: 'missing architecture reference', files: { [BOARD]: withBoard({ arch: 'riscv64' }) } },
    { description: 'missing bootloader reference', files: { [BOARD]: withBoard({ bootloader: ['u-boot', 'no-such-loader'] }) } },
    { description: 'missing layout reference', files: { [BOARD]: withBoard({ partitions: { layout: 'no-such-layout' } }) } },
    {
      description: 'family naming a missing manufacturer',
      files: { [FAMILY]: read(FAMILY).replace('"manufacturer": "raspberry-pi"', '"manufacturer": "raspberry-py"') },
    },
    {
      description: 'duplicate aliases across files',
      files: { [BOARD]: withBoard({ aliases: ['pi4'] }), [OTHER]: json({ ...JSON.parse(read(OTHER)), aliases: ['pi4'] }) },
    },
    { description: 'alias equal to another board slug', files: { [BOARD]: withBoard({ aliases: ['jetson-nano'] }) } },
    { description: 'slug different from folder', files: { [BOARD]: withBoard({ slug: 'raspberrypi4' }) } },
    { description: 'uppercase slug', files: { [BOARD]: withBoard({ aliases: ['RPi4'] }) } },
    { description: 'homoglyph in alias (Cyrillic a)', files: { [BOARD]: withBoard({ aliases: ['r\u0430spberrypi4'] }) } },
    { description: 'right-to-left override in name', files: { [BOARD]: withBoard({ name: 'Raspberry \u202Eip4' }) } },
    { description: 'zero-width space in name', files: { [BOARD]: withBoard({ name: 'Raspberry\u200BPi 4' }) } },
    { description: 'very long name', files: { [BOARD]: withBoard({ name: 'R'.repeat(5000) }) } },
    { description: 'too many aliases', files: { [BOARD]: withBoard({ aliases: Array.from({ length: 100 }, (_, i) => `alias-${i}`) }) } },
    {
      description: 'too many steps at one point',
      files: {
        [BOARD]: withBoard({ instructions: { steps: { boot: Array.from({ length: 30 }, () => ({ kind: 'power', action: 'on' })) } } }),
      },
    },
    {
      description: 'unknown step kind',
      files: { [BOARD]: withBoard({ instructions: { steps: { boot: [{ kind: 'run-script', script: 'rm -rf /' }] } } }) },
    },
    {
      description: 'template syntax in step text',
      files: { [BOARD]: withBoard({ instructions: { steps: { boot: [{ kind: 'note', text: 'Hello {{constructor}}' }] } } }) },
    },
    {
      description: 'raw HTML in step text',
      files: { [BOARD]: withBoard({ instructions: { steps: { boot: [{ kind: 'note', text: '<img src=x onerror=alert(1)>' }] } } }) },
    },
    { description: 'javascript: URL', files: { [BOARD]: withBoard({ links: { product: 'javascript:alert(1)' } }) } },
    { description: 'data: URL source', files: { [BOARD]: withBoard({ sources: ['data:text/html,<script>alert(1)</script>'] }) } },
    { description: 'logo path leaving the folder', files: { [BOARD]: withBoard({ logo: '../../../etc/passwd.svg' }) } },
    {
      description: 'logo with script',
      files: {
        [BOARD]: withBoard({ logo: 'logo.svg' }),
        'hw.device-type/raspberrypi4-64/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      },
    },
    {
      description: 'logo with foreignObject',
      files: {
        [BOARD]: withBoard({ logo: 'logo.svg' }),
        'hw.device-type/raspberrypi4-64/logo.svg':
          '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div>x</div></foreignObject></svg>',
      },
    },
    {
      description: 'logo with external reference',
      files: {
        [BOARD]: withBoard({ logo: 'logo.svg' }),
        'hw.device-type/raspberrypi4-64/logo.svg':
          '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
      },
    },
    {
      description: 'logo with CSS url()',
      files: {
        [BOARD]: withBoard({ logo: 'logo.svg' }),
        'hw.device-type/raspberrypi4-64/logo.svg':
          '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/p)"/></svg>',
      },
    },
    {
      description: 'logo with event handler',
      files: {
        [BOARD]: withBoard({ logo: 'logo.svg' }),
        'hw.device-type/raspberrypi4-64/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      },
    },
    { description: 'stray file in a board folder', files: { 'hw.device-type/raspberrypi4-64/run.sh': '#!/bin/sh\n' } },
    { description: 'folder without contract.json', files: { 'hw.device-type/empty-board/notes.md': '# nothing' } },
    { description: 'unknown contract type folder', files: { 'hw.device-types/x/contract.json': '{}' } },
    { description: 'prototype pollution key', files: { [BOARD]: text.replace('{', '{\n  "__proto__": { "polluted": true },') } },
    { description: 'constructor key in hardware', files: { [BOARD]: withBoard({ hardware: { ...board.hardware, constructor: true } }) } },
    {
      description: 'state missing after inheritance',
      files: { [BOARD]: json(Object.fromEntries(Object.entries(board).filter(([k]) => k !== 'state'))) },
    },
  ];
}

function mutated(): BadInputCase[] {
  const targets: [ContractType, string][] = [];
  for (const type of ['hw.device-type', 'hw.device-family', 'sw.partition-layout'] as const) {
    for (const slug of readdirSync(join('contracts', type)).filter((_, i) => i % 7 === 0))
      targets.push([type, `${type}/${slug}/contract.json`]);
  }
  const out: BadInputCase[] = [];
  let seed = 1;
  while (out.length < 200) {
    const [type, path] = targets[seed % targets.length]!;
    const [m] = mutations(JSON.parse(read(path)), 1, seed++);
    // Keep only mutations the schema rejects, so every case is bad input by construction.
    if (contractSchemas[type].safeParse(m!.value).success) continue;
    out.push({ description: `mutation of ${path}: ${m!.description}`, files: { [path]: `${JSON.stringify(m!.value, null, 2)}\n` } });
  }
  return out;
}

if (process.argv[1]?.endsWith('generate-bad-input.ts')) {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const cases = [...handWritten(), ...mutated()];
  cases.forEach((c, i) => writeFileSync(join(OUT, `${String(i + 1).padStart(3, '0')}.json`), `${JSON.stringify(c, null, 2)}\n`));
  console.log(`wrote ${cases.length} cases to ${OUT}/`);
}
