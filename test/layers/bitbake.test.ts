// The BitBake reader: each operator and override rule on small inline snippets, then real balenaOS layer files from the upstream snapshot.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { evaluate, inlinePython, overridesNamed, parseBitbake } from '../../src/layers/bitbake.ts';
import type { Assignment, EvaluationOptions } from '../../src/layers/bitbake.ts';

const UPSTREAM = '../shared/upstream/balena-os-layers';

/** Assignments of inline BitBake text, as one file. */
function assignmentsOf(text: string): Assignment[] {
  const parsed = parseBitbake(text, 'inline.bb');
  expect(parsed.problems).toEqual([]);
  return parsed.assignments;
}

function valueOf(text: string, variable: string, overrides: readonly string[] = []): string | undefined {
  return evaluate(assignmentsOf(text), variable, { overrides }).value;
}

describe('parseBitbake', () => {
  test('reads every operator, both quote styles and export', () => {
    const parsed = parseBitbake(
      ['A = "1"', 'B ?= "2"', "C ??= '3'", 'D := "4"', 'E += "5"', 'F =+ "6"', 'G .= "7"', 'H =. "8"', 'export I="9"'].join('\n'),
      'x.conf',
    );
    expect(parsed.assignments.map(({ name, operator, value }) => [name, operator, value])).toEqual([
      ['A', '=', '1'],
      ['B', '?=', '2'],
      ['C', '??=', '3'],
      ['D', ':=', '4'],
      ['E', '+=', '5'],
      ['F', '=+', '6'],
      ['G', '.=', '7'],
      ['H', '=.', '8'],
      ['I', '=', '9'],
    ]);
    expect(parsed.assignments[8]).toEqual({ name: 'I', operator: '=', value: '9', file: 'x.conf', line: 9 });
  });

  test('keeps override names as written, including machine names with dashes', () => {
    const parsed = parseBitbake('BALENA_BOOT_SIZE:imx8mm-lpddr4-evk = "131072"\nRESIN_BOOT_SIZE_jetson-tx2="80960"\n', 'a.inc');
    expect(parsed.assignments.map((a) => [a.name, a.value])).toEqual([
      ['BALENA_BOOT_SIZE:imx8mm-lpddr4-evk', '131072'],
      ['RESIN_BOOT_SIZE_jetson-tx2', '80960'],
    ]);
  });

  test('joins continuation lines and reports the first line', () => {
    const parsed = parseBitbake('# header\nFILES = " \\\n    a \\\n    b \\\n"\nNEXT = "x"\n', 'a.inc');
    expect(parsed.assignments).toMatchObject([
      { name: 'FILES', value: '     a     b ', line: 2 },
      { name: 'NEXT', value: 'x', line: 6 },
    ]);
  });

  test('skips comments, including a comment continued by a backslash', () => {
    const parsed = parseBitbake('# A = "no" \\\n# still comment\nB = "yes"\n  # indented comment\n', 'a.conf');
    expect(parsed.assignments.map((a) => a.name)).toEqual(['B']);
    expect(parsed.problems).toEqual([]);
  });

  test('skips shell, Python and def function bodies, whatever they contain', () => {
    const text = [
      'do_install:append:rpi() {',
      '    BALENA_BOOT_SIZE="1"',
      '    if [ x ]; then',
      '    }',
      '}',
      'python do_y() {',
      '    d.setVar("X", "1")',
      '}',
      'python () {',
      '    pass',
      '}',
      'fakeroot python do_z () {',
      '}',
      'IMAGE_CMD:balenaos-img:append:nitrogen6x () {',
      '    dd if=a of=b',
      '}',
      'def disk_aligned(d, size):',
      '    x = 1',
      '',
      '# a comment inside the def',
      '    return x',
      'AFTER = "seen"',
    ].join('\n');
    const parsed = parseBitbake(text, 'a.bbclass');
    expect(parsed.assignments.map((a) => [a.name, a.line])).toEqual([['AFTER', 22]]);
    expect(parsed.functions.map((f) => [f.name, f.language, f.line])).toEqual([
      ['do_install:append:rpi', 'shell', 1],
      ['do_y', 'python', 6],
      ['', 'python', 9],
      ['do_z', 'python', 12],
      ['IMAGE_CMD:balenaos-img:append:nitrogen6x', 'shell', 14],
      ['disk_aligned', 'python', 17],
    ]);
    expect(parsed.problems).toEqual([]);
  });

  test('records flags apart, directives, unset, and ignores addtask and bare export', () => {
    const text = [
      'do_image[depends] += "a:do_deploy \\',
      '    b:do_deploy"',
      'UBOOT_CONFIG[sd] = "imx8mp_eg5120_defconfig,sdcard"',
      'include conf/machine/include/foo.inc',
      'require balena-image.inc',
      'inherit core-image image-balena',
      'addtask do_x after do_y before do_z',
      'export PATH',
      'unset ROOTFS_SIZE',
      'unset do_populate_lic[noexec]',
    ].join('\n');
    const parsed = parseBitbake(text, 'x.bb');
    expect(parsed.assignments).toEqual([]);
    expect(parsed.flags.map((f) => [f.name, f.flag, f.operator, f.value, f.line])).toEqual([
      ['do_image', 'depends', '+=', 'a:do_deploy     b:do_deploy', 1],
      ['UBOOT_CONFIG', 'sd', '=', 'imx8mp_eg5120_defconfig,sdcard', 3],
    ]);
    expect(parsed.directives).toEqual([
      { kind: 'include', argument: 'conf/machine/include/foo.inc', file: 'x.bb', line: 4 },
      { kind: 'require', argument: 'balena-image.inc', file: 'x.bb', line: 5 },
      { kind: 'inherit', argument: 'core-image image-balena', file: 'x.bb', line: 6 },
    ]);
    expect(parsed.unsets).toEqual([
      { name: 'ROOTFS_SIZE', flag: undefined, file: 'x.bb', line: 9 },
      { name: 'do_populate_lic', flag: 'noexec', file: 'x.bb', line: 10 },
    ]);
    expect(parsed.problems).toEqual([]);
  });

  test('reports odd input as problems with file and line instead of throwing', () => {
    const parsed = parseBitbake('A = unquoted\nrandom words here\ninclude\n# c \\\nB = "x"\ndo_x() {\n  echo\n', 'odd.bb');
    expect(parsed.problems).toEqual([
      { file: 'odd.bb', line: 1, message: 'the value of A is not enclosed in matching quotes: write A = "value"' },
      {
        file: 'odd.bb',
        line: 2,
        message: 'not a statement BitBake metadata allows here (assignment, include, require, inherit or function): random words here',
      },
      { file: 'odd.bb', line: 3, message: '"include" needs an argument: write "include <name>"' },
      {
        file: 'odd.bb',
        line: 5,
        message: 'a comment ending with a backslash continues onto this line, which BitBake rejects; remove the backslash from the comment',
      },
      { file: 'odd.bb', line: 6, message: 'the body of do_x is never closed: BitBake ends it at a line holding only "}"' },
    ]);
    expect(parseBitbake('A = "x" \\', 'end.conf').problems[0]?.message).toContain('last line of the file');
    expect(parseBitbake('kernel-balena.bbclass', 'kernel-resin.bbclass').problems[0]?.message).toBe(
      'the file holds only the name kernel-balena.bbclass: a symbolic link stored as text; read that file instead',
    );
  });

  test('never throws on arbitrary text', () => {
    const pieces = ['A', ' = ', '"', "'", '\\', '\n', '{', '}', '()', 'def ', 'python ', '#', '${@', '[f]', ':append', '\r\n', ' '];
    let seed = 7;
    for (let round = 0; round < 500; round++) {
      let text = '';
      for (let index = 0; index < 40; index++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += pieces[seed % pieces.length];
      }
      const parsed = parseBitbake(text, 'fuzz.bb');
      expect(() => evaluate(parsed.assignments, 'A', { overrides: ['append'] })).not.toThrow();
    }
  });

  test('accepts CRLF line endings', () => {
    expect(parseBitbake('A = "1"\r\nB = "2"\r\n', 'w.conf').assignments.map((a) => a.value)).toEqual(['1', '2']);
  });
});

