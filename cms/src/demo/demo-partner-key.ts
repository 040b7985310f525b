import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { createPartnerKey, findPartnerKey, partnerScopes } from '@kilde/store';
import { readFileSync } from 'node:fs';

/**
 * Development only: a partner key with every scope for the demo partner, written to
 * `.data/demo-partner-key` (mode 600). Returns the key when a new one was made.
 */
export async function ensureDemoPartnerKey(knex: Knex, dataDir: string): Promise<string | undefined> {
  const file = join(dataDir, 'demo-partner-key');
  if (existsSync(file) && (await findPartnerKey(knex, readFileSync(file, 'utf8').trim()))) return undefined;
  const { key } = await createPartnerKey(knex, { partner: 'Demo partner', scopes: partnerScopes });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
