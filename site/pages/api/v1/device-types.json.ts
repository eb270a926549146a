// Static API: every resolved board as one JSON array.
import { registry } from '../../../lib/registry.ts';

export function GET() {
  return new Response(`${JSON.stringify(registry.boards, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
}
