import { KildeError } from '@kilde/schemas';

/** Who holds a lease, as a refusal reports it. */
export interface LeaseHolder {
  name: string;
  owner: string;
  /** When the holder took the lease (ISO-8601 UTC). */
  acquiredAt: string;
  /** When it runs out unless its holder renews it (ISO-8601 UTC). */
  expiresAt: string;
}

/**
 * A job that runs one at a time is already running elsewhere: the lease is held and unexpired.
 * @remarks The message names the holder and since when, so an operator can tell a colleague's
 * run from a crashed one (whose lease runs out at `expiresAt`).
 */
export class LeaseHeldError extends KildeError {
  readonly holder: LeaseHolder;

  constructor(what: string, holder: LeaseHolder) {
    super(
      'LEASE_HELD',
      `${what} is already running: held by ${holder.owner} since ${holder.acquiredAt} ` +
        `(lock "${holder.name}", valid until ${holder.expiresAt} unless renewed; ` +
        'a holder that died loses it then)',
      { status: 409, details: holder },
    );
    this.holder = holder;
  }
}
