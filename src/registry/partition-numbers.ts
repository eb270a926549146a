// Partition numbers as a partition table counts them (what `/dev/sdX<N>` and balena's manifests use), from a layout's order.

/** MBR logical partitions are numbered from 5, after the extended partition that holds them; GPT counts in order. */
export function partitionNumbers(layout: {
  scheme: 'msdos' | 'gpt';
  partitions: readonly { label: string; placement?: 'primary' | 'logical' | undefined }[];
}): Map<string, number> {
  const numbers = new Map<string, number>();
  let primary = 0;
  let logical = 4;
  for (const partition of layout.partitions) {
    if (layout.scheme === 'msdos' && partition.placement === 'logical') numbers.set(partition.label, ++logical);
    else numbers.set(partition.label, ++primary);
  }
  return numbers;
}
