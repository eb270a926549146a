// Whether a board's image is plain or a flasher: from its boot facts, or from what its layer publishes. One rule for every view.

export type ImageKind = 'plain' | 'flasher';

/** The kind a board's boot facts imply: a flasher when the OS reaches internal storage from removable media, not over a cable. */
export function bootImageKind(boot: { defaultMedia?: string | undefined; flashProtocol?: string | undefined } | undefined): ImageKind {
  return !boot?.flashProtocol && boot?.defaultMedia === 'internal' ? 'flasher' : 'plain';
}

/** The kind balena publishes, from the manifest's yocto facts: a flasher when it names one; undefined when they say nothing. */
export function publishedImageKind(
  yocto: { image?: string | undefined; deployFlasherArtifact?: string | undefined } | undefined,
): ImageKind | undefined {
  if (yocto?.deployFlasherArtifact || yocto?.image?.includes('flasher')) return 'flasher';
  return yocto?.image === undefined ? undefined : 'plain';
}