describe('evaluate: plain assignments', () => {
  test('= sets, and the last one wins', () => {
    expect(valueOf('A = "1"\nA = "2"', 'A')).toBe('2');
    expect(valueOf('B = "1"', 'A')).toBeUndefined();
  });

  test('= expands lazily: a reference sees the final value of what it names', () => {
    expect(valueOf('A = "${B}"\nB = "1"\nB = "2"', 'A')).toBe('2');
  });

  test(':= expands immediately: later changes to what it names are not seen', () => {
    expect(valueOf('B = "1"\nA := "${B}"\nB = "2"', 'A')).toBe('1');
    expect(valueOf('A = "x"\nA := "${A} y"', 'A')).toBe('x y');
  });

  test('?= sets only when there is no value yet', () => {
    expect(valueOf('A ?= "1"\nA ?= "2"', 'A')).toBe('1');
    expect(valueOf('A = "1"\nA ?= "2"', 'A')).toBe('1');
    expect(valueOf('A ?= "2"\nA = "1"', 'A')).toBe('1');
  });

  test('??= is a weak default, used only when nothing else ever assigns', () => {
    expect(valueOf('A ??= "1"', 'A')).toBe('1');
    expect(valueOf('A ??= "1"\nA ??= "2"', 'A')).toBe('2');
    expect(valueOf('A ??= "1"\nA ?= "2"', 'A')).toBe('2');
    expect(valueOf('A = "3"\nA ??= "1"', 'A')).toBe('3');
    // BitBake's += ignores a weak default, so the result starts with the joining space.
    expect(valueOf('A ??= "1"\nA += "2"', 'A')).toBe(' 2');
  });

  test('+= and =+ join with a space, .= and =. without', () => {
    expect(valueOf('A = "b"\nA += "c"\nA =+ "a"', 'A')).toBe('a b c');
    expect(valueOf('A = "b"\nA .= "c"\nA =. "a"', 'A')).toBe('abc');
    expect(valueOf('MACHINEOVERRIDES = "imx:"\nMACHINEOVERRIDES =. "rpi:"', 'MACHINEOVERRIDES')).toBe('rpi:imx:');
    expect(valueOf('MACHINE_FEATURES += "wifi bluetooth"', 'MACHINE_FEATURES')).toBe(' wifi bluetooth');
  });

  test('from lists the assignments that built the value, with file and line', () => {
    const result = evaluate(assignmentsOf('A = "0"\nA = "1"\nA ?= "x"\nA += "2"'), 'A', { overrides: [] });
    expect(result.from.map((a) => [a.operator, a.line])).toEqual([
      ['=', 2],
      ['+=', 4],
    ]);
    expect(result.unresolved).toEqual([]);
  });
});

