// Check: every slug a contract points at (family, manufacturer, arch, bootloader stages, layout) names an existing contract.
import type { ContractType, FamilyDefaults } from '../schema/index.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import type { ContractFile } from '../registry/read-tree.ts';
import type { CheckContext, RegistryCheck } from './check.ts';
import { diagnosticAt } from './check.ts';

const NAMES: Record<ContractType, string> = {
  'hw.device-type': 'board',
  'hw.device-family': 'family',
  'hw.device-manufacturer': 'manufacturer',
  'arch.sw': 'architecture',
  'sw.bootloader': 'bootloader stage',
  'sw.partition-layout': 'partition layout',
};

function checkReference(
  context: CheckContext,
  file: ContractFile,
  path: PropertyKey[],
  type: ContractType,
  slug: string | undefined,
): Diagnostic[] {
  // A contract that exists but failed its own validation is reported there, not here.
  if (slug === undefined || context.index[type].has(slug) || context.folders[type].has(slug)) return [];
  const known = [...context.index[type].keys()];
  return [
    diagnosticAt(referencesResolve.name, file, path, {
      expected: `the slug of an existing ${NAMES[type]} (a folder in ${type}/)`,
      found: `${JSON.stringify(slug)}, which does not exist`,
      hint: didYouMean(slug, known) ?? `add ${type}/${slug}/contract.json or use an existing one`,
    }),
  ];
}

/** References inside the fields a board or a family's defaults may set. */
function inheritableReferences(context: CheckContext, file: ContractFile, fields: FamilyDefaults, prefix: PropertyKey[]): Diagnostic[] {
  return [
    ...checkReference(context, file, [...prefix, 'arch'], 'arch.sw', fields.arch),
    ...(fields.bootloader ?? []).flatMap((stage, i) => checkReference(context, file, [...prefix, 'bootloader', i], 'sw.bootloader', stage)),
    ...checkReference(context, file, [...prefix, 'partitions', 'layout'], 'sw.partition-layout', fields.partitions?.layout),
    ...checkReference(context, file, [...prefix, 'partitions', 'flasherLayout'], 'sw.partition-layout', fields.partitions?.flasherLayout),
  ];
}

export const referencesResolve: RegistryCheck = {
  name: 'references-resolve',
  description: 'Every family, manufacturer, architecture, bootloader stage and partition layout named by a contract exists.',
  check(context) {
    const families = [...context.index['hw.device-family'].values()].flatMap(({ file, contract }) => [
      ...checkReference(context, file, ['manufacturer'], 'hw.device-manufacturer', contract.manufacturer),
      ...inheritableReferences(context, file, contract.defaults ?? {}, ['defaults']),
    ]);
    const boards = context.boards.flatMap(({ file, contract }) => [
      ...checkReference(context, file, ['family'], 'hw.device-family', contract.family),
      ...checkReference(context, file, ['manufacturer'], 'hw.device-manufacturer', contract.manufacturer),
      ...inheritableReferences(context, file, contract, []),
    ]);
    return [...families, ...boards];
  },
};
