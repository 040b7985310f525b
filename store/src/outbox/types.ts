import type { Knex } from 'knex';
import type { CanonicalDocument, DocumentType, Locale } from '@kilde/schemas';
import type { StoreLogger } from '../shared/logger';

/** Fields every outbox event carries. */
interface OutboxEventBase {
  /** Position in the outbox; consumers see events in increasing `seq`. */
  seq: number;
  /** Unique per event; consumers de-duplicate redeliveries with it. */
  eventId: string;
  type: DocumentType;
  id: string;
  locale: Locale;
  version: number;
  changeNote: string | null;
  actor: string | null;
  requestId: string | null;
  createdAt: string;
  /** The stored payload JSON, byte for byte (sign or forward this rather than re-serialising). */
  payload: string;
}

/** A document was published or updated; `document` is the full canonical document. */
export interface OutboxUpsertEvent extends OutboxEventBase {
  op: 'upsert';
  event: 'published' | 'updated';
  document: CanonicalDocument;
}

/** A document was unpublished or deleted. */
export interface OutboxDeleteEvent extends OutboxEventBase {
  op: 'delete';
  event: 'unpublished' | 'deleted';
  document?: undefined;
  deletedAt: string;
}

/** One event as a consumer receives it. */
export type OutboxEvent = OutboxUpsertEvent | OutboxDeleteEvent;

/**
 * Something that reacts to published changes: the search index, revision history, webhooks.
 * @remarks Delivery is at least once, in `seq` order: `handle` must be idempotent (upsert by id
 * and version, insert-or-ignore by `eventId`) because a crash or a replay delivers again.
 * Throwing means "retry later"; after `maxAttempts` the event is dead-lettered.
 */
export interface OutboxConsumer {
  /** Stable name; the cursor and delivery state are stored under it. At most 100 characters. */
  readonly name: string;
  handle(event: OutboxEvent): Promise<void>;
  /**
   * Where a consumer seen for the first time starts: at the first event ever written
   * (`beginning`, the default, right for indexes and history) or after the newest one
   * (`latest`, right for a webhook that must not replay years of history to a partner).
   */
  readonly startAt?: 'beginning' | 'latest';
  /**
   * Says whether a failure is the consumer's surroundings rather than the event (the search
   * engine is down, a timeout): such failures are retried with backoff for as long as they last
   * and never dead-lettered. Other failures count toward `maxAttempts`. Without it, every
   * failure counts.
   * @remarks Dead-lettering exists so one bad event cannot stall a consumer forever; an outage
   * is not a bad event, and dead-lettering every event published during it would lose them
   * until an operator replays.
   */
  isTransient?(error: unknown): boolean;
  /**
   * Rebuilds what this consumer feeds from current state (the read store), for when its cursor
   * lies below the retention watermark: the events it would need were pruned and can never be
   * delivered. Resolves to the outbox seq the rebuild covers (read the head *before* reading the
   * state); the dispatcher moves the cursor there and delivers from the next event.
   * @remarks Called only by the process holding the consumer's lease, after a gap is found when the
   * consumer is registered or its lease acquired, so once across nodes. `signal` aborts when the
   * lease is lost or the dispatcher stops. A rejection is a failed round: retried with the error
   * backoff, and nothing is delivered meanwhile. Without this hook a consumer registered after
   * pruning starts at the oldest row kept (with a warning): right for consumers that only care
   * about new events, such as webhooks.
   */
  bootstrap?(signal: AbortSignal): Promise<number>;
}

/** Retry schedule for a failing delivery. */
export interface BackoffOptions {
  /** Delay before the second attempt. */
  baseMs: number;
  /** Each further delay is the previous one times this. */
  factor: number;
  /** Upper bound of a delay. */
  maxMs: number;
  /** Attempts before an event is dead-lettered (including the first). */
  maxAttempts: number;
  /** Random extra delay as a fraction of the delay (0–1), so consumers don't retry in lockstep. */
  jitter: number;
}