describe('evaluate: overrides', () => {
  const sizes = 'SIZE = "1"\nSIZE:rpi = "2"\nSIZE:raspberrypi4-64 = "3"\nSIZE:jetson = "4"';

  test('an active override replaces the value; an inactive one is ignored', () => {
    expect(valueOf(sizes, 'SIZE')).toBe('1');
    expect(valueOf(sizes, 'SIZE', ['jetson'])).toBe('4');
    expect(valueOf(sizes, 'SIZE', ['x86'])).toBe('1');
  });

  test('with several active, the one latest in OVERRIDES wins, whatever the assignment order', () => {
    expect(valueOf(sizes, 'SIZE', ['aarch64', 'rpi', 'raspberrypi4-64'])).toBe('3');
    expect(valueOf(sizes, 'SIZE', ['raspberrypi4-64', 'rpi'])).toBe('2');
  });

  test('a variant replaces the base even when the base is assigned later', () => {
    expect(valueOf('SIZE:rpi = "2"\nSIZE = "1"', 'SIZE', ['rpi'])).toBe('2');
  });

  test('chained overrides apply only when all are active, and beat their shorter forms', () => {
    const text = 'A = "base"\nA:a = "a"\nA:b = "b"\nA:a:b = "both"';
    expect(valueOf(text, 'A', ['a'])).toBe('a');
    expect(valueOf(text, 'A', ['b'])).toBe('b');
    expect(valueOf(text, 'A', ['a', 'b'])).toBe('both');
    expect(valueOf(text, 'A', ['b', 'a'])).toBe('both');
  });

  test('operators inside a variant build that variant', () => {
    expect(valueOf('A = "x"\nA:rpi ?= "1"\nA:rpi += "2"', 'A', ['rpi'])).toBe('1 2');
  });

  test('the old underscore syntax works the same, telling overrides from longer names', () => {
    const text = 'RESIN_BOOT_SIZE = "40960"\nRESIN_BOOT_SIZE_jetson-tx2="80960"\nRESIN_BOOT_SIZE_ALIGNED = "nope"';
    expect(valueOf(text, 'RESIN_BOOT_SIZE', ['jetson-tx2'])).toBe('80960');
    expect(valueOf(text, 'RESIN_BOOT_SIZE', ['ALIGNED'])).toBe('nope');
    expect(valueOf(text, 'RESIN_BOOT_SIZE', ['jetson-tx1'])).toBe('40960');
    expect(valueOf(text, 'RESIN_BOOT_SIZE_ALIGNED')).toBe('nope');
    expect(valueOf(text, 'RESIN_BOOT_SIZE_jetson-tx2')).toBe('80960');
  });
});

