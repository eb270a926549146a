// Derives a board's one install method from its boot data, following the balenaOS tooling's established rules.
import type { BootMedium, InstallMethodName } from '../schema/vocabulary.ts';

export { INSTALL_METHODS, type InstallMethodName } from '../schema/vocabulary.ts';

export interface InstallMethod {
  method: InstallMethodName;
  /** The vendor tool, for "vendor-tool". */
  tool?: 'jetson-flash' | 'edison-flash';
  /** The medium the host writes to, when there is one: the removable boot medium, the flasher medium, internal storage or a virtual disk. */
  medium?: BootMedium;
}

const REMOVABLE: readonly BootMedium[] = ['sdcard', 'usb'];

export function installMethodOf(boot: {
  defaultMedia: BootMedium;
  alternateMedia: readonly BootMedium[];
  flashProtocol?: string | undefined;
}): InstallMethod {
  // A flash protocol wins over the boot media.
  switch (boot.flashProtocol) {
    case 'rpiboot':
      return { method: 'usb-boot', medium: 'internal' };
    case 'usb-mass-storage':
      return { method: 'usb-mass-storage', medium: 'internal' };
    case 'jetson-flash':
    case 'edison-flash':
      return { method: 'vendor-tool', tool: boot.flashProtocol };
  }
  if (boot.defaultMedia === 'image') return { method: 'virtual-image', medium: 'image' };
  if (boot.defaultMedia === 'internal') {
    const medium = boot.alternateMedia.find((m) => REMOVABLE.includes(m));
    return medium ? { method: 'external-flash', medium } : { method: 'external-flash' };
  }
  return { method: 'external-boot', medium: boot.defaultMedia };
}
