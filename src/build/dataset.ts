// The whole resolved registry as one JSON document (stable key order, no timestamps), for non-JavaScript consumers.
import type { Registry } from '../registry/registry.ts';

export function datasetJson(registry: Registry): string {
  const { boards, families, manufacturers, architectures, bootloaders, layouts } = registry;
  return `${JSON.stringify({ boards, families, manufacturers, architectures, bootloaders, layouts }, null, 2)}\n`;
}
