import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import { createFaultDatabase, publishArticles, type FaultDatabase } from './helpers/database';
import { check, recordFigures } from './helpers/load';
import { startDispatcherProcess, type RunningProcess } from './helpers/processes';

const CONSUMERS = ['search-index', 'webhooks'];

/** One line per delivery: which consumer, which seq, from which process (file). */
interface Delivery {
  consumer: string;
  seq: number;
  file: string;
}

function readDeliveries(files: readonly string[]): Delivery[] {
  return files.flatMap((file) =>
    existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const [consumer = '', seq = '0'] = line.split(' ');
            return { consumer, seq: Number(seq), file };
          })
      : [],
  );
}

async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function leaseOwner(knex: Knex, consumer: string): Promise<string | null> {
  const row = await knex(TABLES.outboxConsumers)
    .where({ name: consumer })
    .first<{ lease_owner: string | null } | undefined>('lease_owner');
  return row?.lease_owner ?? null;
}

/**
 * Per consumer: how often each seq was delivered, and whether every process saw its seqs in
 * increasing order (ownership is exclusive, so each process's share must be in order).
 */
function analyse(deliveries: readonly Delivery[], total: number) {
  return CONSUMERS.map((consumer) => {
    const mine = deliveries.filter((d) => d.consumer === consumer);
    const counts = new Map<number, number>();
    for (const d of mine) counts.set(d.seq, (counts.get(d.seq) ?? 0) + 1);
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter(
      (seq) => !counts.has(seq),
    );
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([seq]) => seq);
    const files = [...new Set(mine.map((d) => d.file))];
    const inOrder = files.every((file) => {
      const seqs = mine.filter((d) => d.file === file).map((d) => d.seq);
      return seqs.every((seq, i) => i === 0 || seq >= (seqs[i - 1] ?? 0));
    });
    return {
      consumer,
      deliveries: mine.length,
      missing,
      duplicated,
      inOrder,
      processes: files.length,
    };
  });
}

describe('two outbox dispatchers on one PostgreSQL database', () => {
  let database: FaultDatabase;
  let dir: string;
  const running: RunningProcess[] = [];

  beforeEach(async () => {
    database = await createFaultDatabase();
    dir = mkdtempSync(join(tmpdir(), 'kilde-fault-dispatch-'));
  });

  afterEach(async () => {
    try {
      await Promise.all(running.splice(0).map((p) => p.stop()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await database.close();
    }
  });

  async function start(owner: string): Promise<{ proc: RunningProcess; file: string }> {
    const file = join(dir, `${owner}.log`);
    const proc = await startDispatcherProcess({
      DATABASE_URL: database.db.url,
      OWNER: owner,
      RECORD_FILE: file,
      CONSUMERS: CONSUMERS.join(','),
      LEASE_MS: '2000',
      POLL_MS: '20',
    });
    running.push(proc);
    return { proc, file };
  }

  it('delivers each of 3,000 published rows exactly once per consumer, in order, across a handover', async () => {
    const total = 3000;
    const a = await start('dispatcher-a');
    const b = await start('dispatcher-b');
    const files = [a.file, b.file];

    // Two publishers at once, as two CMS nodes would.
    await Promise.all([
      publishArticles(database.knex, 750, 'p1a'),
      publishArticles(database.knex, 750, 'p1b'),
    ]);

    // Graceful handover mid-stream: stop whichever process owns search-index, start a new one.
    const owner = await leaseOwner(database.knex, 'search-index');
    const victim = owner === 'dispatcher-b' ? b : a;
    await victim.proc.stop();
    const c = await start('dispatcher-c');
    files.push(c.file);
    await Promise.all([
      publishArticles(database.knex, 750, 'p2a'),
      publishArticles(database.knex, 750, 'p2b'),
    ]);

    await waitUntil(
      'every row delivered to every consumer',
      () =>
        CONSUMERS.every(
          (name) =>
            new Set(
              readDeliveries(files)
                .filter((d) => d.consumer === name)
                .map((d) => d.seq),
            ).size >= total,
        ),
      120_000,
    );
    // Give a would-be duplicate time to show up, then stop everything.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await Promise.all(running.splice(0).map((p) => p.stop()));

    const report = analyse(readDeliveries(files), total);
    const context = JSON.stringify(
      report.map((r) => ({
        ...r,
        missing: r.missing.slice(0, 10),
        duplicated: r.duplicated.slice(0, 10),
      })),
    );
    for (const r of report) {
      check(r.missing.length === 0, `${r.consumer}: events never delivered; ${context}`);
      check(
        r.duplicated.length === 0,
        `${r.consumer}: events delivered more than once; ${context}`,
      );
      check(
        r.deliveries === total,
        `${r.consumer}: ${r.deliveries} deliveries for ${total} rows; ${context}`,
      );
      check(r.inOrder, `${r.consumer}: out of order; ${context}`);
    }
    // The handover happened: search-index was delivered by more than one process.
    check(
      (report.find((r) => r.consumer === 'search-index')?.processes ?? 0) >= 2,
      `no handover; ${context}`,
    );
    recordFigures('two-dispatchers', {
      rows: total,
      consumers: report.map(({ missing: _m, duplicated: _d, ...r }) => r),
    });
  });

  it('after kill -9 of the owner the other takes over when its lease expires: nothing lost, order kept', async () => {
    const total = 1000;
    const a = await start('dispatcher-a');
    const b = await start('dispatcher-b');
    const files = [a.file, b.file];
    await publishArticles(database.knex, 400, 'k1');
    await waitUntil(
      'the first rows to be delivered',
      () => readDeliveries(files).length > 0,
      30_000,
    );
    const owner = await leaseOwner(database.knex, 'search-index');
    const victim = owner === 'dispatcher-a' ? a : b;
    // A crash mid-stream: no lease release, the row in flight may or may not be recorded.
    const publishing = publishArticles(database.knex, 600, 'k2');
    await victim.proc.kill9();
    await publishing;

    await waitUntil(
      'every row delivered after the crash',
      () =>
        CONSUMERS.every(
          (name) =>
            new Set(
              readDeliveries(files)
                .filter((d) => d.consumer === name)
                .map((d) => d.seq),
            ).size >= total,
        ),
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const report = analyse(readDeliveries(files), total);
    const context = JSON.stringify(report.map((r) => ({ ...r, missing: r.missing.slice(0, 10) })));
    for (const r of report) {
      check(r.missing.length === 0, `${r.consumer}: events lost; ${context}`);
      check(r.inOrder, `${r.consumer}: out of order; ${context}`);
      // At least once: a crash between a handler's side effect and the cursor write repeats that
      // one event, never more (the survivor resumes at the dead owner's last cursor).
      check(
        r.duplicated.length <= 1,
        `${r.consumer}: more than the in-flight event repeated; ${context}`,
      );
    }
    recordFigures('dispatcher-crash', {
      rows: total,
      consumers: report.map(({ missing: _m, ...r }) => r),
    });
  });
});
