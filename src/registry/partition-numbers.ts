// Partition numbers as a partition table counts them (what `/dev/sdX<N>` and balena's manifests use), from a layout's order.

/** Where config.json sits in the file a person downloads: the flasher's own table when the download is a flasher. */
export function downloadConfig(partitions: {
  scheme: 'msdos' | 'gpt';
  partitions: readonly { label: string; placement?: 'primary' | 'logical' | undefined }[];
  config: { partition: string; path: string };
  flasher?:
    | {
        scheme: 'msdos' | 'gpt';
        partitions: readonly { label: string; placement?: 'primary' | 'logical' | undefined }[];
        config: { partition: string; path: string };
      }
    | undefined;
}): { number: number; label: string; path: string; logical: boolean } | undefined {
  const table = partitions.flasher ?? partitions;
  const number = partitionNumbers(table).get(table.config.partition);
  if (number === undefined) return undefined;
  const logical = table.scheme === 'msdos' && table.partitions.find((p) => p.label === table.config.partition)?.placement === 'logical';
  return { number, label: table.config.partition, path: table.config.path, logical };
}

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
