import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import { createOutboxDispatcher } from '@kilde/store';
import type {
  OutboxConsumer,
  OutboxDispatcher,
  OutboxDispatcherOptions,
  OutboxEvent,
  StoreLogger,
} from '@kilde/store';

/** A consumer that records what it receives and fails while `failWhen` says so. */
export interface RecordingConsumer extends OutboxConsumer {
  /** Every successfully handled event, in delivery order. */
  received: OutboxEvent[];
  /** Every call, including failed ones: [seq, outcome]. */
  calls: [number, 'ok' | 'failed'][];
  failWhen: (event: OutboxEvent) => boolean;
}

export function recordingConsumer(
  name: string,
  options: { failWhen?: (event: OutboxEvent) => boolean; startAt?: 'beginning' | 'latest' } = {},
): RecordingConsumer {
  const consumer: RecordingConsumer = {
    name,
    startAt: options.startAt,
    received: [],
    calls: [],
    failWhen: options.failWhen ?? (() => false),
    handle(event: OutboxEvent): Promise<void> {
      if (consumer.failWhen(event)) {
        consumer.calls.push([event.seq, 'failed']);
        // The message repeats document text on purpose: it must not reach last_error whole.
        return Promise.reject(new Error(`search engine down\n${event.payload.slice(0, 200)}`));
      }
      consumer.calls.push([event.seq, 'ok']);
      consumer.received.push(event);
      return Promise.resolve();
    },
  };
  return consumer;
}

/** A promise plus its resolver, to hold a handler mid-delivery. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Polls `check` until it holds or `timeoutMs` passes. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Writes a delivery state row directly, as a dispatcher would have left it after failures
 * (`retrying`/`replaying` due at `at`, `dead` with no next attempt).
 */
export async function insertDeliveryState(
  db: Knex,
  row: { consumer: string; seq: number; status: 'retrying' | 'dead' | 'replaying'; at: Date },
): Promise<void> {
  await db(TABLES.outboxDeliveries).insert({
    consumer: row.consumer,
    seq: row.seq,
    status: row.status,
    attempts: 3,
    next_attempt_at: row.status === 'dead' ? null : row.at.toISOString(),
    last_error: 'boom',
    updated_at: row.at.toISOString(),
  });
}

/**
 * Dispatchers a test creates, all stopped by `stopAll()` in `afterEach` (even when the test failed).
 * `defaults` is read at each creation, so it may return the `db` and logger of the current test.
 */
export function trackedDispatchers(
  defaults: () => { knex: Knex; logger: StoreLogger } & Partial<OutboxDispatcherOptions>,
): {
  create(consumers: OutboxConsumer[], options?: Partial<OutboxDispatcherOptions>): OutboxDispatcher;
  stopAll(): Promise<void>;
} {
  const created: OutboxDispatcher[] = [];
  return {
    create(consumers, options = {}) {
      const dispatcher = createOutboxDispatcher({
        pollIntervalMs: 5,
        ...defaults(),
        consumers,
        ...options,
      });
      created.push(dispatcher);
      return dispatcher;
    },
    async stopAll() {
      await Promise.all(created.splice(0).map((d) => d.stop()));
    },
  };
}
