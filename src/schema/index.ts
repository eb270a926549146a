// The contract schemas by contract type, plus the resolved-board schema: the one source of truth for types and JSON Schema.
import type { z } from 'zod';
import type { ContractType } from './common.ts';
import { architectureSchema } from './architecture.ts';
import { bootloaderSchema } from './bootloader.ts';
import { deviceFamilySchema } from './device-family.ts';
import { deviceManufacturerSchema } from './device-manufacturer.ts';
import { deviceTypeSchema } from './device-type.ts';
import { partitionLayoutSchema } from './partition-layout.ts';

export const contractSchemas = {
  'hw.device-type': deviceTypeSchema,
  'hw.device-family': deviceFamilySchema,
  'hw.device-manufacturer': deviceManufacturerSchema,
  'arch.sw': architectureSchema,
  'sw.bootloader': bootloaderSchema,
  'sw.partition-layout': partitionLayoutSchema,
} as const satisfies Record<ContractType, z.ZodType>;

export type ContractOf<T extends ContractType> = z.infer<(typeof contractSchemas)[T]>;

export * from './common.ts';
export * from './architecture.ts';
export * from './bootloader.ts';
export * from './board-fields.ts';
export * from './device-family.ts';
export * from './device-manufacturer.ts';
export * from './device-type.ts';
export * from './layer-source.ts';
export * from './partition-layout.ts';
export * from './resolved-board.ts';
export * from './steps.ts';