describe('evaluate: append, prepend and remove', () => {
  test('are applied at the end, after every plain assignment, appends before prepends', () => {
    expect(valueOf('A = "1"\nA:append = "2"\nA:append = "3"\nA += "4"\nA .= "5"', 'A')).toBe('1 4523');
    expect(valueOf('A:prepend = "p1 "\nA:prepend = "p2 "\nA:append = " z"\nA = "m"', 'A')).toBe('p2 p1 m z');
  });

  test('are applied after override selection, and can be conditional', () => {
    const text =
      'IMAGE_FSTYPES = "tar"\nIMAGE_FSTYPES:rpi = "ext4"\nIMAGE_FSTYPES:append = " balenaos-img"\nIMAGE_FSTYPES:append:jetson = " tegra"';
    expect(valueOf(text, 'IMAGE_FSTYPES', ['rpi'])).toBe('ext4 balenaos-img');
    expect(valueOf(text, 'IMAGE_FSTYPES', ['jetson'])).toBe('tar balenaos-img tegra');
  });

  test('an append to a variant makes that variant replace the base, as BitBake documents', () => {
    expect(valueOf('A = "Z"\nA:foo:append = "X"', 'A', ['foo'])).toBe('X');
    expect(valueOf('A = "Z"\nA:foo:append = "X"', 'A')).toBe('Z');
  });

  test(':remove removes every word equal to a given word, after expansion', () => {
    const text =
      'WORDS = "efi wifi efi bluetooth efi-x"\nGONE = "bluetooth"\nMACHINE_FEATURES = "${WORDS}"\nMACHINE_FEATURES:remove = "efi ${GONE}"';
    expect(valueOf(text, 'MACHINE_FEATURES')).toBe(' wifi   efi-x');
    expect(valueOf('A = "a b"\nA:remove:rpi = "a"', 'A')).toBe('a b');
    expect(valueOf('A = "a b"\nA:remove:rpi = "a"', 'A', ['rpi'])).toBe(' b');
  });

  test('the old _append, _prepend and _remove work, conditional or on a variant', () => {
    const text = 'A = "m"\nA_append = " a"\nA_prepend = "p "\nA_append_rpi = " r"\nA_remove = "m"\nA_jetson-tx2_append = " j"';
    expect(valueOf(text, 'A')).toBe('p  a');
    expect(valueOf(text, 'A', ['rpi'])).toBe('p  a r');
    expect(valueOf(text, 'A', ['jetson-tx2'])).toBe('p  j a');
  });

  test('from lists base, override, appends and removes in the order applied', () => {
    const text = 'A = "x y"\nA:rpi = "r y"\nA:remove = "y"\nA:append = " z"\nA:prepend = "p "';
    const result = evaluate(assignmentsOf(text), 'A', { overrides: ['rpi'] });
    expect(result.value).toBe('p r  z');
    expect(result.from.map((a) => a.name)).toEqual(['A:rpi', 'A:append', 'A:prepend', 'A:remove']);
  });
});

