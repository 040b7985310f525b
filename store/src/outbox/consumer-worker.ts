import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import type { StoreLogger } from '../shared/logger';
import type { Dialect } from '../shared/queryable';
import type { ConsumerRow, DeliveryRow, OutboxRow } from '../shared/rows';
import { toInt } from '../shared/values';
import { backoffDelay } from './backoff';
import { describeError, toOutboxEvent } from './events';
import { outboxWatermark } from './retention';
import type { BackoffOptions, OutboxConsumer } from './types';

/** Settings every worker of one dispatcher shares. */
export interface WorkerContext {
  knex: Knex;
  /** Row locks (`FOR UPDATE`, `SKIP LOCKED`) exist on PostgreSQL only; SQLite has one writer. */
  dialect: Dialect;
  logger: StoreLogger;
  owner: string;
  batchSize: number;
  backoff: BackoffOptions;
  leaseMs: number;
  handlerTimeoutMs: number;
  now: () => Date;
  random: () => number;
  /** True while the dispatcher is stopping: finish the current delivery, start no new one. */
  isStopping: () => boolean;
}

/** What one round of work achieved. */
export interface RoundResult {
  /** Something was delivered or dead-lettered: another round may find more to do at once. */
  progressed: boolean;
  /** The round failed on the database, not on the consumer. */
  failed: boolean;
}

type Outcome = { ok: true } | { ok: false; error: string; transient: boolean };

/** A consumer's `bootstrap` failed (or returned a seq that cannot close the gap). */
class BootstrapFailure extends Error {
  constructor(readonly reason: unknown) {
    super(describeError(reason));
  }
}

/**
 * Delivers one consumer's events, one round at a time, while holding its lease.
 * @remarks Rounds for the same consumer never overlap within a process (they are chained), and
 * the lease keeps other processes out. Every state change is fenced by the lease: a single
 * conditional statement (the cursor moves only from the value this round read, and only while
 * `lease_owner` is this process), or a short transaction that first locks the consumer row and
 * checks the same. A process that stalled past its lease and lost it to another can therefore
 * finish a handler call, but never record anything about it: no phantom retry, no dead letter,
 * no cursor move. A crash at any point leaves a state the next round understands: at worst an
 * event is delivered again (at least once; consumers are idempotent).
 */
export class ConsumerWorker {
  private chain: Promise<unknown> = Promise.resolve();
  private registered = false;
  /** Until when (by `ctx.now`) this process knows it holds the lease; 0 when it does not. */
  private leaseUntil = 0;
  /** Set by `wake()` so a wake-up that arrives mid-round is not lost. */
  wakeRequested = false;
  /**
   * The cursor may lie below the retention watermark: check in the next round that holds the
   * lease. Set on registration and on every lease acquisition, the only moments a gap can appear
   * (pruning never passes a registered cursor, so only a consumer registered after a prune, or
   * re-registered after `forgetConsumer`, starts below the watermark).
   */
  private gapCheckDue = false;
  /** Aborts the consumer's running `bootstrap` (lease lost, dispatcher stopping). */
  private bootstrapping: AbortController | undefined;

  constructor(
    private readonly ctx: WorkerContext,
    readonly consumer: OutboxConsumer,
  ) {}

  /** Runs one round after any round already in progress. Never rejects. */
  run(): Promise<RoundResult> {
    const round = this.chain.then(() => this.safeRound());
    this.chain = round;
    return round;
  }

  /** Resolves when no round is running. */
  async idle(): Promise<void> {
    await this.chain;
  }

  /** Forgets the lease locally after the dispatcher released it. */
  forgetLease(): void {
    this.leaseUntil = 0;
  }

  /** Aborts a running bootstrap, so a stopping dispatcher does not wait for a whole rebuild. */
  interrupt(reason: string): void {
    this.bootstrapping?.abort(new Error(reason));
  }

  private async safeRound(): Promise<RoundResult> {
    try {
      return { progressed: await this.round(), failed: false };
    } catch (err) {
      if (err instanceof BootstrapFailure) {
        // Not dead-lettered, never skipped: the gap stays until a bootstrap succeeds (or an
        // operator's reindex moves the cursor), and the dispatcher's error backoff paces retries.
        const fields = { consumer: this.consumer.name, err: err.message };
        if (this.ctx.isStopping()) {
          this.ctx.logger.info(fields, 'outbox consumer bootstrap interrupted by stop');
        } else {
          this.ctx.logger.warn(
            fields,
            'outbox consumer bootstrap failed; retrying with backoff, delivering nothing meanwhile',
          );
        }
        return { progressed: false, failed: true };
      }
      this.ctx.logger.error(
        { consumer: this.consumer.name, err: describeError(err) },
        'outbox round failed',
      );
      return { progressed: false, failed: true };
    }
  }

