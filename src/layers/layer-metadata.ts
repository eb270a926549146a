// Loads the BitBake metadata that decides one machine's balena image: the layer's configuration, meta-balena's image class and recipe, the layer's bbappends, in BitBake's parse order.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { evaluate, parseBitbake, type Assignment } from './bitbake.ts';
import { filesBelow } from './snapshot.ts';

/** Where an assignment's file lives upstream, so a fact can cite it. */
export interface UpstreamFile {
  repo: string;
  commit: string;
  /** Path inside that repository. */
  path: string;
}

export interface MachineMetadata {
  machine: string;
  /** Assignments in parse order; each file name is a key of `files`. */
  assignments: Assignment[];
  files: Map<string, UpstreamFile>;
  /** Active overrides, lowest priority first (BitBake's OVERRIDES order). */
  overrides: string[];
  /** Whether the machine's configuration file is in the snapshot: without it a BSP-declared SoC override cannot be known. */
  machineConfInTree: boolean;
  /** Every machine name the snapshot knows: an override naming another machine is inactive for this one. */
  knownMachines: ReadonlySet<string>;
  /** Whether this BitBake reads `VAR_override` as an override (before Yocto honister) or as a variable of its own. */
  underscoreOverrides: boolean;
  /** Variables that Python functions set through the datastore (`d.setVar`), where no parse can know the value. */
  pythonWrites: { name: string; file: string; line: number }[];
  /** Files parsed with problems, or includes that could not be found. */
  problems: string[];
}

export interface RevisionTree {
  repo: string;
  commit: string;
  /** Folder of the revision in the snapshot (holds layers/...). */
  folder: string;
}

export interface MetaBalenaTree {
  commit: string;
  folder: string;
}

/** Yocto releases from honister on, whose BitBake knows only the `VAR:override` syntax. */
const COLON_ONLY_RELEASES = [
  'honister',
  'kirkstone',
  'langdale',
  'mickledore',
  'nanbield',
  'scarthgap',
  'styhead',
  'walnascar',
  'whinlatter',
];

/** From a manifest's yocto.version (e.g. "yocto-kirkstone"): false when its BitBake ignores `VAR_override`; true when older or unknown. */
export function readsUnderscoreOverrides(yoctoVersion: string | undefined): boolean {
  return !COLON_ONLY_RELEASES.some((release) => yoctoVersion?.toLowerCase().includes(release));
}

/** Parses a file once per process: many boards share a layer revision. */
const parsed = new Map<string, ReturnType<typeof parseBitbake>>();
function parseFile(absolute: string, name: string) {
  let hit = parsed.get(absolute);
  if (!hit) {
    hit = parseBitbake(readFileSync(absolute, 'utf8'), name);
    parsed.set(absolute, hit);
  }
  return hit;
}

/** Layer files of a revision (relative to the revision folder), e.g. "layers/meta-balena-raspberrypi/conf/layer.conf". */
function layerFiles(tree: RevisionTree): string[] {
  return filesBelow(tree.folder, 'layers').filter((path) => !path.endsWith('/FILES'));
}

/** The image recipes whose metadata decides a partition table: the installed image and the flasher that carries it. */
export type ImageRecipe = 'image' | 'flasher';
const RECIPE_NAME: Record<ImageRecipe, string> = { image: 'image', flasher: 'image-flasher' };
const imageBbappend = (recipe: ImageRecipe) =>
  new RegExp(`/recipes-core/images/(balena|resin)-${RECIPE_NAME[recipe]}(_[^/]*)?\\.bbappend$`);
const imageRecipe = (recipe: ImageRecipe) =>
  new RegExp(`^meta-(balena|resin)-common/recipes-core/images/(balena|resin)-${RECIPE_NAME[recipe]}\\.bb$`);

/**
 * Reads `relative` (inside `root`) and, in place of every include or require, the file it names, looked up next to
 * the including file and then at the root of every layer in the tree (BitBake searches BBPATH the same way).
 */
