import { KildeError } from '@kilde/schemas';

/** Why a snapshot could not be written or read. */
export type SnapshotFailure = 'io' | 'corrupt' | 'incompatible';

/**
 * Writing or loading an embedded-engine snapshot failed. `details.reason` tells a caller whether
 * to reindex from the read store (`corrupt`, `incompatible`) or to look at the disk (`io`).
 */
export class SearchSnapshotError extends KildeError {
  declare readonly details: { reason: SnapshotFailure; path: string };

  constructor(
    message: string,
    reason: SnapshotFailure,
    path: string,
    options: { cause?: unknown } = {},
  ) {
    super('SEARCH_SNAPSHOT_FAILED', message, {
      status: 500,
      details: { reason, path },
      cause: options.cause,
    });
  }
}
