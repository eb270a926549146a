// Tests the balenaOS manifest reader: every <slug>.coffee of the upstream layer snapshot, values checked by reading the files, and each construct on inline text.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  isManifestReference,
  listOptionGroups,
  manifestFacts,
  parseManifest,
  type ManifestValue,
  type ParsedManifest,
} from '../../src/layers/manifest.ts';

// ../shared/upstream/balena-os-layers from the repository root, found from this file so the working directory does not matter.
const SNAPSHOT = fileURLToPath(new URL('../../../shared/upstream/balena-os-layers/', import.meta.url));
const COMMON_COMMIT = '437066c61139b426bd6b87cea014d96d8f97e194';

interface IndexedRevision {
  repo: string;
  commit: string;
  date: string;
  manifest: string;
  declaredSlug: string;
}

/** The snapshot folder, or a failure naming where it was expected: these tests must not pass by skipping. */
function snapshot(): string {
  if (!existsSync(join(SNAPSHOT, 'index.json'))) {
    throw new Error(
      `the balenaOS layer snapshot is missing: expected ${SNAPSHOT} (../shared/upstream/balena-os-layers from the repository root) with index.json, repos/ and device-types-common/`,
    );
  }
  return SNAPSHOT;
}

function indexedRevisions(): IndexedRevision[] {
  const index = JSON.parse(readFileSync(join(snapshot(), 'index.json'), 'utf8')) as { boards: Record<string, IndexedRevision[]> };
  return Object.values(index.boards).flat();
}

/** Every manifest in the snapshot, as "<repo folder>/<commit>/<slug>.coffee". */
function manifestFiles(): string[] {
  const repos = join(snapshot(), 'repos');
  const files: string[] = [];
  for (const repo of readdirSync(repos)) {
    for (const commit of readdirSync(join(repos, repo))) {
      for (const name of readdirSync(join(repos, repo, commit))) if (name.endsWith('.coffee')) files.push(`${repo}/${commit}/${name}`);
    }
  }
  return files.sort();
}

function manifestText(file: string): string {
  return readFileSync(join(snapshot(), 'repos', file), 'utf8');
}

function readManifest(file: string): ParsedManifest {
  return parseManifest(manifestText(file));
}

function readCommon(name: string): ParsedManifest {
  return parseManifest(readFileSync(join(snapshot(), 'device-types-common', COMMON_COMMIT, 'common', name), 'utf8'));
}

/** Line `line` (1-based) of a snapshot file, to compare parsed text with what the file says without copying it here. */
function lineOfFile(file: string, line: number): string {
  return manifestText(file).split('\n')[line - 1] ?? '';
}

/** Every reference inside a value, depth first. */
function referencesIn(value: ManifestValue | undefined): string[] {
  if (isManifestReference(value)) return [value.path ?? value.ref];
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(referencesIn);
  return [];
}

