import { DatabaseUrlError } from '../../errors/database-url-error';
import { parseDatabaseUrl } from '../parse-database-url';

describe('parseDatabaseUrl', () => {
  it('recognises PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({
      client: 'pg',
      connectionString: 'postgres://u@h:5432/db',
    });
    expect(parseDatabaseUrl('postgresql://h/db')).toMatchObject({ client: 'pg' });
  });

  it('resolves sqlite URLs and bare paths to absolute files', () => {
    expect(parseDatabaseUrl('sqlite:///var/kilde/k.db')).toEqual({
      client: 'better-sqlite3',
      filename: '/var/kilde/k.db',
    });
    expect(parseDatabaseUrl('sqlite:data/k.db', '/srv')).toMatchObject({
      filename: '/srv/data/k.db',
    });
    expect(parseDatabaseUrl('./k.db', '/srv')).toMatchObject({ filename: '/srv/k.db' });
    expect(parseDatabaseUrl(':memory:')).toMatchObject({ filename: ':memory:' });
  });

  it('defaults to .data/kilde.db under the working directory', () => {
    expect(parseDatabaseUrl(undefined, '/srv')).toMatchObject({ filename: '/srv/.data/kilde.db' });
    expect(parseDatabaseUrl('  ', '/srv')).toMatchObject({ filename: '/srv/.data/kilde.db' });
  });

  it('rejects schemes it cannot serve', () => {
    expect(() => parseDatabaseUrl('mysql://h/db')).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl('sqlite://')).toThrow(DatabaseUrlError);
  });
});
