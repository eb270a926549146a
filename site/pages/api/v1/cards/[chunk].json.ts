// Card data for the home page's filters, in chunks, so a registry of any size filters in the browser without one huge file.
import type { APIRoute } from 'astro';
import { registry } from '../../../../lib/registry.ts';
import { boardCard, CARD_CHUNK } from '../../../../../src/query/cards.ts';

export function getStaticPaths() {
  const chunks = Math.max(1, Math.ceil(registry.boards.length / CARD_CHUNK));
  return Array.from({ length: chunks }, (_, i) => ({
    params: { chunk: String(i) },
    props: { cards: registry.boards.slice(i * CARD_CHUNK, (i + 1) * CARD_CHUNK).map(boardCard) },
  }));
}

export const GET: APIRoute = ({ props }) => new Response(JSON.stringify(props.cards), { headers: { 'Content-Type': 'application/json' } });