describe('evaluate: expansion', () => {
  test('expands references recursively and cites what it expanded', () => {
    const result = evaluate(assignmentsOf('C = "c"\nB = "b${C}"\nA = "a${B}"'), 'A', { overrides: [] });
    expect(result.value).toBe('abc');
    expect(result.expandedFrom.map((a) => a.name)).toEqual(['B', 'C']);
  });

  test('expands references with overrides applied, and nested references', () => {
    expect(valueOf('S = "1"\nS:rpi = "2"\nA = "${S}"', 'A', ['rpi'])).toBe('2');
    expect(valueOf('WHICH = "X"\nX = "42"\nA = "${${WHICH}}"', 'A')).toBe('42');
  });

  test('leaves unassigned references and cycles in place and says why', () => {
    const missing = evaluate(assignmentsOf('A = "${NOPE}/x"'), 'A', { overrides: [] });
    expect(missing.value).toBe('${NOPE}/x');
    expect(missing.unresolved).toEqual(['A: ${NOPE} is never assigned in the given files, so it stays unexpanded']);
    const cycle = evaluate(assignmentsOf('A = "${B}"\nB = "${A}"'), 'A', { overrides: [] });
    expect(cycle.value).toBe('${A}');
    expect(cycle.unresolved).toEqual(['${A} refers back to itself (through B), which BitBake rejects']);
    expect(evaluate(assignmentsOf('A = "x ${A}"'), 'A', { overrides: [] }).unresolved).toEqual([
      '${A} refers back to itself (through A), which BitBake rejects',
    ]);
  });

  test('never runs inline Python: it stays in the value and is reported', () => {
    const text =
      "ALIGN = \"4096\"\nIMAGE_ROOTFS_SIZE = \"${@disk_aligned(d,1024*1024)}\"\nX = \"a ${@bb.utils.contains('A', '${ALIGN}', 'y', '', d)} b\"";
    const rootfs = evaluate(assignmentsOf(text), 'IMAGE_ROOTFS_SIZE', { overrides: [] });
    expect(rootfs.value).toBe('${@disk_aligned(d,1024*1024)}');
    expect(rootfs.unresolved).toEqual([
      'IMAGE_ROOTFS_SIZE: inline Python is never run, so ${@disk_aligned(d,1024*1024)} stays in the value',
    ]);
    // References inside the Python are still expanded, as BitBake does before it would run the code.
    expect(valueOf(text, 'X')).toBe("a ${@bb.utils.contains('A', '4096', 'y', '', d)} b");
  });

  test('inlinePython returns the expression only when the whole value is one call', () => {
    expect(inlinePython('${@balena_rootfs_size(d)}')).toBe('balena_rootfs_size(d)');
    expect(inlinePython(' ${@disk_aligned(d,1024*1024)} ')).toBe('disk_aligned(d,1024*1024)');
    expect(inlinePython("${@ {'a': '1'}['a'] }")).toBe("{'a': '1'}['a']");
    expect(inlinePython('${@a(d)} ${@b(d)}')).toBeUndefined();
    expect(inlinePython('x${@a(d)}')).toBeUndefined();
    expect(inlinePython('102400')).toBeUndefined();
    expect(inlinePython('${@unclosed(d)')).toBeUndefined();
  });
});

