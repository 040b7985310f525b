import type { Knex } from 'knex';
import {
  LeaseHeldError,
  acquireLease,
  createDatabase,
  leaseHolder,
  releaseLease,
  renewLease,
  runMigrations,
  withLease,
} from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';

const dialect = process.env.KILDE_TEST_PG_URL ? 'postgresql' : 'sqlite';

describe(`named leases (${dialect})`, () => {
  let db: TestDatabase;
  const pools: Knex[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // Separate pools stand for separate nodes racing for the same lease.
    for (let i = 0; i < 4; i += 1) pools.push(await createDatabase({ url: db.url }));
    await runMigrations(pools[0] as Knex);
  });

  afterAll(async () => {
    try {
      await Promise.all(pools.map((k) => k.destroy()));
    } finally {
      await db?.drop();
    }
  });

  it('goes to exactly one of several nodes racing for it, and to another only once released', async () => {
    const attempts = await Promise.all(
      pools.map((knex, i) => acquireLease(knex, 'race', { owner: `node-${i}`, ttlMs: 10_000 })),
    );
    const winners = attempts.filter((a) => a.acquired);
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.acquired ? winners[0].lease.owner : '';
    for (const a of attempts) if (!a.acquired) expect(a.holder.owner).toBe(winner);
    expect(await renewLease(pools[1] as Knex, 'race', { owner: 'someone-else', ttlMs: 10_000 })).toBe(false);
    expect(await releaseLease(pools[1] as Knex, 'race', 'someone-else')).toBe(false);
    expect((await leaseHolder(pools[0] as Knex, 'race'))?.owner).toBe(winner);
    expect(await releaseLease(pools[0] as Knex, 'race', winner)).toBe(true);
    expect(await leaseHolder(pools[0] as Knex, 'race')).toBeUndefined();
    expect(await acquireLease(pools[2] as Knex, 'race', { owner: 'late', ttlMs: 10_000 })).toMatchObject({ acquired: true });
  });

  it('aborts the job’s signal when the lease is lost, and refuses a second job while held', async () => {
    const knex = pools[0] as Knex;
    const outcome = await withLease(knex, 'job', { what: 'A test job', owner: 'stalled', ttlMs: 150 }, async (lease) => {
      await expect(
        withLease(pools[1] as Knex, 'job', { what: 'A test job', owner: 'second', ttlMs: 150 }, () => Promise.resolve(1)),
      ).rejects.toThrow(LeaseHeldError);
      // Another node takes the lease over as if this one had stalled past it.
      await (pools[1] as Knex)('kilde_leases').where({ name: 'job' }).update({ owner: 'thief' });
      await new Promise<void>((resolve) => lease.signal.addEventListener('abort', () => resolve()));
      return lease.signal.aborted;
    });
    expect(outcome).toBe(true);
    // The thief's lease is not released by the job that lost it.
    expect((await leaseHolder(knex, 'job'))?.owner).toBe('thief');
  });
});
