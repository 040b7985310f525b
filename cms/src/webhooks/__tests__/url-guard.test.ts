import { isPrivateAddress, refuseEndpointUrl } from '../url-guard';

describe('webhook endpoint URLs', () => {
  const resolveTo = (addresses: string[]) => () => Promise.resolve(addresses);

  it('knows loopback, private, link-local and reserved addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      expect({ a, private: isPrivateAddress(a) }).toEqual({ a, private: true });
    }
    for (const a of ['8.8.8.8', '151.101.1.1', '2a00:1450:4010:c05::64'])
      expect({ a, private: isPrivateAddress(a) }).toEqual({ a, private: false });
  });

  it('refuses loopback and private targets in production, also behind a DNS name', async () => {
    const prod = (url: string, addresses = ['93.184.216.34']) =>
      refuseEndpointUrl(url, { production: true, resolve: resolveTo(addresses) });
    expect(await prod('https://hooks.partner.example/kilde')).toBeNull();
    expect(await prod('http://hooks.partner.example/kilde')).toMatch(/https/);
    expect(await prod('https://127.0.0.1/x')).toMatch(/loopback, private/);
    expect(await prod('https://[::1]/x')).toMatch(/loopback, private/);
    expect(await prod('https://localhost/x')).toMatch(/local name/);
    expect(await prod('https://rebind.example/x', ['93.184.216.34', '10.0.0.5'])).toMatch(
      /10\.0\.0\.5/,
    );
    expect(await prod('https://user:pw@hooks.partner.example/')).toMatch(/credentials/);
  });

  it('allows loopback outside production (local development and tests)', async () => {
    expect(
      await refuseEndpointUrl('http://127.0.0.1:9999/hooks', { production: false }),
    ).toBeNull();
    expect(await refuseEndpointUrl('ftp://example.org', { production: false })).toMatch(/http/);
    expect(await refuseEndpointUrl('not a url', { production: false })).toMatch(/not a URL/);
  });
});
