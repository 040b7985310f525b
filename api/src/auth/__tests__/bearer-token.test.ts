import { readBearerToken } from '../bearer-token';

describe('readBearerToken', () => {
  const key = `kilde_${'a'.repeat(8)}_${'B'.repeat(32)}`;

  it('reads a Kilde key from a bearer header, scheme case-insensitive', () => {
    expect(readBearerToken(`Bearer ${key}`)).toBe(key);
    expect(readBearerToken(`bearer  ${key} `)).toBe(key);
  });

  it('tells "no credential" (undefined) from "not a Kilde key" (null)', () => {
    expect(readBearerToken(undefined)).toBeUndefined();
    expect(readBearerToken('')).toBeUndefined();
    expect(readBearerToken(`Basic ${key}`)).toBeUndefined();
    expect(readBearerToken('Bearer nope')).toBeNull();
    expect(readBearerToken(`Bearer ${key}x`)).toBeNull();
  });
});
