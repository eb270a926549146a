// Reads BitBake metadata (.bb, .bbappend, .inc, .conf, .bbclass) and evaluates its variable assignments by parsing alone: nothing is executed.
//
// Board layers state facts such as partition sizes as BitBake assignments. Running BitBake to read them would need
// the whole build tree, so this module implements the small part of BitBake's language those facts use: the
// assignment operators, overrides in both the current (`VAR:ovr`) and pre-honister (`VAR_ovr`) syntaxes, the
// append/prepend/remove operations and `${VAR}` expansion. Inline Python (`${@...}`) is reported, never run.

export type Operator = '=' | '?=' | '??=' | ':=' | '+=' | '=+' | '.=' | '=.';

export interface Assignment {
  /** The name as written, e.g. "BALENA_BOOT_SIZE:jetson-xavier" or "RESIN_BOOT_SIZE_jetson-tx2". */
  name: string;
  operator: Operator;
  /** The value with quotes removed and continuations joined, unexpanded. */
  value: string;
  file: string;
  /** 1-based line of the statement's first line. */
  line: number;
}

/** A variable flag such as `do_image[depends] += "..."`: kept apart because flags never take part in a variable's value. */
export interface FlagAssignment extends Assignment {
  flag: string;
}

export interface Directive {
  kind: 'include' | 'require' | 'inherit';
  /** The rest of the line as written, unexpanded: a path for include/require, one or more class names for inherit. */
  argument: string;
  file: string;
  line: number;
}

/** A shell or Python function whose body was skipped; `name` is empty for anonymous `python () {` blocks. */
export interface FunctionDefinition {
  name: string;
  language: 'shell' | 'python';
  file: string;
  line: number;
  /** Python only: variables its body sets through the datastore (`d.setVar('X', ...)`), which no parse can evaluate. */
  setsVariables: string[];
}