/** Joins lines, so inline manifests can show their tabs as \t. */
function source(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

const RPI4 = 'balena-raspberrypi/ab92c0c532f1b7be4d80dcb1d607cb1fbdf08b8e/raspberrypi4-64.coffee';
const XAVIER = 'balena-jetson/176abbfbfa8d2fb3973175e7c98c16df5f6552c1/jetson-xavier.coffee';
const TX1 = 'balena-jetson-tx1/5ea6abf00a0ba110f241b20942f77ed316918e84/jetson-tx1.coffee';
const EMGW3 = 'balena-fsl-arm/5f7aef728d71f117884add5be50df22717984963/emgw3.coffee';
const NUC_2016 = 'balena-intel/55fddd3a45676da1a49f561b6e205de5881e50f3/nuc.coffee';
const TS7700_2017 = 'balena-ts/6422f9ebe0fd2f2338f84a3f82db67d9dd647514/ts7700.coffee';
const EDISON = 'balena-edison/1f9ab549e3431d156b5522a237f867ddbca56970/edison.coffee';
const ARTIK520 = 'balena-artik/3851014e24625c454b159a873aa02587587a29d1/artik520.coffee';
const PARALLELLA = 'balena-parallella/afca237fa0d39a98697a15f594eda1dd4514dde7/parallella-hdmi-resin.coffee';
const TS4900 = 'balena-ts/6422f9ebe0fd2f2338f84a3f82db67d9dd647514/ts4900.coffee';
// Upstream uses CM3_REPOWER on line 5, six lines before it defines it: CoffeeScript reads undefined there, so the reader says so.
const RADXA_CM3 = 'balena-radxa/3f8d1c4cecd3a01177e8345f851a5f182e8e1149/radxa-cm3-io-rk3566.coffee';

describe('every manifest in the snapshot (../shared/upstream/balena-os-layers)', () => {
  test('index.json lists 202 revisions, each naming a manifest that is in the snapshot', () => {
    const files = new Set(manifestFiles());
    const revisions = indexedRevisions();
    expect(revisions).toHaveLength(202);
    const missing = revisions
      .map((r) => `${r.repo.replace(/^balena-os\//, '')}/${r.commit}/${r.manifest}`)
      .filter((file) => !files.has(file));
    expect(missing).toEqual([]);
  });

  test('parses with zero problems and yields slug, name, arch and yocto.machine; the slug is the file name unless upstream declares another', () => {
    const files = manifestFiles();
    expect(files).toHaveLength(446);
    const declared = new Map<string, string>();
    const renamedByManifest = new Map<string, Set<string>>();
    for (const revision of indexedRevisions()) {
      declared.set(`${revision.repo.replace(/^balena-os\//, '')}/${revision.commit}/${revision.manifest}`, revision.declaredSlug);
      const fileSlug = revision.manifest.replace(/\.coffee$/, '');
      if (revision.declaredSlug !== fileSlug)
        renamedByManifest.set(fileSlug, (renamedByManifest.get(fileSlug) ?? new Set()).add(revision.declaredSlug));
    }
    const failures: string[] = [];
    for (const file of files) {
      const parsed = readManifest(file);
      const facts = manifestFacts(parsed);
      if (file !== RADXA_CM3 && parsed.problems.length > 0) failures.push(`${file}: ${JSON.stringify(parsed.problems)}`);
      for (const key of ['slug', 'name', 'arch'] as const) if (!facts[key]) failures.push(`${file}: no ${key}`);
      if (typeof facts.yocto?.machine !== 'string') failures.push(`${file}: no yocto.machine`);
      const fileSlug =
        file
          .split('/')
          .pop()
          ?.replace(/\.coffee$/, '') ?? '';
      // A revision index.json lists must declare exactly its declaredSlug; a sibling file at the same commit keeps its name unless index.json renames that manifest.
      const expected = declared.get(file);
      const allowed = expected !== undefined ? [expected] : [fileSlug, ...(renamedByManifest.get(fileSlug) ?? [])];
      if (!allowed.includes(facts.slug ?? '')) failures.push(`${file}: slug ${facts.slug}, expected ${allowed.join(' or ')}`);
    }
    expect(failures).toEqual([]);
    expect(renamedByManifest.size).toBeGreaterThan(20);
  });

  test('the one manifest that uses a constant before defining it is reported, not silently resolved', () => {
    const parsed = readManifest(RADXA_CM3);
    expect(parsed.problems).toEqual([{ line: 5, column: 2, message: expect.stringContaining('CM3_REPOWER is used before it is defined') }]);
    expect(lineOfFile(RADXA_CM3, 11)).toMatch(/^CM3_REPOWER = /);
    expect(parsed.exports.stateInstructions).toEqual({ postProvisioning: [{ ref: 'CM3_REPOWER' }] });
    // The rest of the file still reads: its own constants are substituted into instructions.
    expect(manifestFacts(parsed).instructions).toHaveLength(4);
  });
});

describe('values checked by reading the files', () => {
  test('raspberrypi4-64: yocto facts, partition and the lines they are written on', () => {
    const parsed = readManifest(RPI4);
    const facts = manifestFacts(parsed);
    expect(facts).toMatchObject({
      slug: 'raspberrypi4-64',
      name: 'Raspberry Pi 4',
      arch: 'aarch64',
      state: 'released',
      aliases: ['raspberrypi4-64'],
    });
    expect(facts.yocto).toEqual({
      machine: 'raspberrypi4-64',
      image: 'balena-image',
      fstype: 'balenaos-img',
      version: 'yocto-kirkstone',
      deployArtifact: 'balena-image-raspberrypi4-64.balenaos-img',
      compressed: true,
    });
    expect(facts.configPartition).toEqual({ primary: 1 });
    expect(facts.configPath).toBe('/config.json');
    expect(facts.instructions).toEqual({
      ref: 'commonImg.instructions',
      module: '@resin.io/device-types/common',
      path: 'commonImg.instructions',
    });
    expect(facts.options).toEqual([{ ref: 'networkOptions.group', module: '@resin.io/device-types/common', path: 'networkOptions.group' }]);
    expect(facts.supportsBlink).toBeUndefined();
    expect(parsed.lines.get('/yocto/machine')).toBe(21);
    expect(parsed.lines.get('/configuration/config/partition/primary')).toBe(31);
    expect(lineOfFile(RPI4, 21)).toBe("\t\tmachine: 'raspberrypi4-64'");
    expect(lineOfFile(RPI4, 31)).toBe('\t\t\t\tprimary: 1');
    expect(parsed.lines.get('')).toBe(4);
    expect(parsed.lines.get('/options/0')).toBe(18);
  });

  test('jetson-xavier (balena-jetson): partition 37, and its own constants substituted into instructions', () => {
    const parsed = readManifest(XAVIER);
    const facts = manifestFacts(parsed);
    expect(facts.configPartition).toEqual({ primary: 37 });
    expect(parsed.lines.get('/configuration/config/partition/primary')).toBe(41);
    expect(facts.supportsBlink).toBe(false);
    const instructions = facts.instructions as ManifestValue[];
    expect(instructions).toHaveLength(3);
    expect(instructions.every((step) => typeof step === 'string')).toBe(true);
    // BOARD_PREPARE is defined on line 4 and named on line 16: the value is the constant's string, cited where it is named.
    expect(parsed.constants.get('BOARD_PREPARE')).toEqual({ value: instructions[0], line: 4 });
    expect(lineOfFile(XAVIER, 4)).toBe(`BOARD_PREPARE  = '${instructions[0]}'`);
    expect(parsed.lines.get('/instructions/0')).toBe(16);
    // FLASH_TOOL writes its quotes as \" inside single quotes; the reader decodes them as JavaScript would.
    expect(lineOfFile(XAVIER, 5)).toBe(`FLASH_TOOL = '${String(instructions[1]).replace(/"/g, '\\"')}'`);
    expect(instructions[1]).toContain('href="https://github.com/balena-os/jetson-flash"');
  });

  test('jetson-tx1: a list joined with .concat() of a constant list, and where each joined item is written', () => {
    const parsed = readManifest(TX1);
    const instructions = parsed.exports.instructions as ManifestValue[];
    const common = (name: string) => ({
      ref: `instructions.${name}`,
      module: '@resin.io/device-types/common',
      path: `instructions.${name}`,
    });
    expect(instructions).toEqual([
      common('ETCHER_SD'),
      common('EJECT_SD'),
      common('FLASHER_WARNING'),
      parsed.constants.get('BOARD_POWERON')?.value,
      common('BOARD_SHUTDOWN'),
      common('REMOVE_INSTALL_MEDIA'),
      common('BOARD_REPOWER'),
    ]);
    expect(typeof instructions[3]).toBe('string');
    expect([24, 25, 26, 27, 7, 8, 9].map((line, index) => parsed.lines.get(`/instructions/${index}`) === line)).not.toContain(false);
    expect(parsed.exports.stateInstructions).toEqual({ postProvisioning: instructions.slice(4) });
    expect(parsed.exports.imageDownloadAlerts).toEqual([{ type: 'warning', message: expect.stringMatching(/L4T 28\.1\.0/) }]);
    expect(parsed.lines.get('/imageDownloadAlerts/0/message')).toBe(32);
  });

  test('emgw3: a flasher image with deployFlasherArtifact', () => {
    const parsed = readManifest(EMGW3);
    expect(manifestFacts(parsed).yocto).toMatchObject({
      machine: 'emgw3',
      image: 'balena-image-flasher',
      deployArtifact: 'balena-image-emgw3.balenaos-img',
      deployFlasherArtifact: 'balena-image-flasher-emgw3.balenaos-img',
    });
    expect(parsed.lines.get('/yocto/deployFlasherArtifact')).toBe(43);
    expect(lineOfFile(EMGW3, 43)).toContain('deployFlasherArtifact:');
  });

  test('nuc (2016, the oldest revision): a declared slug, primary and logical partition, heredoc and multi-line constants', () => {
    const parsed = readManifest(NUC_2016);
    expect(parsed.problems).toEqual([]);
    const facts = manifestFacts(parsed);
    expect(facts).toMatchObject({ slug: 'intel-nuc', arch: 'amd64', aliases: ['nuc'], configPartition: { primary: 4, logical: 1 } });
    expect(facts.yocto).toEqual({
      machine: 'nuc',
      image: 'resin-image-flasher',
      fstype: 'resin-sdcard',
      version: 'yocto-fido',
      deployArtifact: 'resin-image-flasher-nuc.resin-sdcard',
    });
    // The 2016 layout required a differently named module.
    expect(parsed.imports.get('deviceTypesCommon')).toEqual({
      name: 'deviceTypesCommon',
      module: 'resin-device-types/common',
      path: '',
      line: 1,
    });
    const heredoc = parsed.constants.get('NUC_WINDOWS_DISK_IMAGER')?.value as string;
    // Lines 5-15 are indented by one tab inside ''' (line 4) and ''' (line 16): the tab goes, the line breaks stay.
    expect(heredoc.split('\n')).toHaveLength(11);
    expect(heredoc.split('\n')[0]).toBe(lineOfFile(NUC_2016, 5).slice(1));
    expect(heredoc).not.toMatch(/^\s|\s$|\n\t/);
    // A single-quoted string over lines 32-33: the break and the indentation around it become one space.
    const folded = parsed.constants.get('NUC_OSX_PLUG')?.value as string;
    expect(folded).toBe(`${lineOfFile(NUC_2016, 32).split("= '")[1]} ${lineOfFile(NUC_2016, 33).replace(/'$/, '')}`);
    expect((facts.instructions as Record<string, ManifestValue[]>).windows).toContain(parsed.constants.get('NUC_POWERON')?.value);
  });

  test('the other 2016-2017 revisions (ts7700, and artik, edison whose manifests date from then) parse', () => {
    const ts7700 = manifestFacts(readManifest(TS7700_2017));
    expect(ts7700).toMatchObject({
      slug: 'ts7700',
      arch: 'armv5e',
      yocto: { machine: 'ts7700', deployArtifact: 'resin-image-ts7700.resinos-img' },
    });
    const early = indexedRevisions().filter((revision) => revision.date < '2018');
    expect(early.map((revision) => revision.manifest).sort()).toEqual([
      'chip.coffee',
      'cubox-i.coffee',
      'intel-corei7-64.coffee',
      'nuc.coffee',
      'ts7700.coffee',
    ]);
    for (const revision of early) {
      const parsed = readManifest(`${revision.repo.replace(/^balena-os\//, '')}/${revision.commit}/${revision.manifest}`);
      expect(parsed.problems).toEqual([]);
      expect(manifestFacts(parsed).slug).toBe(revision.declaredSlug);
    }
    const artik = readManifest(ARTIK520);
    expect(manifestFacts(artik)).toMatchObject({
      slug: 'artik5',
      aliases: ['artik5 artik520'],
      yocto: { machine: 'artik520', compressed: true },
    });
  });

  test('edison: per-OS instruction lists of constants, an inline option group, and heredocs inside nested lists', () => {
    const parsed = readManifest(EDISON);
    expect(parsed.problems).toEqual([]);
    const instructions = parsed.exports.instructions as Record<string, ManifestValue[]>;
    expect(Object.keys(instructions)).toEqual(['windows', 'osx', 'linux']);
    expect(instructions.windows).toEqual(
      ['WINDOWS_DRIVERS', 'UNPLUG', 'UNZIP', 'WINDOWS_FLASH', 'PLUG'].map((name) => parsed.constants.get(name)?.value),
    );
    expect(instructions.windows?.every((step) => typeof step === 'string')).toBe(true);
    expect(manifestFacts(parsed).yocto).toMatchObject({ machine: 'edison', archive: true, compressed: true });
    const [group] = manifestFacts(parsed).options ?? [];
    expect(group).toMatchObject({
      isGroup: true,
      name: 'network',
      options: [{ name: 'network', choices: ['wifi'], hidden: true }, {}, {}],
    });
    expect(referencesIn(group)).toEqual(['networkOptions.wifiSsid', 'networkOptions.wifiKey']);
    const osx = (parsed.exports.initialization as { dependencies: { osx: { name: string; instructions: string }[] } }).dependencies.osx;
    expect(osx.map((dependency) => dependency.name)).toEqual(['greadlink', 'dfu-util']);
    // The heredoc's lines are indented six tabs; deeper lines keep their extra tab, blank lines stay empty.
    expect(osx[0]?.instructions.split('\n').map((line) => /^\t*/.exec(line)?.[0].length)).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(parsed.lines.get('/initialization/operations/2/when/os')).toBe(156);
    expect(lineOfFile(EDISON, 156)).toBe("\t\t\t\tos: 'linux'");
  });

  test('parallella and ts4900: lists of objects separated by "," lines, and objects in braces with nested lists', () => {
    const parallella = readManifest(PARALLELLA);
    const operations = (parallella.exports.configuration as { operations: ManifestValue[] }).operations;
    expect(operations).toHaveLength(2);
    expect(operations[1]).toMatchObject({
      command: 'copy',
      from: { partition: { primary: 1 } },
      when: { coprocessorCore: '16', processorType: 'Z7020' },
    });
    const ts4900 = readManifest(TS4900);
    expect(ts4900.problems).toEqual([]);
    expect(ts4900.exports.options).toMatchObject([
      { isGroup: true, name: 'board', options: [{ name: 'processorCore', type: 'list', choices: ['single', 'quad'] }] },
      { ref: 'networkOptions.group', module: '@resin.io/device-types/common', path: 'networkOptions.group' },
    ]);
    expect(ts4900.exports.options).toHaveLength(2);
    expect(ts4900.lines.get('/options/0/options/0/choices/1')).toBe(69);
    expect(lineOfFile(TS4900, 69).trim()).toBe("'quad'");
  });
});

describe('the shared templates (device-types-common/<commit>/common)', () => {
  test('network-options and advanced-options use the same subset: no problems, and the option groups they export', () => {
    const network = readCommon('network-options.coffee');
    const advanced = readCommon('advanced-options.coffee');
    expect(network.problems).toEqual([]);
    expect(advanced.problems).toEqual([]);
    expect(listOptionGroups(network)).toEqual([{ key: 'group', name: 'network', line: 23 }]);
    expect(listOptionGroups(advanced)).toEqual([{ key: 'group', name: 'advanced', line: 1 }]);
    // `exports.options = options = [ network, wifiSsid, wifiKey ]` chains: the group's options are the constants, substituted.
    const group = network.exports.group as { options: { name: string }[] };
    expect(group.options.map((option) => option.name)).toEqual(['network', 'wifiSsid', 'wifiKey']);
    expect(network.lines.get('/group/options/1/when/network')).toBe(12);
  });

  test('index.coffee binds each template to its module, and every option group a manifest names exists there', () => {
    const index = readCommon('index.coffee');
    expect(index.problems).toEqual([]);
    expect(index.exports.networkOptions).toEqual({ ref: "require './network-options'", module: './network-options', path: '' });
    expect(index.exports.sharedOptions).toEqual([{ ref: 'advancedOptions.group', module: './advanced-options', path: 'group' }]);
    const modules = new Map<string, ParsedManifest>();
    for (const [name, value] of Object.entries(index.exports)) {
      if (isManifestReference(value) && value.module?.startsWith('./')) modules.set(name, readCommon(`${value.module.slice(2)}.coffee`));
    }
    expect([...modules.keys()]).toEqual(['networkOptions', 'commonImg', 'instructions']);
    const unknown = new Set<string>();
    const named = new Set<string>();
    for (const file of manifestFiles()) {
      for (const path of referencesIn(manifestFacts(readManifest(file)).options)) {
        const [moduleName = '', key = ''] = path.split('.');
        named.add(path);
        if (!Object.hasOwn(modules.get(moduleName)?.exports ?? {}, key)) unknown.add(path);
      }
    }
    expect(unknown).toEqual(new Set());
    expect(named).toEqual(new Set(['networkOptions.group', 'networkOptions.wifiSsid', 'networkOptions.wifiKey']));
  });

  test('every instructions.X a manifest names is a key of instructions.coffee', () => {
    const keys = new Set(
      [...readCommon('instructions.coffee').lines.keys()].filter((pointer) => /^\/[^/]+$/.test(pointer)).map((pointer) => pointer.slice(1)),
    );
    const missing = new Set<string>();
    for (const file of manifestFiles()) {
      const parsed = readManifest(file);
      for (const path of referencesIn(parsed.exports))
        if (path.startsWith('instructions.') && !keys.has(path.slice('instructions.'.length))) missing.add(`${file}: ${path}`);
    }
    expect(missing).toEqual(new Set());
    expect(keys.has('ETCHER_SD')).toBe(true);
  });

  test('instructions.coffee goes beyond the subset (a function, its calls, interpolation): reported, and the rest still read', () => {
    const parsed = readCommon('instructions.coffee');
    expect(parsed.problems.map(({ line, column, message }) => [line, column, message.split(':')[0]])).toEqual([
      [4, 27, 'function definitions are code, not data'],
      [17, 20, 'string interpolation #{...} is kept as literal text'],
      [34, 20, 'string interpolation #{...} is kept as literal text'],
      [50, 13, 'calls buildEtcherInstructions, a function this file defines'],
      [51, 14, 'calls buildEtcherInstructions, a function this file defines'],
    ]);
    expect(parsed.exports).not.toHaveProperty('ETCHER_SD');
    expect(parsed.lines.get('/ETCHER_SD')).toBe(50);
    expect(parsed.exports.WINDOWS_DISK_IMAGER_SD).toContain('#{DISK_IMAGER_URL}');
    // 22 keys are written; the two whose values call the function are left out of exports but keep their lines.
    expect(Object.keys(parsed.exports)).toHaveLength(20);
    expect([...parsed.lines.keys()].filter((pointer) => /^\/[^/]+$/.test(pointer))).toHaveLength(22);
    expect(parsed.constants.get('ETCHER_URL')?.line).toBe(2);
    const commonImg = readCommon('common-img.coffee');
    expect(commonImg.problems).toEqual([]);
    expect(referencesIn(commonImg.exports.instructions)).toEqual(['ETCHER_SD', 'EJECT_SD', 'CONNECT_AND_BOOT']);
    expect(commonImg.exports.initialization).toMatchObject({
      options: [{ type: 'drive', name: 'drive' }],
      operations: [{ command: 'burn' }],
    });
  });
});

describe('constructs, on inline text', () => {
  test('require and destructuring bind names to a module; references keep the name as written and say where it points', () => {
    const parsed = parseManifest(
      source("common = require '@scope/types/common'", '{ options, img } = common', 'module.exports =', '\ta: img.steps', '\tb: common'),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.exports).toEqual({
      a: { ref: 'img.steps', module: '@scope/types/common', path: 'img.steps' },
      b: { ref: 'common', module: '@scope/types/common', path: '' },
    });
    expect([...parsed.imports.keys()]).toEqual(['common', 'options', 'img']);
    expect(parseManifest("x = require('./m').group\nmodule.exports =\n\ta: x.name\n").exports.a).toEqual({
      ref: 'x.name',
      module: './m',
      path: 'group.name',
    });
  });

  test('top-level constants are substituted, also into lists and joined lists, with their own lines', () => {
    const parsed = parseManifest(
      source(
        "STEP = 'first'",
        'MORE = [',
        "\t'second'",
        '\tSTEP',
        ']',
        'module.exports =',
        '\tsteps: [ STEP ].concat(MORE)',
        '\tone: STEP',
      ),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.exports).toEqual({ steps: ['first', 'second', 'first'], one: 'first' });
    expect(parsed.lines.get('/steps/0')).toBe(7);
    expect(parsed.lines.get('/steps/1')).toBe(3);
    expect(parsed.lines.get('/steps/2')).toBe(4);
    expect(parsed.constants.get('MORE')).toEqual({ value: ['second', 'first'], line: 2 });
  });

  test('nested objects by indentation, with tabs or with spaces, and JSON pointers for every key', () => {
    for (const indent of ['\t', '  ', '    ']) {
      const parsed = parseManifest(
        source(
          'module.exports =',
          `${indent}yocto:`,
          `${indent}${indent}machine: 'm'`,
          '',
          `${indent}${indent}# a comment at any indentation`,
          `${indent}configuration:`,
          `${indent}${indent}config:`,
          `${indent}${indent}${indent}partition:`,
          `${indent}${indent}${indent}${indent}primary: 3`,
          `${indent}${indent}${indent}path: '/c.json'`,
          `${indent}last: on`,
        ),
      );
      expect(parsed.problems).toEqual([]);
      expect(parsed.exports).toEqual({
        yocto: { machine: 'm' },
        configuration: { config: { partition: { primary: 3 }, path: '/c.json' } },
        last: true,
      });
      expect([...parsed.lines]).toEqual([
        ['', 1],
        ['/yocto', 2],
        ['/yocto/machine', 3],
        ['/configuration', 6],
        ['/configuration/config', 7],
        ['/configuration/config/partition', 8],
        ['/configuration/config/partition/primary', 9],
        ['/configuration/config/path', 10],
        ['/last', 11],
      ]);
    }
  });

  test('inline objects, shorthand keys, objects on one line, quoted keys escaped in pointers', () => {
    const parsed = parseManifest(
      source(
        'primary = 2',
        'module.exports =',
        '\tp: { primary, logical: 1 }',
        "\tq: when: os: 'x'",
        '\tr: [ a: 1, b: 2 ]',
        "\t'a/b~c': 'quoted'",
        '\t"0": 0',
      ),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.exports).toEqual({
      p: { primary: 2, logical: 1 },
      q: { when: { os: 'x' } },
      r: [{ a: 1, b: 2 }],
      'a/b~c': 'quoted',
      '0': 0,
    });
    expect(parsed.lines.get('/a~1b~0c')).toBe(6);
    expect(
      manifestFacts(parseManifest('module.exports =\n\tconfiguration: config: partition: { primary: 5, logical: 6 }\n')).configPartition,
    ).toEqual({ primary: 5, logical: 6 });
  });

  test('lists inline and over lines: one item per line, objects as indented keys split by "," lines, braces, trailing commas', () => {
    const parsed = parseManifest(
      source(
        'module.exports =',
        '\tinline: [ 1, "two", null ]',
        '\tempty: [ ]',
        '\tlines: [',
        "\t\t'a',",
        "\t\t'b'",
        '\t]',
        '\tobjects: [',
        "\t\t\tname: 'x'",
        '\t\t\tn: 1',
        '\t\t,',
        "\t\t\tname: 'y'",
        '\t]',
        '\tbraced: [{',
        '\t\ttype: "warning",',
        '\t\tlevel: 2',
        '\t}, {',
        '\t\ttype: "danger"',
        '\t}]',
      ),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.exports).toEqual({
      inline: [1, 'two', null],
      empty: [],
      lines: ['a', 'b'],
      objects: [{ name: 'x', n: 1 }, { name: 'y' }],
      braced: [{ type: 'warning', level: 2 }, { type: 'danger' }],
    });
    expect(parsed.lines.get('/objects/1/name')).toBe(12);
    expect(parsed.lines.get('/braced/1/type')).toBe(18);
  });

  test('strings: both quotes, JavaScript escapes, lines folded to spaces, heredocs dedented, concatenation with +', () => {
    const parsed = parseManifest(
      source(
        'module.exports =',
        "\tsingle: 'it\\'s \\\"fine\\\" \\x41\\u0042\\u{1F600}\\t.'",
        '\tdouble: "say \\"hi\\" it\'s \\\\ ok"',
        "\tfolded: 'one",
        '\t\t\ttwo  ',
        "\t\tthree'",
        "\tcontinued: 'joined\\",
        "\t\there'",
        "\theredoc: '''",
        '\t\tfirst',
        '\t\t\tdeeper',
        '',
        '\t\tlast',
        "\t'''",
        '\tdoubleHeredoc: """',
        '\t\t<a href="x">link</a>',
        '\t"""',
        "\tjoined: 'a' + 'b' +",
        "\t\t'c'",
        "\tedges: '",
        '\t\tbreaks at both ends are dropped, not spaced',
        "\t'",
      ),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.exports).toEqual({
      single: 'it\'s "fine" AB\u{1F600}\t.',
      double: 'say "hi" it\'s \\ ok',
      folded: 'one two three',
      continued: 'joinedhere',
      heredoc: 'first\n\tdeeper\n\nlast',
      doubleHeredoc: '<a href="x">link</a>',
      joined: 'abc',
      edges: 'breaks at both ends are dropped, not spaced',
    });
  });

  test('numbers, booleans in all their CoffeeScript spellings, null, and comments', () => {
    const parsed = parseManifest(
      source(
        '# a line comment',
        '###',
        'a block comment: slug: ignored',
        '###',
        'module.exports = # comment after =',
        '\tnumbers: [ 0, 42, -7, 1.5, 2e3, 0x1F ]',
        '\tbooleans: [ true, false, yes, no, on, off ]',
        '\tnothing: null # trailing comment',
        "\thash: 'not # a comment'",
      ),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.exports).toEqual({
      numbers: [0, 42, -7, 1.5, 2000, 31],
      booleans: [true, false, true, false, true, false],
      nothing: null,
      hash: 'not # a comment',
    });
  });

  test('interpolation is kept literally and flagged where it starts', () => {
    const parsed = parseManifest(
      source('module.exports =', '\ta: "x #{name} y"', '\tb: """', '\t\tline #{ other } end', '\t"""', '\tc: "escaped \\#{not}"'),
    );
    expect(parsed.exports).toEqual({ a: 'x #{name} y', b: 'line #{ other } end', c: 'escaped #{not}' });
    expect(parsed.problems.map(({ line, column }) => [line, column])).toEqual([
      [2, 8],
      [4, 8],
    ]);
    expect(parsed.problems[0]?.message).toMatch(/^string interpolation #\{\.\.\.\} is kept as literal text/);
  });

  test('an unterminated string is reported at its opening quote, with its line and column', () => {
    const parsed = parseManifest(source('module.exports =', "\tname: 'ok'", "\tslug: 'never closed"));
    expect(parsed.problems).toEqual([
      { line: 3, column: 8, message: "unterminated string: the ' opened here is never closed; add the closing '" },
    ]);
    expect(parsed.exports).toEqual({ name: 'ok' });
    const heredoc = parseManifest(source("X = '''", '\ttext'));
    expect(heredoc.problems[0]).toEqual({
      line: 1,
      column: 5,
      message: "unterminated string: the ''' opened here is never closed; add the closing '''",
    });
    // A missing quote in the middle makes the string run to the next quote, as CoffeeScript reads it; the reader says so.
    const middle = parseManifest(source('module.exports =', "\tslug: 'abc", "\tname: 'x'", "\tarch: 'y'"));
    expect(middle.problems).toEqual([
      {
        line: 3,
        column: 9,
        message: expect.stringContaining('the string opened on line 2 runs to this line: is its closing quote missing?'),
      },
    ]);
    expect(middle.exports.arch).toBe('y');
  });

  test('bad indentation is reported with line and column, and the keys after it are still read', () => {
    const deeper = parseManifest(source('module.exports =', "\tslug: 'a'", "\t\tname: 'b'", "\tarch: 'c'"));
    expect(deeper.problems).toEqual([
      {
        line: 3,
        column: 3,
        message:
          'unexpected indentation: this line starts at column 3, but the keys of this object start at column 2; line it up with its sibling keys, or put it under a key ending in ":"',
      },
    ]);
    expect(deeper.exports).toEqual({ slug: 'a', arch: 'c' });
    const between = parseManifest(source('module.exports =', '    yocto:', "        machine: 'm'", "      image: 'x'", "    arch: 'c'"));
    expect(between.problems.map(({ line, column }) => [line, column])).toEqual([[4, 7]]);
    expect(between.exports).toEqual({ yocto: { machine: 'm' }, arch: 'c' });
    const topLevel = parseManifest(source("  X = 'indented'", 'module.exports =', '\ta: 1'));
    expect(topLevel.problems).toEqual([
      { line: 1, column: 3, message: expect.stringMatching(/^unexpected indentation: a top-level statement starts at column 1/) },
    ]);
    expect(topLevel.exports).toEqual({ a: 1 });
  });

  test('names: undefined, used before their definition, functions and calls are problems, never run', () => {
    const parsed = parseManifest(
      source(
        'double = (x) ->',
        '\tx * 2',
        'module.exports =',
        '\tmissing: NOPE.x',
        '\tearly: LATER',
        '\tcall: double(2)',
        '\tcode: a and b',
        '\tkept: 1',
        "LATER = 'late'",
      ),
    );
    expect(parsed.problems.map(({ line, column, message }) => [line, column, message.split(':')[0]])).toEqual([
      [1, 10, 'function definitions are code, not data'],
      [4, 11, 'NOPE is not defined in this file and not imported'],
      [5, 9, 'LATER is used before it is defined, so CoffeeScript would read undefined here'],
      [6, 8, 'calls double, a function this file defines'],
      [7, 10, '"and" makes this an expression, which is code'],
    ]);
    expect(parsed.exports).toEqual({ missing: { ref: 'NOPE.x' }, early: { ref: 'LATER' }, kept: 1 });
    expect(parsed.lines.get('/call')).toBe(6);
  });

  test('other mistakes: duplicate keys, a key without a value, an unclosed list, text after a value, + on non-strings', () => {
    const duplicate = parseManifest(source('module.exports =', '\ta: 1', '\ta: 2'));
    expect(duplicate.problems).toEqual([
      { line: 3, column: 2, message: 'duplicate key "a" (also on line 2): the later value wins, as in CoffeeScript; remove one of them' },
    ]);
    expect(duplicate.exports).toEqual({ a: 2 });
    const noValue = parseManifest(source('module.exports =', '\ta:', '\tb: 2'));
    expect(noValue.problems).toEqual([
      { line: 2, column: 4, message: '"a" has no value: write it after the colon, or on the next lines indented deeper than the key' },
    ]);
    expect(noValue.exports).toEqual({ b: 2 });
    const unclosed = parseManifest(source('module.exports =', '\ta: [ 1, 2'));
    expect(unclosed.problems).toEqual([{ line: 2, column: 5, message: 'unterminated list: the [ opened here has no matching ]' }]);
    expect(unclosed.exports).toEqual({ a: [1, 2] });
    const trailing = parseManifest(source('module.exports =', "\ta: 'x' 'y'", '\tb: %', '\tc: 1 + 2', '\td: 4'));
    expect(trailing.problems.map(({ line, column }) => [line, column])).toEqual([
      [2, 9],
      [3, 5],
      [4, 7],
    ]);
    expect(trailing.exports).toEqual({ a: 'x', d: 4 });
    const hole = parseManifest(source('module.exports =', '\ta: [ 1, , 2 ]'));
    expect(hole.problems).toEqual([{ line: 2, column: 10, message: 'empty list item: remove the extra comma' }]);
  });

  test('never throws: every prefix of a real manifest yields problems with positions inside the text', () => {
    const text = manifestText(EDISON);
    for (let end = 0; end <= text.length; end += 7) {
      const prefix = text.slice(0, end);
      const parsed = parseManifest(prefix);
      const lineCount = prefix.split('\n').length;
      for (const problem of parsed.problems) {
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.line).toBeLessThanOrEqual(lineCount);
        expect(problem.column).toBeGreaterThanOrEqual(1);
        expect(problem.message).not.toMatch(/internal parser error/);
      }
    }
  });

  test('manifestFacts leaves missing or mistyped facts out', () => {
    const parsed = parseManifest(
      source(
        'module.exports =',
        "\tslug: 'only-a-slug'",
        '\tarch: 3',
        '\tyocto:',
        "\t\tcompressed: 'yes'",
        "\t\tmachine: 'm'",
        "\taliases: [ 'a', 1 ]",
      ),
    );
    expect(manifestFacts(parsed)).toEqual({ slug: 'only-a-slug', yocto: { machine: 'm' }, aliases: ['a'] });
    expect(manifestFacts(parseManifest(''))).toEqual({});
  });
});
