import { TABLES } from '@kilde/migrations';
import { ValidationError } from '@kilde/schemas';
import { defaultLeaseOwner } from '../leases/leases';
import type { ConsumerRow, DeliveryRow } from '../shared/rows';
import { dialectOf } from '../shared/queryable';
import { toInt } from '../shared/values';
import { resolveBackoff } from './backoff';
import { ConsumerWorker } from './consumer-worker';
import type { WorkerContext } from './consumer-worker';
import { describeError } from './events';
import type { OutboxDispatcher, OutboxDispatcherOptions } from './types';

// An idle consumer whose rounds keep failing (database down) backs off up to this.
const MAX_ERROR_BACKOFF_MS = 30_000;

/**
 * Creates a dispatcher that delivers outbox events to consumers.
 * @remarks Semantics: at-least-once, in seq order per consumer, one cursor per consumer. A failing
 * event blocks only its own consumer (head of line) and is retried with exponential backoff,
 * then dead-lettered so the consumer moves on (unless the consumer calls the failure transient,
 * an outage: then it waits as long as the outage lasts); `replayConsumer` brings dead events back. Each
 * consumer runs its own loop, so a slow or failing consumer never delays another. A lease per
 * consumer lets any number of processes run dispatchers: one of them delivers, the others take
 * over when it stops or its lease expires. A consumer whose cursor lies below the retention
 * watermark (registered after a prune) is bootstrapped by the lease holder before anything is
 * delivered to it, if it has a `bootstrap` hook; otherwise it starts at the oldest row kept, with a
 * warning.
 */
export function createOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const names = new Set<string>();
  options.consumers.forEach((consumer, index) => {
    if (consumer.name.length === 0 || consumer.name.length > 100 || names.has(consumer.name)) {
      throw new ValidationError('Invalid outbox consumers', [
        { path: `/consumers/${index}/name`, message: 'must be unique and 1–100 characters long' },
      ]);
    }
    names.add(consumer.name);
  });
  return new Dispatcher(options);
}

class Dispatcher implements OutboxDispatcher {
  readonly owner: string;
  private readonly workers: ConsumerWorker[];
  private readonly ctx: WorkerContext;
  private readonly pollIntervalMs: number;
  private loops: Promise<void>[] | undefined;
  private stopping = false;
  private readonly sleepers = new Map<ConsumerWorker, () => void>();

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.owner = options.owner ?? defaultLeaseOwner();
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.ctx = {
      knex: options.knex,
      dialect: dialectOf(options.knex),
      logger: options.logger,
      owner: this.owner,
      batchSize: options.batchSize ?? 100,
      backoff: resolveBackoff(options.backoff),
      leaseMs: options.leaseMs ?? 30_000,
      handlerTimeoutMs: options.handlerTimeoutMs ?? 60_000,
      now: options.now ?? (() => new Date()),
      random: options.random ?? Math.random,
      isStopping: () => this.stopping,
    };
    this.workers = options.consumers.map((consumer) => new ConsumerWorker(this.ctx, consumer));
  }

  start(): void {
    if (this.loops) return;
    this.stopping = false;
    this.loops = this.workers.map((worker) => this.loop(worker));
    this.options.logger.info(
      { owner: this.owner, consumers: this.workers.map((w) => w.consumer.name) },
      'outbox dispatcher started',
    );
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const wakeUp of this.sleepers.values()) wakeUp();
    // A bootstrap may take minutes; the next lease holder starts it again.
    for (const worker of this.workers) worker.interrupt('the outbox dispatcher is stopping');
    await Promise.all(this.loops ?? []);
    await Promise.all(this.workers.map((worker) => worker.idle()));
    this.loops = undefined;
    await this.releaseLeases();
    for (const worker of this.workers) worker.wakeRequested = false;
    this.stopping = false;
  }

  wake(): void {
    for (const worker of this.workers) {
      worker.wakeRequested = true;
      this.sleepers.get(worker)?.();
    }
  }

  async drain(timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rounds = await Promise.all(this.workers.map((worker) => worker.run()));
      if (await this.caughtUp()) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      if (!rounds.some((round) => round.progressed)) {
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(this.pollIntervalMs, remaining)),
        );
      }
    }
  }

  private async loop(worker: ConsumerWorker): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const round = await worker.run();
      failures = round.failed ? failures + 1 : 0;
      if (this.stopping) break;
      if (round.progressed) continue;
      const wait =
        failures > 0
          ? Math.min(this.pollIntervalMs * 2 ** failures, MAX_ERROR_BACKOFF_MS)
          : this.pollIntervalMs;
      await this.sleep(worker, wait);
    }
  }

  private sleep(worker: ConsumerWorker, ms: number): Promise<void> {
    if (worker.wakeRequested) {
      worker.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(worker);
        worker.wakeRequested = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.set(worker, done);
    });
  }

  /** True when every consumer's cursor is at the head and nothing is retrying or replaying. */
  private async caughtUp(): Promise<boolean> {
    try {
      const { knex } = this.options;
      const names = this.workers.map((worker) => worker.consumer.name);
      if (names.length === 0) return true;
      const head = toInt(
        (await knex(TABLES.outbox).max<{ head: number | string | null }[]>({ head: 'seq' }))[0]
          ?.head,
      );
      const cursors = await knex<ConsumerRow>(TABLES.outboxConsumers)
        .whereIn('name', names)
        .select('name', 'cursor');
      const pending = await knex<DeliveryRow>(TABLES.outboxDeliveries)
        .whereIn('consumer', names)
        .whereIn('status', ['retrying', 'replaying'])
        .first('consumer');
      return (
        pending === undefined &&
        cursors.length === names.length &&
        cursors.every((row) => toInt(row.cursor) >= head)
      );
    } catch (err) {
      this.options.logger.error({ err: describeError(err) }, 'outbox drain check failed');
      return false;
    }
  }

  private async releaseLeases(): Promise<void> {
    try {
      await this.options
        .knex<ConsumerRow>(TABLES.outboxConsumers)
        .where({ lease_owner: this.owner })
        .whereIn(
          'name',
          this.workers.map((worker) => worker.consumer.name),
        )
        // Expire the lease now rather than clearing it: the time stays visible as "last held"
        // in `outboxStatus`, and a lease with no owner is free to take either way.
        .update({ lease_owner: null, lease_expires_at: this.ctx.now().toISOString() });
    } catch (err) {
      // The lease then simply expires; another process takes over a little later.
      this.options.logger.warn({ err: describeError(err) }, 'outbox lease release failed');
    }
    for (const worker of this.workers) worker.forgetLease();
    this.options.logger.info({ owner: this.owner }, 'outbox dispatcher stopped');
  }
}
