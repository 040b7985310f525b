import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import type { StoreLogger } from '../shared/logger';
import type { ConsumerRow, DeliveryRow, OutboxRow } from '../shared/rows';
import { toInt } from '../shared/values';
import { backoffDelay } from './backoff';
import { describeError, toOutboxEvent } from './events';
import type { BackoffOptions, OutboxConsumer } from './types';

/** Settings every worker of one dispatcher shares. */
export interface WorkerContext {
  knex: Knex;
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

type Outcome = { ok: true } | { ok: false; error: string };

/**
 * Delivers one consumer's events, one round at a time, while holding its lease.
 * @remarks Rounds for the same consumer never overlap within a process (they are chained), and
 * the lease keeps other processes out. Every state change is a single statement, so a crash at
 * any point leaves a state the next round understands: at worst an event is delivered again.
 */
export class ConsumerWorker {
  private chain: Promise<unknown> = Promise.resolve();
  private registered = false;
  /** Until when (by `ctx.now`) this process knows it holds the lease; 0 when it does not. */
  private leaseUntil = 0;
  /** Set by `wake()` so a wake-up that arrives mid-round is not lost. */
  wakeRequested = false;

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

  private async safeRound(): Promise<RoundResult> {
    try {
      return { progressed: await this.round(), failed: false };
    } catch (err) {
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
      const replayed = await this.deliverReplays();
      const streamed = await this.deliverStream();
      return replayed || streamed;
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
    const nowIso = new Date(nowMs).toISOString();
    const until = nowMs + this.ctx.leaseMs;
    const updated = await this.consumers()
      .where({ name: this.consumer.name })
      .andWhere((q) => {
        void q
          .whereNull('lease_owner')
          .orWhere('lease_owner', this.ctx.owner)
          .orWhereNull('lease_expires_at')
          .orWhere('lease_expires_at', '<', nowIso);
      })
      .update({
        lease_owner: this.ctx.owner,
        lease_expires_at: new Date(until).toISOString(),
        updated_at: nowIso,
      });
    const held = updated === 1;
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
    if (updated === 1) {
      this.leaseUntil = until;
    } else {
      this.leaseUntil = 0;
      this.ctx.logger.warn({ consumer: this.consumer.name }, 'outbox consumer lease lost');
    }
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
        await this.deliveries().where(key).delete();
        continue;
      }
      const outcome = await this.deliver(row);
      progressed = true;
      if (outcome.ok) {
        await this.deliveries().where(key).delete();
        continue;
      }
      const attempts = toInt(delivery.attempts) + 1;
      const dead = attempts >= this.ctx.backoff.maxAttempts;
      await this.deliveries()
        .where(key)
        .update({
          status: dead ? 'dead' : 'replaying',
          attempts,
          next_attempt_at: dead ? null : this.retryAt(attempts),
          last_error: outcome.error,
          updated_at: this.nowIso(),
        });
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
        // Delete before advancing: a crash in between redelivers once, it never loses the event.
        if (delivery) await this.deliveries().where(key).delete();
        if (!(await this.advance(cursor, seq))) break;
        cursor = seq;
        progressed = true;
        continue;
      }

      const attempts = (delivery ? toInt(delivery.attempts) : 0) + 1;
      const dead = attempts >= this.ctx.backoff.maxAttempts;
      await this.deliveries()
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
      this.logFailure(row, attempts, dead, outcome.error, false);
      if (!dead) break;
      if (!(await this.advance(cursor, seq))) break;
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
    return updated === 1;
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
      return { ok: false, error: describeError(err) };
    } finally {
      if (timer) clearTimeout(timer);
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
