import { AsyncLocalStorage } from 'node:async_hooks';
import type { PublicationMeta } from '@kilde/store';

const scope = new AsyncLocalStorage<Partial<PublicationMeta>>();

/** Runs `fn` so the publication hook records `meta` (actor, change note) on the outbox row. */
export function withPublicationMeta<T>(
  meta: Partial<PublicationMeta>,
  fn: () => Promise<T>,
): Promise<T> {
  return scope.run(meta, fn);
}

/** What the workflow decided for the publication in progress; read by the publication hook. */
export function currentPublicationMeta(): Partial<PublicationMeta> {
  return scope.getStore() ?? {};
}
