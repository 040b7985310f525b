import type { Knex } from 'knex';
import type { Logger } from 'pino';
import {
  consumerCursor,
  createOutboxDispatcher,
  type BackoffOptions,
  type OutboxDispatcher,
} from '@kilde/store';
import type { IndexSettings, SearchEngine } from '@kilde/search';
import { bootstrapSharedSearchIndex } from './reindex';
import { SHARED_SEARCH_CONSUMER, createSearchIndexConsumer } from './search-index-consumer';

/** Options of {@link startSharedSearchRuntime}. */
export interface SharedSearchRuntimeOptions {
  /**
   * The primary database: the dispatcher writes the consumer's lease and cursor there, and the
   * consumer reads the read store from it to skip stale changes.
   */
  knex: Knex;
  /** Any engine every API process reaches: Meilisearch in production, any port implementation in tests. */
  engine: SearchEngine;
  logger: Logger;
  /** Outbox consumer name (cursor, lease and delivery state are kept under it). */
  consumerName?: string;
  /** Pushed to the engine at start (best effort) and before the first write of this process. */
  settings?: IndexSettings;
  /** Lease owner id; default `<hostname>:<pid>:<random>`. */
  owner?: string;
  /** How often an idle consumer looks for new events; default 250 ms. */
  pollIntervalMs?: number;
  /** How long the consumer lease lasts without renewal; default 30 s (a crashed owner's hand-over time). */
  leaseMs?: number;
  /** Retry schedule while the engine fails; default 0.25 s doubling to 5 s. */
  backoff?: Partial<BackoffOptions>;
  /** An engine call still running after this counts as failed (and is retried); default 60 s. */
  handlerTimeoutMs?: number;
  /** A health check slower than this counts as unreachable; default 2 s. */
  healthTimeoutMs?: number;
}

/** A search runtime whose index lives in a shared engine, fed by one leased outbox consumer. */
export interface SharedSearchRuntime {
  readonly engine: SearchEngine;
  readonly consumerName: string;
  /** This process's lease owner id. */
  readonly owner: string;
  /** The outbox seq the shared index is complete up to (the consumer's cursor); undefined before it first ran. */
  appliedSeq(): Promise<number | undefined>;
  /** Whether the engine answers, for `/readyz` and the `kilde_search_engine_up` gauge. */
  health(): Promise<'ok' | 'unreachable'>;
  /** Applies everything in the outbox now, from whichever process holds the lease (tests, benchmarks). */
  drain(timeoutMs?: number): Promise<boolean>;
  /** Stops delivering and releases the lease so another process takes over at once. The engine stays open. */
  close(): Promise<void>;
}

/** Retries start fast so a short engine blip costs well under a second; capped so recovery shows within 5 s. */
const SEARCH_BACKOFF: Partial<BackoffOptions> = {
  baseMs: 250,
  factor: 2,
  maxMs: 5_000,
  maxAttempts: 8,
  jitter: 0.2,
};

/**
 * Runs search against a shared engine (Meilisearch) from an API process: queries go straight to
 * the engine, and the index is fed by ONE outbox consumer through the store's lease-based
 * dispatcher, which every API process runs.
 * @remarks One process holds the consumer's lease and delivers; the others wait and take over when
 * it stops (its lease is released at once) or dies (the lease expires). The cursor lives in the
 * database, so a new owner continues exactly where the last one recorded. Delivery is at least
 * once: a process that applied a change but died before moving the cursor makes the next owner
 * apply it again, which {@link applyChange} makes harmless (upserts replace by document id, and a
 * change older than the read store's version is skipped, so a replay never resurrects stale
 * content). While the engine is down, deliveries fail as transient and are retried with backoff
 * for as long as it takes; nothing is dead-lettered for an outage and nothing is lost, because the
 * outbox keeps every change until the cursor passes it. A consumer that starts in pruned history
 * (first run, or after `forget-consumer`, on a library older than the outbox retention) is
 * bootstrapped first: the lease holder rebuilds the index from the read store
 * ({@link bootstrapSharedSearchIndex}) and continues after the seq the rebuild covers.
 *
 * The embedded runtime ({@link startSearchRuntime}) is the other shape: one index per process,
 * following the outbox read-only. This one writes the lease and cursor, which is why it is meant
 * for PostgreSQL (see docs/operations.md).
 */
export function startSharedSearchRuntime(options: SharedSearchRuntimeOptions): SharedSearchRuntime {
  const { knex, engine, logger, settings } = options;
  const consumerName = options.consumerName ?? SHARED_SEARCH_CONSUMER;
  const consumer = createSearchIndexConsumer({
    knex,
    engine,
    name: consumerName,
    settings,
    rebuild: (signal) =>
      bootstrapSharedSearchIndex(knex, engine, {
        consumerName,
        signal,
        logger: logger.child({ component: 'search-sync' }),
      }),
  });
  const dispatcher: OutboxDispatcher = createOutboxDispatcher({
    knex,
    consumers: [consumer],
    logger: logger.child({ component: 'search-sync' }),
    owner: options.owner,
    pollIntervalMs: options.pollIntervalMs ?? 250,
    leaseMs: options.leaseMs,
    backoff: { ...SEARCH_BACKOFF, ...options.backoff },
    handlerTimeoutMs: options.handlerTimeoutMs,
  });
  if (settings) {
    // Creates the index and its settings before the first search; the consumer repeats it before
    // its first write, so a failure here (engine down at start) only delays it.
    engine.configure(settings).catch((err: unknown) => {
      logger.warn(
        { err: (err as Error).message, engine: engine.name },
        'search engine could not be configured at start; the consumer retries',
      );
    });
  }
  dispatcher.start();
  logger.info(
    { engine: engine.name, consumer: consumerName, owner: dispatcher.owner },
    'shared search index runtime started',
  );

  return {
    engine,
    consumerName,
    owner: dispatcher.owner,
    async appliedSeq() {
      return (await consumerCursor(knex, consumerName)) ?? undefined;
    },
    async health() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'unreachable'>((resolve) => {
        timer = setTimeout(() => resolve('unreachable'), options.healthTimeoutMs ?? 2_000);
      });
      try {
        return await Promise.race([
          engine.health().then(
            () => 'ok' as const,
            () => 'unreachable' as const,
          ),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    drain: (timeoutMs) => dispatcher.drain(timeoutMs),
    close: () => dispatcher.stop(),
  };
}
