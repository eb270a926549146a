// Device manifests of the balenaOS layer snapshot that are deliberately not boards, by manifest key, each with its reason.

/**
 * One policy for every secure-boot manifest: an `-sb` manifest that builds the Yocto machine of a board Boardhub lists
 * runs on the same hardware, with an image made for balena's signed secure-boot provisioning, so it is not a board of
 * its own. (An `-sb` slug with a machine of its own, such as studio-automatedx86-sb, is a board.)
 */
const secureBootVariantOf = (board: string): string =>
  `secure-boot variant of ${board}: it builds the same Yocto machine for the same hardware, as an image for balena's secure-boot provisioning, which Boardhub does not list as a device type of its own`;

export const EXCLUDED_MANIFESTS: Readonly<Record<string, string>> = {
  chip: 'C.H.I.P. (2017 layer): its image is a UBI volume set for the raw NAND of the board, and Boardhub can only describe MBR or GPT disk layouts',
  'generic-armv7':
    'a 2018 placeholder device type, a sibling of the later generic-armv7ahf board: it named no Yocto machine and deployed an empty artifact, so there was never an OS image to install',
  'iot-gate-imx8-sb': secureBootVariantOf('iot-gate-imx8'),
  'iot-gate-imx8plus-sb': secureBootVariantOf('iot-gate-imx8plus'),
  'raspberrypicm4-ioboard-sb': secureBootVariantOf('raspberrypicm4-ioboard'),
  ts7700:
    'Technologic TS-7700 (2017 layer, state experimental, never released): an ARMv5 PXA166 image with the kernel written raw into the first partition behind a vendor MBR bootstrap; Boardhub has no armv5 architecture and no layout for it, and the layer went on with the TS-4900 board only',
};
