// Static API: a small index of slugs, aliases and names (the 404 page suggests boards from it).
import { registry } from '../../../lib/registry.ts';

export function GET() {
  const index = registry.boards.map((b) => ({ slug: b.slug, name: b.name, aliases: b.aliases }));
  return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json' } });
}
