// The Atom feed of registry changes.
import type { APIRoute } from 'astro';
import { atomFeed } from '../../../src/history/changes.ts';
import { changes } from '../../lib/changes.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(atomFeed(changes, (site?.href ?? 'https://boardhub.example/').replace(/\/$/, '')), {
    headers: { 'Content-Type': 'application/atom+xml' },
  });
