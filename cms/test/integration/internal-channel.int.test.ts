import { CmsClient, CmsClientError } from '../../../api/src/internal/cms-client';
import { loadCmsConfig } from '../../src/settings/load-config';
import { startCms, type TestCms } from '../helpers/start-cms';

const SECRET = 'test-internal-secret-0123456789-abcdef';

describe('internal API → CMS channel', () => {
  let cms: TestCms;
  beforeAll(async () => {
    cms = await startCms({ listen: true, env: { KILDE_INTERNAL_SECRET: SECRET } });
  });
  afterAll(async () => {
    await cms?.stop();
  });

  it('answers a request carrying the shared secret', async () => {
    const client = new CmsClient({ baseUrl: cms.url as string, secret: SECRET });
    await expect(client.request('GET', '/kilde-internal/ping')).resolves.toEqual({ data: { ok: true } });
  });

  it('refuses a wrong or missing secret with 401 and the same message', async () => {
    const wrong = new CmsClient({ baseUrl: cms.url as string, secret: `${SECRET}x` });
    const err = await wrong.request('GET', '/kilde-internal/ping').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CmsClientError);
    expect(err).toMatchObject({ status: 401, code: 'UnauthorizedError' });
    const bare = await fetch(`${cms.url as string}/kilde-internal/ping`);
    expect(bare.status).toBe(401);
    const body = (await bare.json()) as { error: { message: string } };
    expect(body.error.message).toBe((err as CmsClientError).message);
  });

  it('is not reachable with an admin or Content API token instead of the secret', async () => {
    const res = await fetch(`${cms.url as string}/kilde-internal/ping`, { headers: { authorization: 'Bearer not-the-secret' } });
    expect(res.status).toBe(401);
  });
});

describe('internal secret configuration', () => {
  const production = {
    NODE_ENV: 'production',
    APP_KEYS: 'aaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbb',
    ADMIN_JWT_SECRET: 'c'.repeat(16),
    API_TOKEN_SALT: 'd'.repeat(16),
    TRANSFER_TOKEN_SALT: 'e'.repeat(16),
    JWT_SECRET: 'f'.repeat(16),
    ENCRYPTION_KEY: 'g'.repeat(16),
  };

  it('stops the CMS in production without KILDE_INTERNAL_SECRET, naming it', () => {
    expect(() => loadCmsConfig(production)).toThrow(/KILDE_INTERNAL_SECRET/);
    expect(loadCmsConfig({ ...production, KILDE_INTERNAL_SECRET: SECRET }).secrets.internalSecret).toBe(SECRET);
  });

  it('refuses a short secret', () => {
    expect(() => loadCmsConfig({ ...production, KILDE_INTERNAL_SECRET: 'short' })).toThrow(/KILDE_INTERNAL_SECRET/);
  });
});
