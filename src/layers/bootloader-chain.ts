// Bootloader stages a layer states for its image: the GRUB variants it installs, or an i.MX boot container, as Boardhub chain slugs.

/** What the layer's image metadata says about boot code, with the assignment each came from. */
export interface BootloaderHints {
  /** BALENA_IMAGE_BOOTLOADER (RESIN_ before the rename): the recipes that deploy boot code into the image. */
  imageBootloader?: { value: string; from: { file: string; line: number } };
  /** An i.MX boot container (imx-boot) the image writes, from the boot partition file list. */
  imxBoot?: { from: { file: string; line: number } };
}

export interface DerivedChain {
  chain: string[];
  from: { file: string; line: number };
}

/**
 * The chain the layer implies, given the chain Boardhub has: GRUB alone is the whole chain on x86 (the firmware
 * starts it); an imx-boot container holds U-Boot SPL and TF-A ahead of U-Boot (NXP's imx-mkimage packs them so).
 * Undefined when the layer says nothing Boardhub can map; then the hand-researched chain stays.
 */
export function chainFromLayer(hints: BootloaderHints, current: readonly string[]): DerivedChain | undefined {
  const words = new Set((hints.imageBootloader?.value ?? '').split(/\s+/).filter(Boolean));
  if (hints.imageBootloader && (words.has('grub-efi') || words.has('grub'))) {
    const stage = words.has('grub-efi') && words.has('grub') ? 'grub-bios-efi' : words.has('grub-efi') ? 'grub-efi' : 'grub-bios';
    return { chain: [stage], from: hints.imageBootloader.from };
  }
  if (hints.imxBoot && current.includes('u-boot')) {
    const rest = current.filter((stage) => stage !== 'u-boot-spl' && stage !== 'trusted-firmware-a');
    return { chain: ['u-boot-spl', 'trusted-firmware-a', ...rest], from: hints.imxBoot.from };
  }
  return undefined;
}