// A Python body changing a variable through the datastore: the value then depends on code we never run.
const DATASTORE_WRITE = /\bd\.(?:setVar|appendVar|prependVar|delVar)\(\s*['"]([^'"]+)['"]/g;

/** An `unset VAR` or `unset VAR[flag]` statement. Recorded for callers; `evaluate` does not apply it. */
export interface Unset {
  name: string;
  flag: string | undefined;
  file: string;
  line: number;
}

export interface Problem {
  file: string;
  line: number;
  message: string;
}

export interface ParsedFile {
  assignments: Assignment[];
  directives: Directive[];
  problems: Problem[];
  flags: FlagAssignment[];
  functions: FunctionDefinition[];
  unsets: Unset[];
}

// Characters BitBake accepts in a variable name, including `${...}` in names such as `RDEPENDS:${PN}`.
const NAME_CHARACTERS = String.raw`A-Za-z0-9\-_+.\${}/~:`;
// The name is lazy so that `A.= "x"` reads as name "A" with operator ".=", as BitBake reads it.
const ASSIGNMENT = new RegExp(
  String.raw`^(?:export\s+)?(?<name>[${NAME_CHARACTERS}]+?)(?:\[(?<flag>[A-Za-z0-9\-_+.][A-Za-z0-9\-_+.@/]*)\])?` +
    String.raw`\s*(?<operator>\?\?=|\?=|:=|\+=|=\+|=\.|\.=|=)\s*(?<value>.*)$`,
  's',
);
const FUNCTION_START = /^(?<modifiers>(?:(?:python|fakeroot)(?=[\s(])\s*)*)(?<name>[\w.\-+{}$:]+)?\s*\(\s*\)\s*\{$/;
const PYTHON_DEF = /^def\s+\w+.*:/;
const DIRECTIVE = /^(?<keyword>include|require|include_all|inherit|inherit_defer)(?:\s+(?<argument>.*))?$/;
const EXPORT_ONLY = new RegExp(String.raw`^export\s+[${NAME_CHARACTERS}]+$`);
const UNSET = new RegExp(String.raw`^unset\s+(?<name>[${NAME_CHARACTERS}]+)(?:\[(?<flag>[^\]]+)\])?$`);
const SYMBOLIC_LINK_TARGET = /^[\w.\-/]+\.(?:bb|bbappend|bbclass|conf|inc)$/;
// Statements that configure tasks and event handlers; they never assign a variable's value.
const IGNORED_KEYWORD = /^(?:addtask|deltask|addhandler|EXPORT_FUNCTIONS|addpylib|addfragments)(?:\s|$)/;

/** Splits BitBake text into statements; function bodies are skipped, odd lines become problems rather than exceptions. */
export function parseBitbake(text: string, file: string): ParsedFile {
  const parsed: ParsedFile = { assignments: [], directives: [], problems: [], flags: [], functions: [], unsets: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problem = (line: number, message: string) => parsed.problems.push({ file, line, message });
  // Git stores a symbolic link as a one-line file holding its target; snapshots taken without a checkout keep it so.
  const linkTarget = SYMBOLIC_LINK_TARGET.exec(text.trim());
  if (linkTarget) {
    problem(1, `the file holds only the name ${linkTarget[0]}: a symbolic link stored as text; read that file instead`);
    return parsed;
  }

  // BitBake ends `name() {` bodies only at a line that is exactly "}" and a `def` block at the first line that is
  // neither blank, indented nor a comment; the states below follow those two rules.
  let functionStart: { line: number; name: string } | undefined;
  let inPythonDef = false;
  let currentPython: FunctionDefinition | undefined;
  const noteWrites = (line: string) => {
    if (currentPython) for (const match of line.matchAll(DATASTORE_WRITE)) currentPython.setsVariables.push(match[1]!);
  };

  for (let index = 0; index < lines.length; index++) {
    const physical = (lines[index] ?? '').trimEnd();
    if (functionStart) {
      if (physical === '}') functionStart = undefined;
      else noteWrites(physical);
      continue;
    }
    if (inPythonDef) {
      if (physical === '' || /^\s/.test(physical) || physical.startsWith('#')) {
        noteWrites(physical);
        continue;
      }
      inPythonDef = false;
    }
    currentPython = undefined;

    // Join continuation lines the way BitBake does: drop the backslash, keep the next line's indentation.
    const lineNumber = index + 1;
    let statement = physical;
    const isComment = statement.trimStart().startsWith('#');
    while (statement.endsWith('\\')) {
      if (index + 1 >= lines.length) {
        problem(lineNumber, 'the statement ends with a backslash on the last line of the file; remove the backslash');
        statement = statement.slice(0, -1);
        break;
      }
      index++;
      const next = (lines[index] ?? '').trimEnd();
      if (isComment && !next.trimStart().startsWith('#')) {
        problem(
          index + 1,
          'a comment ending with a backslash continues onto this line, which BitBake rejects; remove the backslash from the comment',
        );
      }
      statement = statement.slice(0, -1) + next;
    }

    const trimmed = statement.trim();
    if (trimmed === '' || isComment) continue;

    const functionMatch = FUNCTION_START.exec(trimmed);
    if (functionMatch?.groups) {
      const language = /python/.test(functionMatch.groups.modifiers ?? '') ? 'python' : 'shell';
      const name = functionMatch.groups.name ?? '';
      const definition: FunctionDefinition = { name, language, file, line: lineNumber, setsVariables: [] };
      parsed.functions.push(definition);
      if (language === 'python') currentPython = definition;
      functionStart = { line: lineNumber, name };
      continue;
    }
    if (PYTHON_DEF.test(trimmed)) {
      const name = /^def\s+(\w+)/.exec(trimmed)?.[1] ?? '';
      currentPython = { name, language: 'python', file, line: lineNumber, setsVariables: [] };
      parsed.functions.push(currentPython);
      inPythonDef = true;
      continue;
    }

    const directive = DIRECTIVE.exec(trimmed);
    if (directive?.groups) {
      const argument = (directive.groups.argument ?? '').trim();
      const keyword = directive.groups.keyword ?? '';
      if (argument === '') problem(lineNumber, `"${keyword}" needs an argument: write "${keyword} <name>"`);
      else {
        // include_all and inherit_defer behave like include and inherit for reading facts.
        const kind = keyword.startsWith('inherit') ? 'inherit' : keyword === 'require' ? 'require' : 'include';
        parsed.directives.push({ kind, argument, file, line: lineNumber });
      }
      continue;
    }
    if (IGNORED_KEYWORD.test(trimmed) || EXPORT_ONLY.test(trimmed)) continue;

    const unset = UNSET.exec(trimmed);
    if (unset?.groups) {
      parsed.unsets.push({ name: unset.groups.name ?? '', flag: unset.groups.flag, file, line: lineNumber });
      continue;
    }

    const assignment = ASSIGNMENT.exec(trimmed);
    if (assignment?.groups) {
      const { name = '', flag, operator = '=', value: written = '' } = assignment.groups;
      const quote = written[0];
      if (written.length < 2 || (quote !== '"' && quote !== "'") || !written.endsWith(quote)) {
        problem(lineNumber, `the value of ${name} is not enclosed in matching quotes: write ${name} ${operator} "value"`);
        continue;
      }
      const entry = { name, operator: operator as Operator, value: written.slice(1, -1), file, line: lineNumber };
      if (flag === undefined) parsed.assignments.push(entry);
      else parsed.flags.push({ ...entry, flag });
      continue;
    }

    problem(
      lineNumber,
      `not a statement BitBake metadata allows here (assignment, include, require, inherit or function): ${abbreviate(trimmed)}`,
    );
  }

  if (functionStart) {
    problem(
      functionStart.line,
      `the body of ${functionStart.name || 'an anonymous function'} is never closed: BitBake ends it at a line holding only "}"`,
    );
  }
  return parsed;
}

function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export interface EvaluationOptions {
  /** Active overrides, lowest priority first, e.g. ['aarch64', 'rpi', 'raspberrypi4-64'] (BitBake's OVERRIDES order: later wins). */
  overrides: readonly string[];
  /**
   * Whether `VAR_override` (the syntax before Yocto honister) is read as an override. Default true; honister and later
   * BitBake read such a name as a variable of its own, so a layer built with it gets false.
   */
  underscoreOverrides?: boolean;
}

export interface Evaluated {
  /** Final expanded value, or undefined when never assigned. */
  value: string | undefined;
  /** The assignments that produced the value, in the order applied (the base one, then overrides, appends, removes). */
  from: Assignment[];
  /** Why the value could not be fully known: inline Python left in it, a reference to an unassigned variable... */
  unresolved: string[];
  /** Assignments of other variables whose values `${...}` expansion substituted into this one, so they can be cited too. */
  expandedFrom: Assignment[];
}

type Operation = 'append' | 'prepend' | 'remove';
const OPERATIONS: ReadonlySet<string> = new Set(['append', 'prepend', 'remove']);

/** How one assignment relates to the variable being evaluated. */
interface Shape {
  /** The overrides that make the assigned name a conditional variant (`VAR:a:b` → ['a', 'b']); empty for VAR itself. */
  variant: string[];
  operation: Operation | undefined;
  /** Overrides an append/prepend/remove is conditional on (`VAR:append:a` → ['a']). */
  conditions: string[];
}

// BitBake override names are lower-case letters, digits and dashes. In the old underscore syntax this tells a
// machine override (`_jetson-tx2`) apart from a longer variable name (`BALENA_BOOT_SIZE_ALIGNED`).
const OVERRIDE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Reads an assignment's name relative to `variable`, or undefined when it assigns some other variable. */
function shapeOf(name: string, variable: string, isOverride: (token: string) => boolean, underscores = true): Shape | undefined {
  let parts: string[] | undefined;
  if (name === variable) parts = [];
  else if (name.startsWith(`${variable}:`)) parts = name.slice(variable.length + 1).split(':');
  else if (underscores && name.startsWith(`${variable}_`)) parts = decodeUnderscoreSuffix(name.slice(variable.length + 1), isOverride);
  if (!parts) return undefined;
  // As in BitBake, the first operation keyword splits the name: before it a variant, after it the conditions.
  const at = parts.findIndex((part) => OPERATIONS.has(part));
  if (at === -1) return { variant: parts, operation: undefined, conditions: [] };
  return { variant: parts.slice(0, at), operation: parts[at] as Operation, conditions: parts.slice(at + 1) };
}

/**
 * Splits an old-syntax suffix such as "append_jetson-tx2" into tokens, each an operation keyword or an override.
 * Overrides may themselves contain "_" when `isOverride` knows them, so every split point is tried, longest first.
 */
function decodeUnderscoreSuffix(suffix: string, isOverride: (token: string) => boolean): string[] | undefined {
  const pieces = suffix.split('_');
  const decodeFrom = (start: number): string[] | undefined => {
    if (start === pieces.length) return [];
    for (let end = pieces.length; end > start; end--) {
      const token = pieces.slice(start, end).join('_');
      const accepted = (end === start + 1 && OPERATIONS.has(token)) || isOverride(token);
      if (!accepted) continue;
      const rest = decodeFrom(end);
      if (rest) return [token, ...rest];
    }
    return undefined;
  };
  return decodeFrom(0);
}

interface Indexed {
  assignment: Assignment;
  /** Position in the evaluated list, which is BitBake's parse order. */
  index: number;
  shape: Shape;
}

/** A value with its provenance, before the per-variable results are merged into an `Evaluated`. */
interface Resolution {
  value: string | undefined;
  from: Assignment[];
  unresolved: string[];
  expandedFrom: Assignment[];
  /** True when a reference cycle was cut while computing it, so the result depends on the caller and is not cached. */
  cut: boolean;
}

// What BitBake expands inside `${...}`; anything else (spaces, say) stays as written.
const VARIABLE_NAME = /^[A-Za-z0-9\-_+./~:]+$/;

/** Evaluates `variable` over assignments given in parse order (configuration files first, then the recipe, then its bbappends). */
export function evaluate(assignments: readonly Assignment[], variable: string, options: EvaluationOptions): Evaluated {
  const evaluator = createEvaluator(assignments, options);
  const result = evaluator.resolve(variable, assignments.length, []);
  return {
    value: result.value,
    from: result.from,
    unresolved: [...new Set(result.unresolved)],
    expandedFrom: [...new Set(result.expandedFrom)],
  };
}

function createEvaluator(assignments: readonly Assignment[], options: EvaluationOptions) {
  const overrides = options.overrides;
  const active = new Set(overrides);
  const isOverride = (token: string) => active.has(token) || OVERRIDE_NAME.test(token);
  const allActive = (names: readonly string[]) => names.every((name) => active.has(name));
  const shapesByVariable = new Map<string, Indexed[]>();
  const cache = new Map<string, Resolution>();

  const shapesOf = (variable: string): Indexed[] => {
    let shapes = shapesByVariable.get(variable);
    if (!shapes) {
      shapes = [];
      for (const [index, assignment] of assignments.entries()) {
        const shape = shapeOf(assignment.name, variable, isOverride, options.underscoreOverrides !== false);
        if (shape) shapes.push({ assignment, index, shape });
      }
      shapesByVariable.set(variable, shapes);
    }
    return shapes;
  };

  /**
   * The value of `variable` as BitBake would see it after the first `limit` assignments: `limit` is the list's
   * length for the final value and the position of a `:=` for its immediate expansion.
   */
  const resolve = (variable: string, limit: number, stack: readonly string[]): Resolution => {
    const key = `${variable}@${limit}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const inner = [...stack, key];
    const relevant = shapesOf(variable).filter((entry) => entry.index < limit);
    const expandedFrom: Assignment[] = [];
    const unresolved: string[] = [];
    let cut = false;

    // Each variant (VAR itself under "", VAR:a:b under "a:b") keeps its own content, built in parse order.
    const byVariant = new Map<string, Indexed[]>();
    for (const entry of relevant) {
      const variantKey = entry.shape.variant.join(':');
      byVariant.set(variantKey, [...(byVariant.get(variantKey) ?? []), entry]);
    }

    const contentOf = (variantKey: string): { value: string | undefined; from: Assignment[] } => {
      let content: string | undefined;
      let from: Assignment[] = [];
      let weakDefault: Assignment | undefined;
      for (const { assignment, index, shape } of byVariant.get(variantKey) ?? []) {
        if (shape.operation) continue;
        const { operator, value } = assignment;
        if (operator === '=') [content, from] = [value, [assignment]];
        else if (operator === ':=') {
          const expanded = expand(value, index, inner, variable);
          [content, from] = [expanded.text, [assignment]];
          expandedFrom.push(...expanded.expandedFrom);
          cut ||= expanded.cut;
        } else if (operator === '?=') {
          if (content === undefined) [content, from] = [value, [assignment]];
        } else if (operator === '??=') weakDefault = assignment;
        else {
          // BitBake joins with a space even when there was nothing before, so `+=` alone yields " value".
          const before = content ?? '';
          if (operator === '+=') content = `${before} ${value}`;
          else if (operator === '=+') content = `${value} ${before}`;
          else if (operator === '.=') content = before + value;
          else content = value + before;
          from.push(assignment);
        }
      }
      // A weak default (??=) only counts when nothing else ever gave this variant content.
      if (content === undefined && weakDefault) return { value: weakDefault.value, from: [weakDefault] };
      return { value: content, from };
    };

    const operationsOf = (variantKey: string, operation: Operation): Indexed[] =>
      (byVariant.get(variantKey) ?? []).filter((entry) => entry.shape.operation === operation && allActive(entry.shape.conditions));

    const applyAppendsAndPrepends = (variantKey: string, start: { value: string | undefined; from: Assignment[] }) => {
      let value = start.value;
      const from = [...start.from];
      for (const { assignment } of operationsOf(variantKey, 'append')) {
        value = (value ?? '') + assignment.value;
        from.push(assignment);
      }
      for (const { assignment } of operationsOf(variantKey, 'prepend')) {
        value = assignment.value + (value ?? '');
        from.push(assignment);
      }
      return { value, from };
    };

    const selected = selectVariant([...byVariant.keys()].filter((variantKey) => variantKey !== ''));
    let current: { value: string | undefined; from: Assignment[] } = { value: undefined, from: [] };
    const removes: Indexed[] = [];
    if (selected !== undefined) {
      current = applyAppendsAndPrepends(selected, contentOf(selected));
      removes.push(...operationsOf(selected, 'remove'));
    }
    // A selected variant with no value of its own (only a :remove, say) leaves VAR's own content in place.
    if (current.value === undefined) current = contentOf('');
    current = applyAppendsAndPrepends('', current);
    removes.push(...operationsOf('', 'remove'));

    let value = current.value;
    const from = current.from;
    if (value !== undefined) {
      const expanded = expand(value, limit, inner, variable);
      value = expanded.text;
      unresolved.push(...expanded.unresolved);
      expandedFrom.push(...expanded.expandedFrom);
      cut ||= expanded.cut;
      if (removes.length > 0) {
        const words = new Set<string>();
        for (const { assignment } of removes) {
          const removal = expand(assignment.value, limit, inner, variable);
          for (const word of removal.text.split(/\s+/)) if (word !== '') words.add(word);
          unresolved.push(...removal.unresolved);
          expandedFrom.push(...removal.expandedFrom);
          cut ||= removal.cut;
          from.push(assignment);
        }
        // Whitespace between the remaining words is kept as it was, as BitBake does.
        value = value
          .split(/(\s+)/)
          .filter((piece) => !words.has(piece))
          .join('');
      }
    }

    const result: Resolution = { value, from, unresolved, expandedFrom, cut };
    if (!cut) cache.set(key, result);
    return result;
  };

  /**
   * Picks the active variant the way BitBake does: walk OVERRIDES from lowest to highest priority, peel matching
   * overrides off the end of each candidate, and keep the last candidate reduced to a single matching override.
   * With plain variants the latest active override wins; a chained variant (`a:b`) beats its shorter forms.
   */
  const selectVariant = (variantKeys: readonly string[]): string | undefined => {
    const candidates = new Map<string, string>();
    for (const variantKey of variantKeys) if (allActive(variantKey.split(':'))) candidates.set(variantKey, variantKey);
    let selected: string | undefined;
    let changed = true;
    while (changed) {
      changed = false;
      for (const override of overrides) {
        for (const reduced of [...candidates.keys()]) {
          const variantKey = candidates.get(reduced);
          if (variantKey === undefined) continue;
          if (reduced.endsWith(`:${override}`)) {
            candidates.delete(reduced);
            candidates.set(reduced.slice(0, -override.length - 1), variantKey);
            changed = true;
          } else if (reduced === override) {
            selected = variantKey;
            candidates.delete(reduced);
          }
        }
      }
    }
    return selected;
  };

  /**
   * Expands `${NAME}` references in one left-to-right scan. The inside of each `${...}` is expanded first, so
   * `${${X}}` works; substituted values are already fully expanded and are not scanned again, so a reference left
   * in place (unassigned, or part of a cycle) is reported once.
   */
  const expand = (text: string, limit: number, stack: readonly string[], owner: string) => {
    const unresolved: string[] = [];
    const expandedFrom: Assignment[] = [];
    let cut = false;
    const scan = (part: string): string => {
      let output = '';
      let index = 0;
      while (index < part.length) {
        const start = part.indexOf('${', index);
        const end = start === -1 ? -1 : closingBrace(part, start + 2);
        if (start === -1 || end === -1) {
          output += part.slice(index);
          break;
        }
        output += part.slice(index, start);
        index = end + 1;
        if (part[start + 2] === '@') {
          // References inside inline Python are expanded, as BitBake does before it would run the code.
          const call = scan(part.slice(start + 3, end));
          unresolved.push(`${owner}: inline Python is never run, so \${@${call}} stays in the value`);
          output += `\${@${call}}`;
          continue;
        }
        const name = scan(part.slice(start + 2, end));
        output += substitute(name);
      }
      return output;
    };
    const substitute = (name: string): string => {
      const literal = `\${${name}}`;
      if (!VARIABLE_NAME.test(name)) return literal;
      if (stack.includes(`${name}@${limit}`)) {
        unresolved.push(`${literal} refers back to itself (through ${owner}), which BitBake rejects`);
        cut = true;
        return literal;
      }
      const referenced = resolve(name, limit, stack);
      cut ||= referenced.cut;
      unresolved.push(...referenced.unresolved);
      expandedFrom.push(...referenced.from, ...referenced.expandedFrom);
      if (referenced.value !== undefined) return referenced.value;
      unresolved.push(`${owner}: ${literal} is never assigned in the given files, so it stays unexpanded`);
      return literal;
    };
    return { text: scan(text), unresolved, expandedFrom, cut };
  };

  return { resolve };
}

/** Index of the `}` that closes a brace opened just before `from`, or -1. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let index = from; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return index;
  }
  return -1;
}

/** The expression inside `${@...}` when the whole value (ignoring surrounding spaces) is one inline-Python call, else undefined. */
export function inlinePython(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith('${@')) return undefined;
  const end = closingBrace(trimmed, 3);
  if (end !== trimmed.length - 1) return undefined;
  return trimmed.slice(3, end).trim();
}

/**
 * Every override name that assignments of `variable` are conditional on (e.g. ['jetson-xavier', 'rpi']), in both
 * syntaxes, sorted. In the underscore syntax a suffix counts as an override when it is in `knownOverrides` or looks
 * like one (lower-case letters, digits and dashes), so `BALENA_BOOT_SIZE_ALIGNED` is not mistaken for an override.
 */
export function overridesNamed(
  assignments: readonly Assignment[],
  variable: string,
  knownOverrides: readonly string[] = [],
  underscoreOverrides = true,
): string[] {
  const known = new Set(knownOverrides);
  const isOverride = (token: string) => known.has(token) || OVERRIDE_NAME.test(token);
  const names = new Set<string>();
  for (const assignment of assignments) {
    const shape = shapeOf(assignment.name, variable, isOverride, underscoreOverrides);
    if (!shape) continue;
    for (const name of [...shape.variant, ...shape.conditions]) names.add(name);
  }
  return [...names].sort();
}
