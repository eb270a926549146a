// Words for the facts a board layer supplies, keyed by their JSON pointer: shared by the board page, the CLI and the import report.

const LABELS: Record<string, string> = {
  '/state': 'Support state',
  '/arch': 'Architecture',
  '/yocto/machine': 'Yocto machine',
  '/yocto/image': 'Image recipe',
  '/yocto/fstype': 'Image type',
  '/yocto/deployArtifact': 'Image file',
  '/yocto/deployFlasherArtifact': 'Flasher image file',
  '/yocto/compressed': 'Image compressed',
  '/partitions/bootFat32': 'Boot partition FAT32',
  '/partitions/config': 'config.json location',
  '/hardware/wifi': 'Wi-Fi',
  '/hardware/bluetooth': 'Bluetooth',
  '/boot/image': 'Image kind',
};

/** A reader's label for a derived fact, e.g. "/partitions/sizes/resin-boot" -> "Size of resin-boot". */
export function factLabel(pointer: string): string {
  const size = /^\/partitions\/sizes\/(.+)$/.exec(pointer);
  if (size) return `Size of ${size[1]}`;
  return LABELS[pointer] ?? pointer;
}

/** Facts in the order a reader scans them: provenance-heavy image facts first, hardware hints last. */
export function compareFactPointers(a: string, b: string): number {
  const rank = (pointer: string) =>
    ['/state', '/arch', '/yocto', '/partitions', '/hardware', '/boot'].findIndex((p) => pointer.startsWith(p));
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** One line saying which OS release and layer revision a board's facts hold for; the page and the CLI both show it. */
export function describeLayerRevision(layer: {
  repo: string;
  commit: string;
  date: string;
  release?: string | undefined;
  removed?: boolean | undefined;
  removedAt?: string | undefined;
}): string {
  const release = layer.release ? `balenaOS ${layer.release}` : 'balenaOS (release unknown)';
  const removed = layer.removed ? `; the layer stopped building this board${layer.removedAt ? ` on ${layer.removedAt}` : ''}` : '';
  return `${release}, ${layer.repo} at ${layer.commit.slice(0, 12)} (${layer.date})${removed}`;
}

/** A pinned GitHub source as a reader scans it: "owner/repo@<12 hex>/path#Ln" instead of the whole URL. */
export function shortSource(url: string): string {
  return url.replace(/^https:\/\/github\.com\//, '').replace(/\/blob\/([0-9a-f]{12})[0-9a-f]{28}\//, '@$1/');
}
