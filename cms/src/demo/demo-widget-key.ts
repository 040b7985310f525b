import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { createWidgetKey, lookupWidgetKey } from '@kilde/store';

/** Where the widget's demo page is served in development (the API's own port). */
export const DEMO_WIDGET_ORIGINS = ['http://localhost:4000', 'http://127.0.0.1:4000'];

/**
 * Development only: a search-widget key for the demo page, written to `.data/demo-widget-key`.
 * Returns the key when a new one was made (a live one that allows the demo origins is kept).
 */
export async function ensureDemoWidgetKey(knex: Knex, dataDir: string): Promise<string | undefined> {
  const file = join(dataDir, 'demo-widget-key');
  if (existsSync(file)) {
    const found = await lookupWidgetKey(knex, readFileSync(file, 'utf8').trim());
    if (found?.status === 'active' && DEMO_WIDGET_ORIGINS.every((o) => found.record.allowedOrigins.includes(o))) return undefined;
  }
  const { key } = await createWidgetKey(knex, { partner: 'Demo widget', allowedOrigins: DEMO_WIDGET_ORIGINS });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o644 });
  return key;
}
