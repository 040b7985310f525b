import { ValidationError } from '@kilde/schemas';
import { DatabaseError } from '../../errors/database-error';
import { toStoreError, withDatabaseErrors } from '../database-errors';

function withCode(name: string, message: string, code: string, extra: object = {}): Error {
  return Object.assign(Object.create(Error.prototype) as Error, { name, message, code, ...extra });
}

describe('toStoreError', () => {
  it('wraps connection failures as DATABASE_UNAVAILABLE (503)', () => {
    const wrapped = toStoreError(
      withCode('Error', 'connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      'Reading',
    );
    expect(wrapped).toBeInstanceOf(DatabaseError);
    expect(wrapped).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
    expect(
      toStoreError(withCode('SqliteError', 'database is locked', 'SQLITE_BUSY'), 'x'),
    ).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  });

  it('wraps query errors as DATABASE_QUERY_FAILED (500) and keeps the cause', () => {
    const pgError = withCode('error', 'relation "kilde_documents" does not exist', '42P01', {
      severity: 'ERROR',
    });
    const wrapped = toStoreError(pgError, 'Reading a document');
    expect(wrapped).toMatchObject({ code: 'DATABASE_QUERY_FAILED', status: 500, cause: pgError });
    expect((wrapped as Error).message).toMatch(/^Reading a document failed: relation/);
  });

  it('passes Kilde errors and errors from caller code through untouched', () => {
    const validation = new ValidationError('bad', []);
    const fault = new Error('injected fault');
    expect(toStoreError(validation, 'x')).toBe(validation);
    expect(toStoreError(fault, 'x')).toBe(fault);
  });

  it('withDatabaseErrors rethrows wrapped', async () => {
    await expect(
      withDatabaseErrors('Counting', () =>
        Promise.reject(withCode('KnexTimeoutError', 'Knex: Timeout acquiring a connection', '')),
      ),
    ).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  });
});
