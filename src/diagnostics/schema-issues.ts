// Turns zod issues into diagnostics that say what was expected, what was found and how to fix it.
import type { z } from 'zod';
import { SAFE_TEXT, SLUG_PATTERN, unsafeCharacter } from '../schema/vocabulary.ts';
import { describeValue, toPointer, type Diagnostic } from './diagnostic.ts';
import { closestMatch, didYouMean } from './did-you-mean.ts';
import type { JsonSource } from '../registry/json-source.ts';

type Issue = z.core.$ZodIssue;
type Explained = Pick<Diagnostic, 'expected' | 'found' | 'hint'> & { path: PropertyKey[]; at?: 'key' | 'value' };

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, part) ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return value;
}

function listOf(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  return shown.length === 1 ? shown[0]! : `one of ${shown.join(', ')}`;
}

/** What a regex-checked string should look like, in words, and how to get there. */
function explainPattern(pattern: string, found: unknown): Pick<Explained, 'expected' | 'hint'> {
  if (pattern === SLUG_PATTERN.source || pattern === String(SLUG_PATTERN)) {
    const foreign = typeof found === 'string' ? [...found].find((c) => c.charCodeAt(0) > 127) : undefined;
    if (foreign) {
      const code = `U+${foreign.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      return {
        expected: 'a slug: lowercase ASCII letters and digits, words joined by single hyphens',
        hint: `it contains the non-ASCII character ${JSON.stringify(foreign)} (${code}); type it again in plain ASCII`,
      };
    }
    const suggestion =
      typeof found === 'string'
        ? found
            .normalize('NFKD')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-+|-+$/g, '')
        : '';
    return {
      expected: 'a slug: lowercase ASCII letters and digits, words joined by single hyphens',
      hint: suggestion && suggestion !== found ? `did you mean ${JSON.stringify(suggestion)}?` : undefined,
    };
  }
  if (pattern === SAFE_TEXT.source || pattern === String(SAFE_TEXT)) {
    const character = typeof found === 'string' ? unsafeCharacter(found) : undefined;
    return {
      expected: 'text without control, zero-width or bidirectional-override characters',
      hint: character ? `remove the invisible character ${character}` : undefined,
    };
  }
  if (pattern.includes('{board|os|medium}') || pattern.includes('(?:board|os|medium)')) {
    return { expected: 'plain text: no HTML tags, and no braces except the variables {board}, {os} and {medium}', hint: undefined };
  }
  if (pattern.includes('^https?:')) return { expected: 'an http:// or https:// URL without spaces', hint: undefined };
  if (pattern.includes('\\.svg$'))
    return { expected: 'the name of an .svg file in the board’s own folder, e.g. "logo.svg"', hint: undefined };
  if (pattern.includes('\\.json$')) return { expected: 'an absolute path ending in .json, e.g. "/config.json"', hint: undefined };
  return { expected: `a string matching ${pattern}`, hint: undefined };
}

function explainSize(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const bound = small ? 'at least' : 'at most';
  switch (issue.origin) {
    case 'string':
      return limit === 1 && small ? 'a non-empty string' : `a string of ${bound} ${limit} characters`;
    case 'array':
    case 'set':
      return limit === 1 && small ? 'a non-empty list' : `a list of ${bound} ${limit} items`;
    default:
      return `a number ${small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<'} ${limit}`;
  }
}

function explain(
  issue: Issue,
  root: unknown,
  knownKeys: (path: PropertyKey[]) => string[],
  kinds: (path: PropertyKey[]) => string[] = () => [],
): Explained[] {
  const path = [...issue.path];
  const found = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (found === undefined) {
        const key = String(path.at(-1) ?? '');
        return [{ path, expected, found: `no "${key}"`, hint: `add "${key}"` }];
      }
      return [{ path, expected, found: describeValue(found) }];
    }
    case 'invalid_value': {
      const hint = typeof found === 'string' ? didYouMean(found, issue.values.map(String)) : undefined;
      return [{ path, expected: listOf(issue.values), found: describeValue(found), hint }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = knownKeys(path);
        const suggestion = closestMatch(key, known);
        return {
          path: [...path, key],
          at: 'key' as const,
          expected: known.length ? `only known keys (${known.join(', ')})` : 'no keys here',
          found: `unknown key ${JSON.stringify(key)}`,
          hint: suggestion ? `did you mean ${JSON.stringify(suggestion)}?` : 'remove it',
        };
      });
    case 'too_small':
    case 'too_big':
      return [{ path, expected: explainSize(issue), found: describeValue(found) }];
    case 'invalid_format':
      return [
        {
          path,
          ...explainPattern(issue.format === 'regex' && 'pattern' in issue ? String(issue.pattern) : issue.format, found),
          found: describeValue(found),
        },
      ];
    case 'invalid_union': {
      if (issue.errors.length === 0 && 'discriminator' in issue && issue.discriminator) {
        // An unknown discriminator (e.g. a step "kind"): list the known values and suggest the closest.
        const values = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : kinds(path.slice(0, -1));
        return [
          {
            path,
            expected: values.length ? `one of ${values.map((v) => JSON.stringify(v)).join(', ')}` : 'a known kind',
            found: describeValue(found),
            hint: typeof found === 'string' ? didYouMean(found, values) : undefined,
          },
        ];
      }
      const branches = issue.errors.flatMap((branch) =>
        branch
          .filter((sub) => sub.path.length === 0)
          .flatMap((sub) => explain({ ...sub, path } as Issue, root, knownKeys).map((e) => e.expected)),
      );
      const choices = [...new Set(branches)];
      const expected = choices.length > 2 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : choices.join(' or ');
      return [{ path, expected: expected || 'a different value', found: describeValue(found) }];
    }
    default:
      return [{ path, expected: issue.message, found: describeValue(found) }];
  }
}

