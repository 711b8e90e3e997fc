import { createRequire } from 'node:module';
import type * as Zod from 'zod';

const require = createRequire(import.meta.url);

/**
 * zod, loaded on first use. Validation runs when a rule file or a
 * stowaway.yaml is read from source; a normal run reads the pack compiled
 * at build time and never pays zod's start-up cost (about 70 ms).
 */
export function zod(): typeof Zod {
  return require('zod') as typeof Zod;
}

export type { Zod };