describe('overridesNamed', () => {
  test('lists overrides of both syntaxes, without mistaking longer names for overrides', () => {
    const assignments = assignmentsOf(
      [
        'BALENA_BOOT_SIZE = "1"',
        'BALENA_BOOT_SIZE:jetson-xavier = "2"',
        'BALENA_BOOT_SIZE_jetson-tx2 = "3"',
        'BALENA_BOOT_SIZE_ALIGNED = "4"',
        'BALENA_BOOT_SIZE:append:rpi = " 5"',
        'BALENA_BOOT_SIZE_append_genericx86-64 = " 6"',
        'BALENA_BOOT_SIZE_WEIRD_cpu_1 = "7"',
        'OTHER:rpi4 = "8"',
      ].join('\n'),
    );
    expect(overridesNamed(assignments, 'BALENA_BOOT_SIZE')).toEqual(['genericx86-64', 'jetson-tx2', 'jetson-xavier', 'rpi']);
    expect(overridesNamed(assignments, 'BALENA_BOOT_SIZE', ['WEIRD_cpu_1'])).toContain('WEIRD_cpu_1');
    expect(overridesNamed(assignments, 'BALENA_BOOT_SIZE_ALIGNED')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Real files. The snapshot is required: these tests fail, rather than skip, when it is missing.

function upstreamPath(relative: string): string {
  if (!existsSync(UPSTREAM)) {
    throw new Error(
      `The upstream snapshot is missing: expected it at ${resolve(UPSTREAM)} (${UPSTREAM} from the repository root). ` +
        'Restore the balena-os-layers snapshot there to run these tests.',
    );
  }
  const path = join(UPSTREAM, relative);
  if (!existsSync(path)) throw new Error(`${path} is not in the upstream snapshot; the snapshot at ${resolve(UPSTREAM)} looks incomplete.`);
  return path;
}

/** A file's assignments in BitBake's order, with its `include`/`require` of sibling files read in place. */
function assignmentsOfFile(relative: string): Assignment[] {
  const path = upstreamPath(relative);
  const parsed = parseBitbake(readFileSync(path, 'utf8'), relative);
  expect(parsed.problems).toEqual([]);
  const statements: { line: number; assignments: Assignment[] }[] = parsed.assignments.map((a) => ({ line: a.line, assignments: [a] }));
  for (const directive of parsed.directives) {
    const sibling = join(dirname(relative), directive.argument);
    if (directive.kind !== 'inherit' && existsSync(join(UPSTREAM, sibling))) {
      statements.push({ line: directive.line, assignments: assignmentsOfFile(sibling) });
    }
  }
  return statements.sort((a, b) => a.line - b.line).flatMap((statement) => statement.assignments);
}

const META_BALENA_8_0_0 = 'meta-balena/9c83231c087d0ff78b943765551e2f061e0e9f72/meta-balena-common';
const META_BALENA_7_9_3 = 'meta-balena/c806f4ead5c1fb34ed161266c2ed07a7c3b150d6/meta-balena-common';
const META_BALENA_7_5_1 = 'meta-balena/02273a709f119a093c4958cb6d0deed49df893eb/meta-balena-common';
const META_BALENA_2_52_7 = 'meta-balena/e7a85da5db599fd4d9a3b04ac551af569bf32299/meta-balena-common';

describe(`real layer files from ${UPSTREAM}`, () => {
  test('balena-fsl-arm: per-machine sizes in the current override syntax beat meta-balena defaults', () => {
    // Class, then recipe, then the layer's bbappend (which includes balena-image.inc): BitBake's order for the image.
    const images = 'repos/balena-fsl-arm/5f7aef728d71f117884add5be50df22717984963/layers/meta-balena-fsl-arm/recipes-core/images';
    const assignments = [
      ...assignmentsOfFile(`${META_BALENA_7_5_1}/classes/image_types_balena.bbclass`),
      ...assignmentsOfFile(`${META_BALENA_7_5_1}/recipes-core/images/balena-image.bb`),
      ...assignmentsOfFile(`${images}/balena-image.bbappend`),
    ];
    const forMachine = (machine: string, variable: string) => evaluate(assignments, variable, { overrides: ['aarch64', machine] });

    const evkBoot = forMachine('imx8mm-lpddr4-evk', 'BALENA_BOOT_SIZE');
    expect(evkBoot.value).toBe('131072');
    expect(evkBoot.from).toEqual([
      {
        name: 'BALENA_BOOT_SIZE:imx8mm-lpddr4-evk',
        operator: '=',
        value: '131072',
        file: `${images}/balena-image.inc`,
        line: 114,
      },
    ]);
    expect(forMachine('imx8mm-lpddr4-evk', 'IMAGE_ROOTFS_SIZE')).toMatchObject({ value: '1048576', unresolved: [] });
    expect(forMachine('imx8mm-lpddr4-evk', 'IMAGE_ROOTFS_SIZE').from[0]?.line).toBe(115);
    expect(forMachine('imx8mm-lpddr4-evk', 'BALENA_STATE_SIZE').value).toBe('20480');

    const nitrogenBoot = forMachine('nitrogen8mm', 'BALENA_BOOT_SIZE');
    expect(nitrogenBoot.value).toBe('40960');
    expect(nitrogenBoot.from.map((a) => [a.name, a.line])).toEqual([['BALENA_BOOT_SIZE:nitrogen8mm', 178]]);
    expect(forMachine('nitrogen8mm', 'IMAGE_ROOTFS_SIZE').value).toBe('327680');
    // nitrogen8mm-dwe is a different machine, not a chain of nitrogen8mm.
    expect(forMachine('nitrogen8mm-dwe', 'BALENA_BOOT_PARTITION_FILES').value).toContain('imx8mm-dwe.dtb:/imx8mm-dwe.dtb');

    // A machine the layer does not name gets meta-balena's default and the recipe's inline Python, reported.
    expect(forMachine('other', 'BALENA_BOOT_SIZE').from.map((a) => [a.file, a.line])).toEqual([
      [`${META_BALENA_7_5_1}/classes/image_types_balena.bbclass`, 113],
    ]);
    const rootfs = forMachine('other', 'IMAGE_ROOTFS_SIZE');
    expect(inlinePython(rootfs.value ?? '')).toBe('balena_rootfs_size(d)');
    expect(rootfs.unresolved).toHaveLength(1);
    // IMAGE_ROOTFS_MAXSIZE = "${IMAGE_ROOTFS_SIZE}" follows the machine's size lazily.
    expect(forMachine('nitrogen8mm', 'IMAGE_ROOTFS_MAXSIZE').value).toBe('327680');

    expect(overridesNamed(assignments, 'BALENA_BOOT_SIZE')).toEqual([
      'emgw3',
      'imx8mm-lpddr4-evk',
      'nitrogen6x',
      'nitrogen6xq2g',
      'nitrogen8mm',
      'nitrogen8mm-dwe',
      'solidrun-imx6',
      'solidrun-n6g',
    ]);
  });

  test('balena-jetson-wnb: the old underscore syntax, under the resin and balena names', () => {
    const layer = 'repos/balena-jetson-wnb/b577169d701b4f75ad040af14f6e51a40145de3e/layers/meta-balena-jetson/recipes-core/images';
    const old = [
      ...assignmentsOfFile(`${META_BALENA_2_52_7}/classes/image_types_resin.bbclass`),
      ...assignmentsOfFile(`${META_BALENA_2_52_7}/recipes-core/images/resin-image.bb`),
      ...assignmentsOfFile(`${layer}/resin-image.bbappend`),
    ];
    const tx2: EvaluationOptions = { overrides: ['aarch64', 'tegra186', 'jetson-tx2'] };
    const boot = evaluate(old, 'RESIN_BOOT_SIZE', tx2);
    expect(boot.value).toBe('80960');
    expect(boot.from.map((a) => [a.name, a.file, a.line])).toEqual([['RESIN_BOOT_SIZE_jetson-tx2', `${layer}/resin-image.inc`, 17]]);
    expect(evaluate(old, 'RESIN_BOOT_SIZE', { overrides: ['jetson-nano'] }).value).toBe('40960');
    // The layer's plain = (included by the bbappend) beats the recipe's, and MAXSIZE follows it.
    expect(evaluate(old, 'IMAGE_ROOTFS_SIZE', tx2).from.map((a) => [a.file, a.line])).toEqual([[`${layer}/resin-image.inc`, 15]]);
    expect(evaluate(old, 'IMAGE_ROOTFS_MAXSIZE', tx2).value).toBe('487424');
    expect(evaluate(old, 'IMAGE_INSTALL', tx2).value).toContain('tegra186-flash-dry');
    expect(evaluate(old, 'IMAGE_INSTALL', { overrides: ['jetson-nano'] }).value ?? '').not.toContain('tegra186-flash-dry');
    expect(overridesNamed(old, 'RESIN_BOOT_SIZE')).toEqual(['jetson-tx2']);

    const renamed = assignmentsOfFile(
      'repos/balena-jetson-wnb/b4b669256fce07f10472855b5f05e97478bce3f7/layers/meta-balena-jetson/recipes-core/images/balena-image.inc',
    );
    expect(evaluate(renamed, 'BALENA_BOOT_SIZE', tx2).value).toBe('80960');
    expect(evaluate(renamed, 'BALENA_BOOT_SIZE', { overrides: [] }).value).toBeUndefined();
    expect(evaluate(renamed, 'IMAGE_FSTYPES', tx2).value).toBe(' balenaos-img');
  });

  test('meta-balena image_types_balena.bbclass: defaults per release, and a layer = beats the class ?=', () => {
    const class800 = assignmentsOfFile(`${META_BALENA_8_0_0}/classes/image_types_balena.bbclass`);
    const class793 = assignmentsOfFile(`${META_BALENA_7_9_3}/classes/image_types_balena.bbclass`);
    const none: EvaluationOptions = { overrides: [] };
    expect(evaluate(class800, 'BALENA_BOOT_SIZE', none).value).toBe('102400');
    expect(evaluate(class800, 'BALENA_STATE_SIZE', none).value).toBe('81920');
    expect(evaluate(class793, 'BALENA_BOOT_SIZE', none).value).toBe('40960');
    expect(evaluate(class793, 'BALENA_STATE_SIZE', none).value).toBe('20480');
    expect(evaluate(class800, 'IMAGE_ROOTFS_ALIGNMENT', none)).toMatchObject({ value: '4096', unresolved: [] });
    // The python() block and the def functions of the class set nothing.
    expect(evaluate(class800, 'BALENA_ROOT_FS', none).value).toBeUndefined();

    const tm3 = assignmentsOfFile(
      'repos/balena-tm3/afe320bae0df50fde70da63a633b379173ed2362/layers/meta-balena-tm3/recipes-core/images/balena-image.inc',
    );
    // Whether the layer's statement comes after the class (a bbappend) or before it (a configuration file), ?= yields.
    expect(evaluate([...class800, ...tm3], 'BALENA_BOOT_SIZE', none).value).toBe('128000');
    expect(evaluate([...tm3, ...class800], 'BALENA_BOOT_SIZE', none).value).toBe('128000');
    expect(evaluate([...class800, ...tm3], 'BALENA_BOOT_SIZE', none).from[0]?.line).toBe(1);
  });

  test('MACHINE_FEATURES from a real machine configuration, with real :remove statements', () => {
    // No single layer in the snapshot both adds and removes machine features, so this joins two i.MX layers' statements.
    const machine = assignmentsOfFile(
      'repos/balena-robustel-imx8mp/7a4801d28dff02e51bebc6e43d33f8128af013fb/layers/meta-balena-robustel-imx8mp/conf/machine/imx8mp-rbt.conf',
    );
    const rbt: EvaluationOptions = { overrides: ['aarch64', 'mx8mp', 'imx8mp-rbt'] };
    const added = evaluate(machine, 'MACHINE_FEATURES', rbt);
    expect(added.value?.split(/\s+/).filter(Boolean)).toEqual(['pci', 'bluetooth', 'wifi', 'screen', 'optee']);
    expect(added.from.map((a) => [a.operator, a.file.split('/').at(-1), a.line])).toEqual([['+=', 'robustel.inc', 3]]);
    expect(evaluate(machine, 'MACHINEOVERRIDES', rbt).value).toBe('mx8mp:');
    expect(evaluate(machine, 'KERNEL_DEVICETREE', rbt).value?.split(/\s+/).filter(Boolean)).toHaveLength(9);

    const removing = assignmentsOfFile(
      'repos/balena-compulab-imx9/256c897678d7c7c3dad685564323a2cf5a984f51/layers/meta-balena-imx9/conf/layer.conf',
    );
    const features = evaluate([...removing, ...machine], 'MACHINE_FEATURES', rbt);
    expect(features.value?.split(/\s+/).filter(Boolean)).toEqual(['pci', 'bluetooth', 'wifi', 'screen']);
    expect(features.from.map((a) => [a.operator, a.name, a.line])).toEqual([
      ['+=', 'MACHINE_FEATURES', 3],
      ['=', 'MACHINE_FEATURES:remove', 24],
    ]);

    // beaglebone removes efi for one machine only.
    const beaglebone = assignmentsOfFile(
      'repos/balena-beaglebone/2b6e6842769ad55c498f2e859ea2fe62217d6c3e/layers/meta-balena-beaglebone/conf/layer.conf',
    );
    const generic = assignmentsOfFile(
      'repos/balena-generic/6a52ae815582a9e4a97ff5e9762e36e6e9035c1d/layers/meta-balena-generic/conf/machine/generic-amd64.conf',
    );
    const words = (overrides: string[]) =>
      evaluate([...beaglebone, ...generic], 'MACHINE_FEATURES', { overrides })
        .value?.split(/\s+/)
        .filter(Boolean);
    expect(words(['beaglebone-ai64'])).toEqual(['raid', 'tpm']);
    expect(words(['beaglebone'])).toEqual(['efi', 'raid', 'tpm']);
  });

  test('every .bb, .bbappend, .inc, .conf and .bbclass file in the snapshot parses without an exception', () => {
    const files: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(?:bb|bbappend|inc|conf|bbclass)$/.test(entry.name)) files.push(path);
      }
    };
    walk(upstreamPath('.'));
    expect(files.length).toBeGreaterThan(6000);

    // Files under a recipe's source folders (systemd units, shell includes) share the extensions but are not BitBake
    // metadata; BitBake reads .conf and .inc only from conf/, classes/ or beside the recipe that includes them.
    const isMetadata = (path: string) => {
      if (/\.(?:bb|bbappend|bbclass)$/.test(path)) return true;
      const folders = path.split('/');
      if (folders.includes('conf') || folders.includes('classes')) return true;
      const recipes = folders.findIndex((folder) => folder.startsWith('recipes-'));
      return recipes !== -1 && folders.length - recipes === 3;
    };
    let metadataFiles = 0;
    let metadataFilesWithProblems = 0;
    let problems = 0;
    const unexpected: string[] = [];
    for (const path of files) {
      const parsed = parseBitbake(readFileSync(path, 'utf8'), path.slice(UPSTREAM.length + 1));
      problems += parsed.problems.length;
      if (!isMetadata(path)) continue;
      metadataFiles++;
      if (parsed.problems.length > 0) metadataFilesWithProblems++;
      for (const problem of parsed.problems) {
        if (!problem.message.includes('a symbolic link stored as text'))
          unexpected.push(`${problem.file}:${problem.line} ${problem.message}`);
      }
    }
    console.info(
      `parsed ${files.length} files (${metadataFiles} BitBake metadata): ${problems} problems in all, ` +
        `${metadataFilesWithProblems} metadata files with problems`,
    );
    expect(metadataFilesWithProblems / metadataFiles).toBeLessThan(0.01);
    // Apart from symbolic links, the only problem left is an upstream comment that lost its "#".
    expect(unexpected).toEqual([
      'meta-balena/b8d0680be0be3087f637d60e1bbd42d887142eb5/meta-resin-krogoth/recipes-core/images/resin-image-flasher.bbappend:1 ' +
        'not a statement BitBake metadata allows here (assignment, include, require, inherit or function): ' +
        'Make sure you have the raw resin image ready in DEPLOY_DIR_IMAGE (poky',
    ]);
  });
});