/** The schema node at `path`, following the value through unions (by discriminator) so the right branch is used. */
function schemaAt(schema: z.ZodType, root: unknown, path: readonly PropertyKey[]): any {
  const unwrap = (node: any) => {
    while (node?.def?.innerType) node = node.def.innerType;
    return node;
  };
  const branch = (node: any, value: unknown) => {
    if (node?.def?.type !== 'union' || !node.def.discriminator) return node;
    const tag = (value as Record<string, unknown> | undefined)?.[node.def.discriminator];
    return node.def.options.find((option: any) => unwrap(option.def.shape[node.def.discriminator])?.def?.values?.includes(tag)) ?? node;
  };
  let current: any = branch(unwrap(schema), root);
  let value: unknown = root;
  for (const part of path) {
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined;
    if (current?.def?.type === 'object') current = current.def.shape[part as string];
    else if (current?.def?.type === 'array') current = current.def.element;
    else if (current?.def?.type === 'record') current = current.def.valueType;
    else return undefined;
    current = branch(unwrap(current), value);
  }
  return current;
}

/** Keys of the object schema at `path`, for did-you-mean on unknown keys. */
function keysAt(schema: z.ZodType, root: unknown, path: PropertyKey[]): string[] {
  const node = schemaAt(schema, root, path);
  return node?.def?.type === 'object' ? Object.keys(node.def.shape) : [];
}

/** The allowed discriminator values of the union at `path` (e.g. every step kind). */
export function discriminatorValuesAt(schema: z.ZodType, root: unknown, path: PropertyKey[]): string[] {
  const node = schemaAt(schema, undefined, path);
  if (node?.def?.type !== 'union' || !node.def.discriminator) return [];
  return node.def.options.flatMap((option: any) => option.def.shape[node.def.discriminator]?.def?.values ?? []);
}

export function schemaDiagnostics(schema: z.ZodType, source: JsonSource, file: string, issues: readonly Issue[]): Diagnostic[] {
  return issues.flatMap((issue) =>
    explain(
      issue,
      source.value,
      (path) => keysAt(schema, source.value, path),
      (path) => discriminatorValuesAt(schema, source.value, path),
    ).map((e) => ({
      file,
      ...source.locate(e.path, e.at),
      pointer: toPointer(e.path),
      rule: `schema/${issue.code}`,
      expected: e.expected,
      found: e.found,
      ...(e.hint ? { hint: e.hint } : {}),
    })),
  );
}
