import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApiConfig } from '../../src/config/load-config';

// The built entry point, as `npm start` runs it.
const main = join(__dirname, '..', '..', 'dist', 'main.js');

describe('API configuration', () => {
  it.each([
    ['API_PORT', 'forty'],
    ['DATABASE_URL', 'mysql://nope'],
    ['LOG_LEVEL', 'loud'],
    ['MEILI_URL', 'meilisearch:7700'],
    ['MEILI_INDEX', 'kilde index'],
  ])('refuses to start when %s is invalid, naming the variable', (name, value) => {
    const run = spawnSync(process.execPath, [main], { env: { ...process.env, [name]: value }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain(name);
    expect(run.stdout).toBe('');
  });

  it('refuses to start in production without KILDE_INTERNAL_SECRET, naming it', () => {
    const env = { ...process.env, NODE_ENV: 'production', KILDE_INTERNAL_SECRET: '' };
    const run = spawnSync(process.execPath, [main], { env, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('KILDE_INTERNAL_SECRET');
  });

  it('resolves the internal channel: development secret shared through the data folder, KILDE_CMS_URL default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kilde-api-config-'));
    try {
      const a = loadApiConfig({ NODE_ENV: 'development', KILDE_DATA_DIR: dir });
      const b = loadApiConfig({ NODE_ENV: 'development', KILDE_DATA_DIR: dir, KILDE_CMS_URL: 'http://cms.internal:1337/' });
      expect(a.cms).toEqual({ url: 'http://127.0.0.1:1337', secret: b.cms.secret });
      expect(b.cms.url).toBe('http://cms.internal:1337');
      expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toMatchObject({ KILDE_INTERNAL_SECRET: a.cms.secret });
      expect(() => loadApiConfig({ KILDE_DATA_DIR: dir, KILDE_CMS_URL: 'cms:1337' })).toThrow(/KILDE_CMS_URL/);
      // Meilisearch: off unless MEILI_URL is set; the index uid defaults to `kilde`.
      expect(a).toMatchObject({ meiliUrl: undefined, meiliIndex: 'kilde' });
      const meili = loadApiConfig({ KILDE_DATA_DIR: dir, MEILI_URL: 'http://meilisearch:7700', MEILI_API_KEY: 'k', MEILI_INDEX: 'kilde_prod' });
      expect(meili).toMatchObject({ meiliUrl: 'http://meilisearch:7700', meiliApiKey: 'k', meiliIndex: 'kilde_prod' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
