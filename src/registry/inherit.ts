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

/** The board as written, with its family's defaults filled in underneath. */
export function inheritFromFamily(board: DeviceType, family: DeviceFamily | undefined): DeviceType {
  return mergeDefaults(family?.defaults ?? {}, board);
}
