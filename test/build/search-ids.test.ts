// The id -> slug map that lets home-page search skip fragment fetches: read from Pagefind fragments, refused when their format changes.
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { searchSlugsOf } from '../../src/build/search-ids.ts';

const fragment = (id: string, body: object, signature = 'pagefind_dcd') => ({
  path: `fragment/${id}.pf_fragment`,
  content: gzipSync(`${signature}${JSON.stringify(body)}`),
});

describe('searchSlugsOf', () => {
  test('maps each board fragment to its slug, sorted by id, and leaves out pages without a slug and other index files', () => {
    const slugs = searchSlugsOf([
      fragment('en_b2', { url: '/boards/rpi/', meta: { slug: 'rpi', title: 'Raspberry Pi' } }),
      fragment('en_a1', { url: '/boards/jetson/', meta: { slug: 'jetson' } }),
      fragment('en_c3', { url: '/families/nvidia/', meta: { title: 'NVIDIA' } }),
      { path: 'index/en_1.pf_index', content: gzipSync('pagefind_dcd{}') },
      { path: 'pagefind-entry.json', content: Buffer.from('{}') },
    ]);
    expect(slugs).toEqual({ en_a1: 'jetson', en_b2: 'rpi' });
    expect(Object.keys(slugs)).toEqual(['en_a1', 'en_b2']);
  });

  test('a fragment in another format stops the build with its path named', () => {
    expect(() => searchSlugsOf([fragment('en_x', { meta: { slug: 'x' } }, 'other_format')])).toThrow(
      /fragment\/en_x\.pf_fragment.*Pagefind format changed/,
    );
  });
});
