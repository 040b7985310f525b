import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { LEASES_TABLE } from '@kilde/migrations';
import { withDatabaseErrors } from '../database/database-errors';
import { LeaseHeldError, type LeaseHolder } from '../errors/lease-held-error';
import { silentLogger, type StoreLogger } from '../shared/logger';
import type { Queryable } from '../shared/queryable';

interface LeaseRow {
  name: string;
  owner: string | null;
  acquired_at: string | null;
  expires_at: string | null;
  updated_at: string;
}

/** Options of {@link acquireLease} and {@link withLease}. */
export interface LeaseOptions {
  /** Identifies this process in the lease and in refusals; default `<hostname>:<pid>:<random>`. */
  owner?: string;
  /** How long the lease lasts without renewal: a crashed holder's hand-over time. */
  ttlMs: number;
  /** Clock; default `new Date()`. Lease times come from each process's clock. */
  now?: () => Date;
}

/** Outcome of {@link acquireLease}. */
export type LeaseAttempt =
  | { acquired: true; lease: LeaseHolder }
  | { acquired: false; holder: LeaseHolder };

/** A default owner id: which machine and process, plus a random part for two runs in one process. */
export function defaultLeaseOwner(label?: string): string {
  const base = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  return label ? `${label}@${base}` : base;
}

/**
 * Takes the named lease if it is free, expired or already this owner's, in one conditional
 * UPDATE; otherwise reports who holds it.
 * @remarks The outbox consumers' lease rule (consumer-worker `holdLease`) on its own table: the
 * row is created free on first use, and the UPDATE's WHERE is re-checked by the database against
 * the row as committed (PostgreSQL re-evaluates it after waiting for a concurrent writer; SQLite
 * serialises writers), so of two racing callers exactly one gets `updated === 1`.
 */
export async function acquireLease(
  db: Queryable,
  name: string,
  options: LeaseOptions & { owner: string },
): Promise<LeaseAttempt> {
  return withDatabaseErrors(`Acquiring lease ${name}`, async () => {
    const now = (options.now ?? (() => new Date()))();
    const nowIso = now.toISOString();
    const expiresAt = new Date(now.getTime() + options.ttlMs).toISOString();
    await db<LeaseRow>(LEASES_TABLE)
      .insert({ name, owner: null, acquired_at: null, expires_at: null, updated_at: nowIso })
      .onConflict('name')
      .ignore();
    const updated = await db<LeaseRow>(LEASES_TABLE)
      .where({ name })
      .andWhere((q) => {
        void q
          .whereNull('owner')
          .orWhere('owner', options.owner)
          .orWhereNull('expires_at')
          .orWhere('expires_at', '<', nowIso);
      })
      .update({
        owner: options.owner,
        acquired_at: nowIso,
        expires_at: expiresAt,
        updated_at: nowIso,
      });
    if (updated === 1) {
      return {
        acquired: true,
        lease: { name, owner: options.owner, acquiredAt: nowIso, expiresAt },
      };
    }
    const row = await db<LeaseRow>(LEASES_TABLE).where({ name }).first();
    return {
      acquired: false,
      holder: {
        name,
        owner: row?.owner ?? 'unknown',
        acquiredAt: row?.acquired_at ?? 'unknown',
        expiresAt: row?.expires_at ?? 'unknown',
      },
    };
  });
}

/** Extends the lease if this owner still holds it; false when it was lost (expired and taken). */
export async function renewLease(
  db: Queryable,
  name: string,
  options: LeaseOptions & { owner: string },
): Promise<boolean> {
  return withDatabaseErrors(`Renewing lease ${name}`, async () => {
    const now = (options.now ?? (() => new Date()))();
    const updated = await db<LeaseRow>(LEASES_TABLE)
      .where({ name, owner: options.owner })
      .update({
        expires_at: new Date(now.getTime() + options.ttlMs).toISOString(),
        updated_at: now.toISOString(),
      });
    return updated === 1;
  });
}

/** Frees the lease if this owner holds it (a lease taken over meanwhile is left alone). */
export async function releaseLease(db: Queryable, name: string, owner: string): Promise<boolean> {
  return withDatabaseErrors(`Releasing lease ${name}`, async () => {
    const updated = await db<LeaseRow>(LEASES_TABLE).where({ name, owner }).update({
      owner: null,
      acquired_at: null,
      expires_at: null,
      updated_at: new Date().toISOString(),
    });
    return updated === 1;
  });
}

/** The current holder of a lease, or undefined when it is free or expired. */
export async function leaseHolder(
  db: Queryable,
  name: string,
  now: () => Date = () => new Date(),
): Promise<LeaseHolder | undefined> {
  return withDatabaseErrors(`Reading lease ${name}`, async () => {
    const row = await db<LeaseRow>(LEASES_TABLE).where({ name }).first();
    if (!row?.owner || !row.expires_at || row.expires_at < now().toISOString()) return undefined;
    return {
      name,
      owner: row.owner,
      acquiredAt: row.acquired_at ?? row.updated_at,
      expiresAt: row.expires_at,
    };
  });
}

/** What {@link withLease} hands the job. */
export interface HeldLease extends LeaseHolder {
  /**
   * Aborted when a renewal finds the lease lost (this process stalled past `ttlMs` and another
   * took it over): the job must stop before its next step that needs exclusivity.
   */
  readonly signal: AbortSignal;
}

/**
 * Runs `job` while holding the named lease: refuses with {@link LeaseHeldError} when another owner
 * holds it, renews it every third of `ttlMs` while the job runs, and releases it when the job ends
 * or fails.
 * @remarks A renewal that fails on a database error is retried at the next tick (the lease still
 * has two thirds of its time); one that finds the lease gone aborts `signal`. A process that dies
 * stops renewing, and the lease runs out after `ttlMs`.
 */
export async function withLease<T>(
  db: Queryable,
  name: string,
  options: LeaseOptions & { what: string; logger?: StoreLogger },
  job: (lease: HeldLease) => Promise<T>,
): Promise<T> {
  const logger = options.logger ?? silentLogger;
  const owner = options.owner ?? defaultLeaseOwner();
  const attempt = await acquireLease(db, name, { ...options, owner });
  if (!attempt.acquired) throw new LeaseHeldError(options.what, attempt.holder);
  logger.info({ lease: name, owner, expiresAt: attempt.lease.expiresAt }, 'lease acquired');
  const controller = new AbortController();
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = renewLease(db, name, { ...options, owner }).then(
        (held) => {
          if (held || controller.signal.aborted) return;
          logger.error({ lease: name, owner }, 'lease lost (expired and taken over); stopping');
          controller.abort(new Error(`lease ${name} was lost`));
        },
        (err: unknown) => {
          logger.warn({ lease: name, owner, err: (err as Error).message }, 'lease renewal failed');
        },
      );
    },
    Math.max(10, Math.floor(options.ttlMs / 3)),
  );
  try {
    return await job({ ...attempt.lease, signal: controller.signal });
  } finally {
    clearInterval(timer);
    await renewing;
    try {
      if (await releaseLease(db, name, owner))
        logger.info({ lease: name, owner }, 'lease released');
    } catch (err) {
      // It then simply expires.
      logger.warn({ lease: name, owner, err: (err as Error).message }, 'lease release failed');
    }
  }
}
