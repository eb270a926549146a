// Seeded random mutations of a JSON contract: drop a key, change a type, misspell an enum, add a key, break a slug.
type Json = any;

/** A small deterministic PRNG (mulberry32), so failures can be replayed from the seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const children = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...children.flatMap((key) => paths(value[key], [...prefix, key]))];
}

function get(value: Json, path: (string | number)[]): Json {
  return path.reduce((node, key) => node?.[key], value);
}

const REPLACEMENTS: Json[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  '',
  'x',
  'SD',
  'sdcard ',
  true,
  [],
  {},
  ['x'],
  { a: 1 },
  'javascript:alert(1)',
  '<script>',
  'a'.repeat(3000),
  'ü-board',
];

export interface Mutation {
  description: string;
  value: Json;
}

export function mutations(base: Json, count: number, seed: number): Mutation[] {
  const next = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  const out: Mutation[] = [];
  for (let i = 0; i < count; i++) {
    const value = structuredClone(base);
    const path = pick(paths(value).filter((p) => p.length > 0));
    const parent = get(value, path.slice(0, -1));
    const key = path.at(-1)!;
    const kind = pick(['drop', 'replace', 'misspell', 'add-key', 'duplicate-item']);
    let description = `${kind} /${path.join('/')}`;
    if (kind === 'drop') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (kind === 'replace') {
      const replacement = pick(REPLACEMENTS);
      parent[key] = replacement;
      description += ` = ${JSON.stringify(replacement).slice(0, 20)}`;
    } else if (kind === 'misspell') {
      const current = parent[key];
      parent[key] = typeof current === 'string' && current.length > 1 ? current.slice(0, -1) : `${String(current)}x`;
    } else if (kind === 'add-key') {
      const target = get(value, path);
      if (target && typeof target === 'object' && !Array.isArray(target)) target[`${String(key)}x`] = 1;
      else parent[`extra${i}`] = 'x';
    } else {
      if (Array.isArray(parent)) parent.push(parent[Number(key)]);
      else parent[key] = [parent[key], parent[key]];
    }
    out.push({ description, value });
  }
  return out;
}