/** Options of `createOutboxDispatcher`. */
export interface OutboxDispatcherOptions {
  knex: Knex;
  consumers: readonly OutboxConsumer[];
  logger: StoreLogger;
  /** Identifies this process in leases; default `<hostname>:<pid>:<random>`. */
  owner?: string;
  /** How often an idle consumer looks for new events; default 250 ms. */
  pollIntervalMs?: number;
  /** Events read per consumer per round; default 100. */
  batchSize?: number;
  backoff?: Partial<BackoffOptions>;
  /** How long a consumer lease lasts without renewal; default 30 s. */
  leaseMs?: number;
  /** A `handle` call still running after this counts as failed; default 60 s. */
  handlerTimeoutMs?: number;
  /** Clock for leases, retry schedules and status; default `new Date()`. */
  now?: () => Date;
  /** Random source in [0, 1) for jitter; default `Math.random`. */
  random?: () => number;
}

/** Runs outbox consumers. */
export interface OutboxDispatcher {
  /** This dispatcher's lease owner id. */
  readonly owner: string;
  /** Starts delivering in the background; a no-op when already started. */
  start(): void;
  /**
   * Stops after each consumer's in-flight delivery and releases this dispatcher's leases so
   * another process can take over at once.
   */
  stop(): Promise<void>;
  /** Asks idle consumers to look for new events now (call after a publishing commit). */
  wake(): void;
  /**
   * Delivers until every consumer is caught up (its cursor at the outbox head, nothing retrying
   * or replaying; dead-lettered events don't count) or `timeoutMs` passes. Resolves to whether
   * everything was caught up. Works whether or not the dispatcher is started.
   */
  drain(timeoutMs?: number): Promise<boolean>;
}

/** Delivery state of one consumer, from `outboxStatus`. */
export interface ConsumerStatus {
  name: string;
  /** Last seq handled or dead-lettered. */
  cursor: number;
  headSeq: number;
  /** Events after the cursor. */
  lag: number;
  /** Age of the oldest event after the cursor, in seconds; null when caught up. */
  oldestUndeliveredAgeSeconds: number | null;
  retrying: number;
  replaying: number;
  dead: number;
  /** Most recent delivery error recorded for this consumer, if any row still holds one. */
  lastError: string | null;
  /** Last lease holder; null after a clean stop released it. */
  leaseOwner: string | null;
  /** Until when the lease was last held (the release time after a clean stop); null if never. */
  leaseExpiresAt: string | null;
  /** A dispatcher holds an unexpired lease now: the consumer runs somewhere. */
  leaseHeld: boolean;
  /** When the cursor last moved (or the consumer registered, or an operator reset it). */
  progressAt: string;
  /** Seconds behind without the cursor moving; 0 when caught up. */
  stalledSeconds: number;
  /** Stalled for longer than the threshold (`KILDE_OUTBOX_STALE_HOURS`, 24 h by default). */
  stale: boolean;
}

/** Outbox health for operators and `/health`-style checks. */
export interface OutboxStatus {
  headSeq: number;
  /** Retention watermark: every row at or below it may have been pruned; 0 when none was. */
  watermark: number;
  /** Lowest seq still stored; null when the outbox is empty. */
  oldestRetainedSeq: number | null;
  consumers: ConsumerStatus[];
}

/** Which events `replayConsumer` redelivers. */
export type ReplayRequest = { dead: true } | { fromSeq: number };

/** Outcome of `replayConsumer`. */
export type ReplayResult =
  | { consumer: string; mode: 'dead'; rows: number }
  | { consumer: string; mode: 'fromSeq'; cursor: number; clearedDeliveries: number };

/** Delivery state of one event for one consumer (only failing or replayed events have one). */
export interface DeliveryState {
  consumer: string;
  seq: number;
  status: 'retrying' | 'dead' | 'replaying';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  updatedAt: string;
}

/** One entry of the partner delta feed. */
export interface Change {
  seq: number;
  eventId: string;
  type: DocumentType;
  id: string;
  locale: Locale;
  version: number;
  op: 'upsert' | 'delete';
  event: 'published' | 'updated' | 'unpublished' | 'deleted';
  createdAt: string;
  /** Full document JSON for an upsert, `{id,type,locale,version,deletedAt}` for a delete. */
  json: string;
}

/** One page of the partner delta feed. */
export interface ChangePage {
  changes: Change[];
  /** Pass as `afterSeq` for the next page (equals the input when the page is empty). */
  lastSeq: number;
  hasMore: boolean;
}
