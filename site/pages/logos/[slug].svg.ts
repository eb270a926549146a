// Board logos: the SVG beside each contract, served as a file (the validator has proved it static and self-contained).
import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS, registry } from '../../lib/registry.ts';

export function getStaticPaths() {
  return registry.boards
    .filter((b) => b.logo)
    .map((board) => ({ params: { slug: board.slug }, props: { path: join(CONTRACTS, board.logo!) } }));
}

export const GET: APIRoute = ({ props }) => new Response(readFileSync(props.path), { headers: { 'Content-Type': 'image/svg+xml' } });
