import { errors } from '@strapi/utils';
import { internalGuard, secretMatches } from '../internal-guard';

describe('secretMatches', () => {
  const secret = 'a-very-long-shared-secret-of-32-chars!';
  it('accepts exactly the secret', () => {
    expect(secretMatches(secret, secret)).toBe(true);
  });
  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a prefix', secret.slice(0, -1)],
    ['longer', `${secret}x`],
    ['other case', secret.toUpperCase()],
    ['an array', [secret]],
  ])('refuses %s', (_, presented) => {
    expect(secretMatches(secret, presented)).toBe(false);
  });
  it('refuses everything when no secret is configured', () => {
    expect(secretMatches('', '')).toBe(false);
  });
});

describe('internalGuard', () => {
  const ctx = (header: string) => ({ get: () => header });
  it('calls the handler only with the right secret', async () => {
    const guard = internalGuard('s'.repeat(32));
    const next = jest.fn(() => Promise.resolve('ok'));
    await expect(guard(ctx('s'.repeat(32)), next)).resolves.toBe('ok');
    await expect(guard(ctx('t'.repeat(32)), next)).rejects.toBeInstanceOf(errors.UnauthorizedError);
    await expect(guard(ctx(''), next)).rejects.toThrow(/x-kilde-internal-secret/);
    expect(next).toHaveBeenCalledTimes(1);
  });
});
