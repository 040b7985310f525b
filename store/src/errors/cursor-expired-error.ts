import { KildeError } from '@kilde/schemas';

/**
 * A change-feed position older than the retained outbox history: rows after it may have been
 * pruned, so reading on from it could silently skip changes.
 * @remarks HTTP 410: the position is gone for good; retrying the same cursor never helps. The
 * way back is a full export and its `X-Kilde-Changes-Cursor`.
 */
export class CursorExpiredError extends KildeError {
  constructor(
    readonly afterSeq: number,
    readonly watermark: number,
  ) {
    super(
      'CURSOR_EXPIRED',
      `The change history before seq ${watermark} has been pruned, so changes after seq ${afterSeq} are no longer complete`,
      { status: 410, details: { afterSeq, watermark } },
    );
  }
}