function readWithIncludes(
  root: string,
  relative: string,
  upstream: Omit<UpstreamFile, 'path'>,
  searchRoots: string[],
  out: MachineMetadata,
  depth = 0,
): void {
  const absolute = join(root, relative);
  const name = `${upstream.repo}@${upstream.commit}:${relative}`;
  out.files.set(name, { ...upstream, path: relative });
  const file = parseFile(absolute, name);
  for (const problem of file.problems) out.problems.push(`${relative}:${problem.line}: ${problem.message}`);
  for (const fn of file.functions) for (const name of fn.setsVariables) out.pythonWrites.push({ name, file: fn.file, line: fn.line });
  const includes = [...file.directives].filter((d) => d.kind === 'include' || d.kind === 'require').sort((a, b) => a.line - b.line);
  let next = 0;
  for (const assignment of file.assignments) {
    while (next < includes.length && includes[next]!.line < assignment.line) includeOne(includes[next++]!);
    out.assignments.push(assignment);
  }
  while (next < includes.length) includeOne(includes[next++]!);

  function includeOne(directive: { argument: string; kind: string }) {
    if (depth > 8 || /\$\{/.test(directive.argument)) {
      if (/\$\{/.test(directive.argument))
        out.problems.push(`${relative}: ${directive.kind} ${directive.argument}: a variable in the path is not followed`);
      return;
    }
    const candidates = [
      posix.join(posix.dirname(relative), directive.argument),
      ...searchRoots.map((r) => posix.join(r, directive.argument)),
    ];
    const found = candidates.find((candidate) => existsSync(join(root, candidate)));
    if (found) readWithIncludes(root, found, upstream, searchRoots, out, depth + 1);
    else if (directive.kind === 'require' && !directive.argument.startsWith('conf/machine/'))
      out.problems.push(`${relative}: require ${directive.argument}: not in the snapshot`);
  }
}

/** Machine configuration overrides declared in the tree: MACHINEOVERRIDES and SOC_FAMILY, before the machine itself. */
function machineOverrides(assignments: Assignment[], machine: string, underscoreOverrides: boolean): string[] {
  const options = { overrides: [machine], underscoreOverrides };
  const declared = evaluate(assignments, 'MACHINEOVERRIDES', options).value ?? '';
  const soc = evaluate(assignments, 'SOC_FAMILY', options).value ?? '';
  const names = [...soc.split(':'), ...declared.split(':')]
    .map((name) => name.trim())
    .filter((name) => name && !name.includes('$') && name !== machine);
  return [...new Set(names), machine];
}

/** The metadata deciding `machine`'s balena-image, in BitBake's order: configuration, then the class and recipe, then bbappends. */
export function machineMetadata(
  tree: RevisionTree,
  metaBalena: MetaBalenaTree | undefined,
  machine: string,
  knownMachines: ReadonlySet<string>,
  underscoreOverrides: boolean,
  recipe: ImageRecipe = 'image',
): MachineMetadata {
  const out: MachineMetadata = {
    machine,
    assignments: [],
    files: new Map(),
    overrides: [machine],
    machineConfInTree: false,
    knownMachines,
    underscoreOverrides,
    pythonWrites: [],
    problems: [],
  };
  const layer = { repo: tree.repo, commit: tree.commit };
  const files = layerFiles(tree);
  const layerRoots = [...new Set(files.map((path) => path.split('/').slice(0, 2).join('/')))];
  const confs = files.filter((path) => /^layers\/[^/]+\/conf\/layer\.conf$/.test(path));
  for (const conf of confs) readWithIncludes(tree.folder, conf, layer, layerRoots, out);
  const machineConf = files.find((path) => path.endsWith(`/conf/machine/${machine}.conf`));
  if (machineConf) {
    out.machineConfInTree = true;
    readWithIncludes(tree.folder, machineConf, layer, layerRoots, out);
  }
  for (const sample of files.filter((path) => /\/conf\/samples\/local\.conf\.sample$/.test(path)))
    readWithIncludes(tree.folder, sample, layer, layerRoots, out);
  if (metaBalena) {
    const mbFiles = filesBelow(metaBalena.folder);
    const upstream = { repo: 'balena-os/meta-balena', commit: metaBalena.commit };
    const mbRoots = [...new Set(mbFiles.map((path) => path.split('/')[0]!))];
    for (const path of mbFiles.filter((p) => /^meta-(balena|resin)-common\/conf\/layer\.conf$/.test(p)))
      readWithIncludes(metaBalena.folder, path, upstream, mbRoots, out);
    for (const path of mbFiles.filter((p) => /^meta-(balena|resin)-common\/classes\/image_types_(balena|resin)\.bbclass$/.test(p)))
      readWithIncludes(metaBalena.folder, path, upstream, mbRoots, out);
    for (const path of mbFiles.filter((p) => imageRecipe(recipe).test(p)))
      readWithIncludes(metaBalena.folder, path, upstream, mbRoots, out);
  }
  for (const path of files.filter((p) => imageBbappend(recipe).test(p))) readWithIncludes(tree.folder, path, layer, layerRoots, out);
  out.overrides = machineOverrides(out.assignments, machine, underscoreOverrides);
  return out;
}

/** Clears the parse cache (tests that rewrite files). */
export function forgetParsedFiles(): void {
  parsed.clear();
}
