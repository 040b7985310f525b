// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('../../scripts/build.js') as {
  bundle(): Promise<{ code: Buffer; bytes: number; gzipBytes: number }>;
  BUDGET_GZIP_BYTES: number;
};

describe('the widget bundle', () => {
  it('stays within 15 KB gzipped', async () => {
    const { gzipBytes } = await build.bundle();
    expect(build.BUDGET_GZIP_BYTES).toBe(15 * 1024);
    expect(gzipBytes).toBeLessThanOrEqual(build.BUDGET_GZIP_BYTES);
  });

  it('is one ES module that talks to nothing but its own origin and stores nothing', async () => {
    const code = (await build.bundle()).code.toString('utf8');
    expect(code).not.toMatch(/\bimport\s*\(|\bimport\s+[\w{*]/); // no further imports
    expect(code).not.toMatch(/localStorage|sessionStorage|document\.cookie|indexedDB|sendBeacon/);
    // The only absolute URLs are XML namespaces a minifier might keep; no hosts to call.
    expect(code.match(/https?:\/\/[^\s"'`]+/g) ?? []).toEqual([]);
    expect(code).toMatch(/customElements\.define\("kilde-search"/);
  });
});