  private async round(): Promise<boolean> {
    await this.register();
    if (!(await this.holdLease())) return false;
    // Renew while handlers run, so a slow batch does not lose the lease midway.
    let renewal: Promise<unknown> = Promise.resolve();
    const heartbeat = setInterval(
      () => {
        renewal = this.renewLease().catch((err: unknown) => {
          this.ctx.logger.warn(
            { consumer: this.consumer.name, err: describeError(err) },
            'outbox lease renewal failed',
          );
        });
      },
      Math.max(10, Math.floor(this.ctx.leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      let bootstrapped = false;
      if (this.gapCheckDue) {
        const gap = await this.closeHistoryGap();
        if (gap === 'pending') return false;
        bootstrapped = gap === 'bootstrapped';
      }
      const replayed = await this.deliverReplays();
      const streamed = await this.deliverStream();
      return bootstrapped || replayed || streamed;
    } finally {
      clearInterval(heartbeat);
      await renewal;
    }
  }

  private consumers() {
    return this.ctx.knex<ConsumerRow>(TABLES.outboxConsumers);
  }

  private deliveries() {
    return this.ctx.knex<DeliveryRow>(TABLES.outboxDeliveries);
  }

  private outbox() {
    return this.ctx.knex<OutboxRow>(TABLES.outbox);
  }

  private nowIso(): string {
    return this.ctx.now().toISOString();
  }

  /** Creates the consumer's cursor row the first time this process sees it. */
  private async register(): Promise<void> {
    if (this.registered) return;
    let cursor = 0;
    if (this.consumer.startAt === 'latest') {
      const rows = await this.outbox().max<{ head: number | string | null }[]>({
        head: 'seq',
      });
      cursor = toInt(rows[0]?.head);
    }
    await this.consumers()
      .insert({ name: this.consumer.name, cursor, updated_at: this.nowIso() })
      .onConflict('name')
      .ignore();
    this.registered = true;
    this.gapCheckDue = true;
  }

  /**
   * Finds a history gap (cursor below the retention watermark) and closes it: with the consumer's
   * `bootstrap` (rebuild, then move the cursor to the seq it covers), or, for a consumer without
   * one, by warning that it starts after pruned history and carrying on from the oldest row kept.
   * @remarks Two cheap reads, run only after registration or a lease acquisition. The cursor move
   * is fenced on the gapped value and the lease: an operator who set the cursor meanwhile (a
   * reindex, a replay) or a process that took the lease over wins, and the next round checks again.
   * 'pending' means "deliver nothing this round".
   */
  private async closeHistoryGap(): Promise<'clear' | 'bootstrapped' | 'pending'> {
    const row = await this.consumers().where({ name: this.consumer.name }).first('cursor');
    if (!row) return 'pending';
    const cursor = toInt(row.cursor);
    const watermark = await outboxWatermark(this.ctx.knex);
    if (cursor >= watermark) {
      this.gapCheckDue = false;
      return 'clear';
    }
    const fields = { consumer: this.consumer.name, cursor, watermark };
    if (!this.consumer.bootstrap) {
      this.ctx.logger.warn(
        fields,
        'outbox consumer starts after pruned history: events up to the watermark never reach it; delivering from the oldest row kept',
      );
      this.gapCheckDue = false;
      return 'clear';
    }
    if (!this.mayDeliver()) return 'pending';

    this.ctx.logger.info(fields, 'outbox consumer starts in pruned history; bootstrapping it');
    const controller = new AbortController();
    this.bootstrapping = controller;
    let covered: number;
    try {
      covered = await this.consumer.bootstrap(controller.signal);
    } catch (err) {
      throw new BootstrapFailure(err);
    } finally {
      this.bootstrapping = undefined;
    }
    const heads = await this.outbox().max<{ head: number | string | null }[]>({ head: 'seq' });
    const head = toInt(heads[0]?.head);
    if (!Number.isInteger(covered) || covered < watermark || covered > head) {
      // Moving the cursor there would leave part of the gap, or skip events not yet written.
      throw new BootstrapFailure(
        new Error(
          `bootstrap returned seq ${String(covered)}, outside the watermark ${watermark} … head ${head}`,
        ),
      );
    }
    const moved = await this.fenced(async (trx) => {
      // Retry state the rebuild covers would otherwise linger behind the cursor forever.
      await trx<DeliveryRow>(TABLES.outboxDeliveries)
        .where({ consumer: this.consumer.name, status: 'retrying' })
        .andWhere('seq', '<=', covered)
        .delete();
      await this.moveCursor(trx, covered);
    }, cursor);
    if (!moved) {
      this.ctx.logger.info(
        { ...fields, seq: covered },
        'outbox consumer bootstrapped, but its cursor moved or its lease was lost meanwhile; cursor left as it is',
      );
      return 'pending';
    }
    this.ctx.logger.info({ ...fields, seq: covered }, 'outbox consumer bootstrapped');
    this.gapCheckDue = false;
    return 'bootstrapped';
  }

  /**
   * Takes or renews the lease in one atomic UPDATE; true when this process holds it.
   * @remarks Skips the write while more than two thirds of the lease remain, so an idle
   * dispatcher polling every 250 ms writes once every ten seconds, not four times a second.
   * Lease times come from each process's clock: keep clocks within a few seconds of each other.
   */
  private async holdLease(): Promise<boolean> {
    const nowMs = this.ctx.now().getTime();
    if (this.leaseUntil - nowMs > (this.ctx.leaseMs * 2) / 3) return true;
    // Not holding it (as far as this process knows): a claim now is an acquisition, after which
    // the consumer row may be one registered afresh meanwhile.
    const acquiring = this.leaseUntil <= nowMs;
    const nowIso = new Date(nowMs).toISOString();
    const until = nowMs + this.ctx.leaseMs;
    const claimable = (q: Knex.QueryBuilder): void => {
      void q
        .whereNull('lease_owner')
        .orWhere('lease_owner', this.ctx.owner)
        .orWhereNull('lease_expires_at')
        .orWhere('lease_expires_at', '<', nowIso);
    };
    const target = this.consumers().where({ name: this.consumer.name });
    if (this.ctx.dialect === 'postgresql') {
      // A locked consumer row means another process is changing its state right now (a fenced
      // write or its own claim): skip this round instead of queueing behind it.
      void target.whereIn(
        'name',
        this.ctx
          .knex(TABLES.outboxConsumers)
          .select('name')
          .where({ name: this.consumer.name })
          .andWhere(claimable)
          .forUpdate()
          .skipLocked(),
      );
    } else {
      void target.andWhere(claimable);
    }
    // Not `updated_at`: it means "the cursor last moved", which is how `outboxStatus` tells a
    // consumer that stopped progressing from one that merely holds its lease.
    const updated = await target.update({
      lease_owner: this.ctx.owner,
      lease_expires_at: new Date(until).toISOString(),
    });
    const held = updated === 1;
    if (held && acquiring) this.gapCheckDue = true;
    if (held && this.leaseUntil === 0) {
      this.ctx.logger.info(
        { consumer: this.consumer.name, owner: this.ctx.owner },
        'outbox consumer lease acquired',
      );
    }
    this.leaseUntil = held ? until : 0;
    return held;
  }

  private async renewLease(): Promise<void> {
    if (this.leaseUntil === 0) return;
    const nowMs = this.ctx.now().getTime();
    const until = nowMs + this.ctx.leaseMs;
    const updated = await this.consumers()
      .where({ name: this.consumer.name, lease_owner: this.ctx.owner })
      .update({ lease_expires_at: new Date(until).toISOString() });
    if (updated === 1) this.leaseUntil = until;
    else this.lostLease();
  }

  /** False once the lease is lost or the dispatcher is stopping: deliver nothing more. */
  private mayDeliver(): boolean {
    return !this.ctx.isStopping() && this.leaseUntil > this.ctx.now().getTime();
  }

  /** Redelivers dead-lettered events an operator asked to replay. Out of order by nature. */
  private async deliverReplays(): Promise<boolean> {
    const nowIso = this.nowIso();
    const due = await this.deliveries()
      .where({ consumer: this.consumer.name, status: 'replaying' })
      .andWhere((q) => {
        void q.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', nowIso);
      })
      .orderBy('seq')
      .limit(this.ctx.batchSize);
    if (due.length === 0) return false;

    const seqs = due.map((d) => toInt(d.seq));
    const rows = new Map(
      (await this.outbox().whereIn('seq', seqs)).map((r) => [toInt(r.seq), r] as const),
    );
    let progressed = false;
    for (const delivery of due) {
      if (!this.mayDeliver()) break;
      const seq = toInt(delivery.seq);
      const key = { consumer: this.consumer.name, seq, status: 'replaying' as const };
      const row = rows.get(seq);
      if (!row) {
        // The event is gone from the outbox; nothing left to replay.
        if (
          !(await this.fenced((trx) =>
            trx<DeliveryRow>(TABLES.outboxDeliveries).where(key).delete(),
          ))
        )
          break;
        continue;
      }
      const outcome = await this.deliver(row);
      progressed = true;
      if (outcome.ok) {
        if (
          !(await this.fenced((trx) =>
            trx<DeliveryRow>(TABLES.outboxDeliveries).where(key).delete(),
          ))
        )
          break;
        continue;
      }
      const attempts = toInt(delivery.attempts) + 1;
      const dead = !outcome.transient && attempts >= this.ctx.backoff.maxAttempts;
      const recorded = await this.fenced((trx) =>
        trx<DeliveryRow>(TABLES.outboxDeliveries)
          .where(key)
          .update({
            status: dead ? 'dead' : 'replaying',
            attempts,
            next_attempt_at: dead ? null : this.retryAt(attempts),
            last_error: outcome.error,
            updated_at: this.nowIso(),
          }),
      );
      if (!recorded) break;
      this.logFailure(row, attempts, dead, outcome.error, true);
    }
    return progressed;
  }

  /** Delivers new events in seq order, stopping at the first one that must wait for a retry. */
  private async deliverStream(): Promise<boolean> {
    const consumerRow = await this.consumers().where({ name: this.consumer.name }).first('cursor');
    if (!consumerRow) return false;
    let cursor = toInt(consumerRow.cursor);
    const rows = await this.outbox()
      .where('seq', '>', cursor)
      .orderBy('seq')
      .limit(this.ctx.batchSize);
    if (rows.length === 0) return false;

    const lastSeq = toInt(rows[rows.length - 1]?.seq);
    const deliveries = new Map(
      (
        await this.deliveries()
          .where({ consumer: this.consumer.name })
          .andWhere('seq', '>', cursor)
          .andWhere('seq', '<=', lastSeq)
      ).map((d) => [toInt(d.seq), d] as const),
    );

    let progressed = false;
    for (const row of rows) {
      if (!this.mayDeliver()) break;
      const seq = toInt(row.seq);
      const delivery = deliveries.get(seq);
      const key = { consumer: this.consumer.name, seq };

      // Dead-lettered but the cursor did not move (a crash between the two writes): skip it.
      if (delivery?.status === 'dead') {
        if (!(await this.advance(cursor, seq))) break;
        cursor = seq;
        progressed = true;
        continue;
      }
      if (
        delivery?.status === 'retrying' &&
        delivery.next_attempt_at !== null &&
        delivery.next_attempt_at > this.nowIso()
      ) {
        break; // head of line: later events wait for this one
      }

      const outcome = await this.deliver(row);
      if (outcome.ok) {
        const from = cursor;
        const moved = delivery
          ? // Forget the retry state and move on in one fenced step.
            await this.fenced(async (trx) => {
              await trx<DeliveryRow>(TABLES.outboxDeliveries).where(key).delete();
              await this.moveCursor(trx, seq);
            }, from)
          : await this.advance(from, seq);
        if (!moved) break;
        cursor = seq;
        progressed = true;
        continue;
      }

      const attempts = (delivery ? toInt(delivery.attempts) : 0) + 1;
      // An outage (transient) waits at the head of the line for as long as it lasts.
      const dead = !outcome.transient && attempts >= this.ctx.backoff.maxAttempts;
      // Record the failure (and, when it is final, skip the event) only while the consumer is
      // still ours and its cursor still where this round read it.
      const recorded = await this.fenced(async (trx) => {
        await trx<DeliveryRow>(TABLES.outboxDeliveries)
          .insert({
            ...key,
            status: dead ? 'dead' : 'retrying',
            attempts,
            next_attempt_at: dead ? null : this.retryAt(attempts),
            last_error: outcome.error,
            updated_at: this.nowIso(),
          })
          .onConflict(['consumer', 'seq'])
          .merge(['status', 'attempts', 'next_attempt_at', 'last_error', 'updated_at']);
        if (dead) await this.moveCursor(trx, seq);
      }, cursor);
      if (!recorded) break;
      this.logFailure(row, attempts, dead, outcome.error, false);
      if (!dead) break;
      cursor = seq;
      progressed = true;
    }
    return progressed;
  }

  /**
   * Moves the cursor from `from` to `to` if nobody else moved it meanwhile.
   * @remarks Compare-and-set on the old cursor and the lease owner: if an operator reset the
   * cursor (`replayConsumer`) or another process took the lease, this round stops instead of
   * overwriting their decision.
   */
  private async advance(from: number, to: number): Promise<boolean> {
    const updated = await this.consumers()
      .where({ name: this.consumer.name, cursor: from, lease_owner: this.ctx.owner })
      .update({ cursor: to, updated_at: this.nowIso() });
    if (updated === 1) return true;
    const row = await this.consumers().where({ name: this.consumer.name }).first('lease_owner');
    if (row?.lease_owner !== this.ctx.owner) this.lostLease();
    return false;
  }

  /**
   * Runs `write` in a transaction only while this process owns the consumer and, when `cursor`
   * is given, the cursor is still there; false (and the lease forgotten) otherwise.
   * @remarks On PostgreSQL the consumer row is locked (`FOR UPDATE`) until commit, so a takeover
   * (an UPDATE of that row) waits for this write and then reads its result, and an operator's
   * `replayConsumer` cannot interleave with it. On SQLite the transaction alone serialises.
   */
  private async fenced(
    write: (trx: Knex.Transaction) => Promise<unknown>,
    cursor?: number,
  ): Promise<boolean> {
    const verdict = await this.ctx.knex.transaction(async (trx) => {
      const read = trx<ConsumerRow>(TABLES.outboxConsumers)
        .where({ name: this.consumer.name })
        .first('cursor', 'lease_owner');
      if (this.ctx.dialect === 'postgresql') void read.forUpdate();
      const row = await read;
      if (!row || row.lease_owner !== this.ctx.owner) return 'not-owner' as const;
      // An operator moved the cursor (replayConsumer): the lease is still ours, the round is stale.
      if (cursor !== undefined && toInt(row.cursor) !== cursor) return 'cursor-moved' as const;
      await write(trx);
      return 'written' as const;
    });
    if (verdict === 'not-owner') this.lostLease();
    return verdict === 'written';
  }

  /** Sets the cursor inside a fenced transaction (the row is already checked and locked). */
  private async moveCursor(trx: Knex.Transaction, to: number): Promise<void> {
    await trx<ConsumerRow>(TABLES.outboxConsumers)
      .where({ name: this.consumer.name, lease_owner: this.ctx.owner })
      .update({ cursor: to, updated_at: this.nowIso() });
  }

  private lostLease(): void {
    this.interrupt('the consumer lease was lost');
    if (this.leaseUntil === 0) return;
    this.leaseUntil = 0;
    this.ctx.logger.warn(
      { consumer: this.consumer.name, owner: this.ctx.owner },
      'outbox consumer lease lost; this process stops delivering to it',
    );
  }

  private retryAt(attempts: number): string {
    const delay = backoffDelay(attempts, this.ctx.backoff, this.ctx.random);
    return new Date(this.ctx.now().getTime() + delay).toISOString();
  }

  private async deliver(row: OutboxRow): Promise<Outcome> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const event = toOutboxEvent(row);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`handler timed out after ${this.ctx.handlerTimeoutMs} ms`)),
          this.ctx.handlerTimeoutMs,
        );
      });
      await Promise.race([this.consumer.handle(event), timeout]);
      return { ok: true };
    } catch (err) {
      return { ok: false, error: describeError(err), transient: this.isTransient(err) };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private isTransient(err: unknown): boolean {
    try {
      return this.consumer.isTransient?.(err) === true;
    } catch {
      return false;
    }
  }

  private logFailure(
    row: OutboxRow,
    attempts: number,
    dead: boolean,
    error: string,
    replay: boolean,
  ): void {
    const fields = {
      consumer: this.consumer.name,
      seq: toInt(row.seq),
      id: row.doc_id,
      locale: row.locale,
      version: toInt(row.version),
      attempts,
      replay,
      err: error,
    };
    if (dead) this.ctx.logger.error(fields, 'outbox event dead-lettered');
    else this.ctx.logger.warn(fields, 'outbox delivery failed; will retry');
  }
}
