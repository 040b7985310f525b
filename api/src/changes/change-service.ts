import type { Knex } from 'knex';
import type { CanonicalDocument } from '@kilde/schemas';
import { GraphQLError } from 'graphql';
import { CursorExpiredError, listChanges, type Change } from '@kilde/store';
import type { DocumentRepository } from '../content/document-repository';
import type { Edge, Page } from '../content/content-service';
import { EPHEMERAL } from '../graphql/execution/fast-executor';
import { ApiErrorCode, CURSOR_EXPIRED_MESSAGE, HISTORY_START_PRUNED_MESSAGE } from '../http/error-codes';
import { decodeChangeCursor, encodeChangeCursor } from './change-cursor';

/**
 * The partner delta feed: every upsert and tombstone in publication order, read from the outbox.
 * @remarks Keys without `read:questions` do not see question changes. Their pages may then hold
 * fewer than `first` edges, but `endCursor` still advances past everything read, so a partner
 * storing it never reads the same rows twice. A `since` older than the retained outbox history
 * (no `since` counts as the very beginning) is refused with `CURSOR_EXPIRED`.
 */
export class ChangeService {
  constructor(
    private readonly knex: Knex,
    private readonly repo: DocumentRepository,
  ) {}

  async page(since: string | null | undefined, first: number, includeQuestions: boolean): Promise<Page<Change>> {
    const afterSeq = since ? decodeChangeCursor(since) : 0;
    const page = await listChanges(this.knex, { afterSeq, limit: first }).catch((err: unknown) => {
      // HTTP 410 like the delta export: the position is gone for good, retrying cannot help.
      if (err instanceof CursorExpiredError) {
        throw new GraphQLError(since ? CURSOR_EXPIRED_MESSAGE : HISTORY_START_PRUNED_MESSAGE, {
          extensions: { code: ApiErrorCode.CursorExpired, argumentName: 'since', http: { status: 410 } },
        });
      }
      throw err;
    });
    const edges: Edge<Change>[] = [];
    for (const change of page.changes) {
      if (change.type === 'question' && !includeQuestions) continue;
      // Read per request: the fast executor need not cache fragments keyed by these.
      const edge: Edge<Change> & { [EPHEMERAL]: true } = { [EPHEMERAL]: true, node: Object.assign(change, { [EPHEMERAL]: true as const }), cursor: encodeChangeCursor(change.seq) };
      edges.push(edge);
    }
    return { edges, hasNextPage: page.hasMore, endCursor: encodeChangeCursor(page.lastSeq) };
  }

  /** The document as of an upsert (that exact version), or null for a tombstone. */
  item(change: Change): CanonicalDocument | null {
    if (change.op !== 'upsert') return null;
    return this.repo.parse(change.id, change.locale, change.version, change.json);
  }

  /** When a tombstone's document was withdrawn. */
  deletedAt(change: Change): string | null {
    if (change.op !== 'delete') return null;
    const payload = JSON.parse(change.json) as { deletedAt?: string };
    return payload.deletedAt ?? change.createdAt;
  }
}
