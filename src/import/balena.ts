// Maps balena's public contracts (device types, families, manufacturers, architectures) onto Boardhub contracts, keeping facts Boardhub added.
import type { Architecture, DeviceFamily, DeviceManufacturer, DeviceType } from '../schema/index.ts';
import { BOOT_MEDIA, SLUG_PATTERN, normalizeSlug } from '../schema/index.ts';

export const UPSTREAM_CONTRACT_URL = 'https://github.com/balena-io/contracts/blob/master/contracts';

const FLASH_PROTOCOLS: Record<string, NonNullable<NonNullable<DeviceType['boot']>['flashProtocol']>> = {
  RPIBOOT: 'rpiboot',
  usbMassStorage: 'usb-mass-storage',
  jetsonFlash: 'jetson-flash',
  edisonFlash: 'edison-flash',
};
const MEDIA: Record<string, (typeof BOOT_MEDIA)[number]> = {
  usb_mass_storage: 'usb',
  sdcard: 'sdcard',
  internal: 'internal',
  image: 'image',
  network: 'network',
  sata: 'sata',
  nvme: 'nvme',
};

/** Upstream keys deliberately left behind, with the reason shown in the import report. */
const DROPPED: Record<string, string> = {
  version: 'always "1" upstream; Boardhub versions the package instead',
  'data/is_private': 'always false upstream',
  'assets/logo': 'logo files are not in the upstream snapshot',
  partials: 'provisioning prose: expressed as typed steps in Boardhub’s own words, not imported',
};

export interface Imported<T> {
  contract: T;
  /** Upstream facts that did not map, as "path: reason". */
  unmapped: string[];
}

type Json = Record<string, any>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collectUnmapped(upstream: Json, mapped: Set<string>): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (mapped.has(path)) return;
    const dropped = DROPPED[path];
    if (dropped) return void out.push(`${path}: ${dropped}`);
    if (isObject(node) && Object.keys(node).length > 0)
      for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}/${key}` : key);
    else if (path) out.push(`${path}: no Boardhub field (value ${JSON.stringify(node).slice(0, 60)})`);
  };
  walk(upstream, '');
  return out;
}

/** The object without its undefined entries, so spreading it over another never erases a key. */
function withoutUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The upstream aliases as Boardhub slugs (lowercase), without the board's own slug. */
function importAliases(slug: string, aliases: unknown, unmapped: string[]): string[] {
  const out: string[] = [];
  for (const alias of Array.isArray(aliases) ? aliases : []) {
    const lower = normalizeSlug(String(alias));
    if (lower === slug) unmapped.push(`aliases: "${alias}" equals the board's own slug; dropped`);
    else if (!SLUG_PATTERN.test(lower)) unmapped.push(`aliases: "${alias}" is not a valid slug; dropped`);
    else {
      if (lower !== alias) unmapped.push(`aliases: "${alias}" stored as "${lower}" (lookups normalise the same way)`);
      if (!out.includes(lower)) out.push(lower);
    }
  }
  return out;
}

