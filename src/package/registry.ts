// The `@boardhub/contracts/registry` subpath: validate and load any folder laid out like contracts/, alone or over the bundled one.
import { fileURLToPath } from 'node:url';
import { loadRegistry, validateRegistry, type ValidationResult } from '../registry/validate.ts';
import type { Registry } from '../registry/registry.ts';

export { loadRegistry, validateRegistry, RegistryValidationError, type ValidationResult } from '../registry/validate.ts';
export { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
export { registryChecks, type RegistryCheck } from '../checks/index.ts';
export type { Registry } from '../registry/registry.ts';

/** The contracts folder shipped inside the package (two levels up from lib/package/). */
export const bundledContracts = fileURLToPath(new URL('../../contracts', import.meta.url));

/** Validates private contracts together with the bundled public ones: references may cross, slugs may not clash. */
export function validateOverlay(privateDir: string, publicDir: string = bundledContracts): ValidationResult {
  return validateRegistry([publicDir, privateDir]);
}

/** Loads the public and private boards as one registry, or throws RegistryValidationError listing every problem. */
export function loadOverlay(privateDir: string, publicDir: string = bundledContracts): Registry {
  return loadRegistry([publicDir, privateDir]);
}
