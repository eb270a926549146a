// Applies a family's defaults to a board: objects merge key by key (recursively), lists and plain values are replaced.
import type { DeviceFamily, DeviceType } from '../schema/index.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeDefaults<T>(defaults: unknown, own: T): T {
  if (!isPlainObject(defaults) || !isPlainObject(own)) return own === undefined ? (defaults as T) : own;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(own)) {
    if (value !== undefined) merged[key] = mergeDefaults(defaults[key], value);
  }
  return merged as T;
}

/**
 * Merged boards by board object, valid while the family object is the same. Contracts are never mutated after parsing,
 * so identity is enough; the registry checks and the resolver then share one merge per board, and re-validation after
 * an edit merges only the boards whose contract or family changed.
 */
const mergedBoards = new WeakMap<DeviceType, { family: DeviceFamily | undefined; merged: DeviceType }>();

/** The board as written, with its family's defaults filled in underneath. */
export function inheritFromFamily(board: DeviceType, family: DeviceFamily | undefined): DeviceType {
  const hit = mergedBoards.get(board);
  if (hit && hit.family === family) return hit.merged;
  const merged = mergeDefaults(family?.defaults ?? {}, board);
  mergedBoards.set(board, { family, merged });
  return merged;
}