/** Maps one upstream device type. `existing` is the current Boardhub contract, whose own additions are kept. */
export function importDeviceType(upstream: Json, folder: string, existing?: DeviceType): Imported<DeviceType> {
  const data: Json = isObject(upstream.data) ? upstream.data : {};
  const mapped = new Set([
    'slug',
    'type',
    'name',
    'aliases',
    'data/arch',
    'data/hdmi',
    'data/led',
    'data/connectivity/wifi',
    'data/connectivity/bluetooth',
    'data/storage/internal',
    'data/media/defaultBoot',
    'data/media/altBoot',
    'data/flashProtocol',
    'data/family',
  ]);
  const unmapped = collectUnmapped(upstream, mapped);
  const slug = String(upstream.slug);
  const fact = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
  const media = (value: unknown) => {
    const medium = MEDIA[String(value)];
    if (!medium) unmapped.push(`data/media: unknown medium "${value}"`);
    return medium;
  };
  const flashProtocol = data.flashProtocol === undefined ? undefined : FLASH_PROTOCOLS[String(data.flashProtocol)];
  if (data.flashProtocol !== undefined && !flashProtocol) unmapped.push(`data/flashProtocol: unknown protocol "${data.flashProtocol}"`);
  const upstreamUrl = `${UPSTREAM_CONTRACT_URL}/hw.device-type/${folder}/contract.json`;
  const aliases = [...new Set([...importAliases(slug, upstream.aliases, unmapped), ...(existing?.aliases ?? [])])];
  // balena's contracts are a secondary source: Boardhub's own facts (derived from the board layers, researched by
  // hand, or corrected against a source) win, upstream only fills what Boardhub does not state yet, and every
  // disagreement is reported. Boot facts are one decision, so an existing boot block is kept whole.
  const upstreamHardware = withoutUndefined({
    hdmi: fact(data.hdmi),
    led: fact(data.led),
    wifi: fact(data.connectivity?.wifi),
    bluetooth: fact(data.connectivity?.bluetooth),
    internalStorage: fact(data.storage?.internal),
  });
  for (const [key, value] of Object.entries(upstreamHardware)) {
    const own = existing?.hardware?.[key as keyof typeof upstreamHardware];
    if (own !== undefined && own !== value) unmapped.push(`data/${key}: upstream says ${value}, kept Boardhub's ${own}`);
  }
  const hardware = { ...upstreamHardware, ...existing?.hardware };
  const upstreamAlternateMedia = Array.isArray(data.media?.altBoot) ? data.media.altBoot.map(media).filter(Boolean) : undefined;
  const upstreamBoot = withoutUndefined({
    defaultMedia: data.media?.defaultBoot === undefined ? undefined : media(data.media.defaultBoot),
    alternateMedia: upstreamAlternateMedia,
    flashProtocol,
  });
  const ownBoot = existing?.boot?.defaultMedia !== undefined ? existing.boot : undefined;
  const boot = ownBoot ?? { ...existing?.boot, ...upstreamBoot };
  if (ownBoot) {
    const shown = (b: typeof upstreamBoot) =>
      JSON.stringify({ defaultMedia: b.defaultMedia, alternateMedia: b.alternateMedia ?? [], flashProtocol: b.flashProtocol });
    if (shown(upstreamBoot) !== shown(ownBoot))
      unmapped.push(`data/media: upstream says ${shown(upstreamBoot)}, kept Boardhub's ${shown(ownBoot)}`);
  }
  if (existing?.arch && data.arch !== undefined && existing.arch !== data.arch)
    unmapped.push(`data/arch: upstream says "${data.arch}", kept Boardhub's "${existing.arch}"`);
  const contract: DeviceType = {
    ...existing,
    type: 'hw.device-type',
    slug,
    name: String(upstream.name),
    aliases,
    family: existing?.family ?? (typeof data.family === 'string' ? data.family : ''),
    arch: existing?.arch ?? String(data.arch),
    hardware,
    // A board new to Boardhub gets an explicit empty list when upstream names no alternate media, as before.
    boot: { ...boot, alternateMedia: boot.alternateMedia ?? [] },
    sources: [...new Set([upstreamUrl, ...(existing?.sources ?? [])])],
  };
  if (!contract.family) unmapped.push('family: upstream names none; set "family" by hand');
  if (existing?.family && data.family && existing.family !== data.family)
    unmapped.push(`data/family: upstream says "${data.family}", kept Boardhub's "${existing.family}"`);
  if (contract.aliases?.length === 0) delete contract.aliases;
  return { contract, unmapped };
}

export function importDeviceFamily(upstream: Json, existing?: DeviceFamily): Imported<DeviceFamily> {
  const unmapped = collectUnmapped(upstream, new Set(['slug', 'type', 'name', 'aliases', 'data/manufacturedBy']));
  const url = `${UPSTREAM_CONTRACT_URL}/hw.device-family/${upstream.slug}/contract.json`;
  return {
    contract: {
      ...existing,
      type: 'hw.device-family',
      slug: String(upstream.slug),
      name: existing?.name ?? String(upstream.name),
      manufacturer: String(upstream.data?.manufacturedBy ?? existing?.manufacturer ?? ''),
      sources: [...new Set([url, ...(existing?.sources ?? [])])],
    },
    unmapped,
  };
}

export function importDeviceManufacturer(upstream: Json, existing?: DeviceManufacturer): Imported<DeviceManufacturer> {
  const unmapped = collectUnmapped(upstream, new Set(['slug', 'type', 'name', 'aliases', 'data']));
  const url = `${UPSTREAM_CONTRACT_URL}/hw.device-manufacturer/${upstream.slug}/contract.json`;
  return {
    contract: {
      ...existing,
      type: 'hw.device-manufacturer',
      slug: String(upstream.slug),
      name: existing?.name ?? String(upstream.name),
      sources: [...new Set([url, ...(existing?.sources ?? [])])],
    },
    unmapped,
  };
}

/** Architectures: upstream gives only a name; Boardhub's name, isa and bits are kept from the existing contract. */
export function importArchitecture(upstream: Json, existing?: Architecture): Imported<Partial<Architecture>> {
  const unmapped = collectUnmapped(upstream, new Set(['slug', 'type', 'name', 'data/arch', 'requires']));
  if (!existing) unmapped.push('isa, bits: not upstream; fill them in');
  const url = `${UPSTREAM_CONTRACT_URL}/arch.sw/${upstream.slug}/contract.json`;
  return {
    contract: {
      ...existing,
      type: 'arch.sw',
      slug: String(upstream.slug),
      name: existing?.name ?? String(upstream.name),
      sources: [...new Set([url, ...(existing?.sources ?? [])])],
    },
    unmapped,
  };
}
