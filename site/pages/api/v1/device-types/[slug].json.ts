// Static API: one resolved board per file, also under each of its aliases so old slugs keep working.
import type { APIRoute } from 'astro';
import { registry } from '../../../../lib/registry.ts';

export function getStaticPaths() {
  const names = registry.boards.flatMap((board) => [board.slug, ...board.aliases].map((slug) => ({ slug, board })));
  const unique = new Map(names.map((n) => [n.slug, n.board]));
  return [...unique].map(([slug, board]) => ({ params: { slug }, props: { board } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response(`${JSON.stringify(props.board, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
