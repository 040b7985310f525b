import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { TABLES } from '@kilde/migrations';
import { createOutboxDispatcher, outboxStatus, replayConsumer, type OutboxDispatcher } from '@kilde/store';
import { createEmbeddedSearchEngine, type EmbeddedSearchEngine } from '@kilde/search';
import { createSearchIndexConsumer } from './search-index-consumer';
import { searchDocumentsFromReadStore } from './read-store-documents';

export interface SearchRuntime {
  engine: EmbeddedSearchEngine;
  dispatcher: OutboxDispatcher;
  /** Saves a snapshot now (also done periodically and on close). */
  snapshot(): Promise<void>;
  close(): Promise<void>;
}

export interface SearchRuntimeOptions {
  knex: Knex;
  logger: Logger;
  /** Where the embedded index is kept between restarts; no snapshots when omitted. */
  snapshotPath?: string;
  consumerName?: string;
  snapshotIntervalMs?: number;
  pollIntervalMs?: number;
}

interface SnapshotMeta {
  lastSeq: number;
}

function readMeta(path: string): SnapshotMeta | undefined {
  try {
    return JSON.parse(readFileSync(`${path}.meta.json`, 'utf8')) as SnapshotMeta;
  } catch {
    return undefined;
  }
}

function writeMeta(path: string, meta: SnapshotMeta): void {
  const tmp = `${path}.meta.json.tmp`;
  writeFileSync(tmp, JSON.stringify(meta));
  renameSync(tmp, `${path}.meta.json`);
}

/**
 * Runs the embedded search engine inside the API process, fed by the outbox.
 * @remarks The index lives where queries arrive (the API), so this process runs its own outbox
 * dispatcher with one consumer. On start it loads the snapshot and replays the outbox from the
 * snapshot's last seq; without a snapshot it bulk-loads the read store and continues from the
 * outbox head it saw before reading, so nothing published meanwhile is missed. While the engine
 * is down (process stopped), publishes simply wait in the outbox.
 */
export async function startSearchRuntime(options: SearchRuntimeOptions): Promise<SearchRuntime> {
  const { knex, logger, snapshotPath } = options;
  const name = options.consumerName ?? 'search-index';
  const meta = snapshotPath && existsSync(snapshotPath) ? readMeta(snapshotPath) : undefined;
  const engine = await createEmbeddedSearchEngine({ snapshotPath: meta ? snapshotPath : undefined });

  let lastSeq = meta?.lastSeq ?? 0;
  const status = await outboxStatus(knex);
  const known = status.consumers.find((c) => c.name === name);
  if (!meta) {
    const head = status.headSeq;
    const started = Date.now();
    await engine.replaceAll(searchDocumentsFromReadStore(knex));
    lastSeq = head;
    const now = new Date().toISOString();
    await knex(TABLES.outboxConsumers)
      .insert({ name, cursor: head, updated_at: now })
      .onConflict('name')
      .merge({ cursor: head, updated_at: now });
    await knex(TABLES.outboxDeliveries).where({ consumer: name }).del();
    logger.info({ documents: (await engine.stats()).numberOfDocuments, ms: Date.now() - started }, 'search index built from the read store');
  } else if (known && known.cursor > lastSeq) {
    await replayConsumer(knex, name, { fromSeq: lastSeq + 1 });
  }

  let savedSeq = meta ? lastSeq : -1;
  const consumer = createSearchIndexConsumer(knex, engine, {
    name,
    onApplied: (seq) => {
      lastSeq = Math.max(lastSeq, seq);
    },
  });
  const dispatcher = createOutboxDispatcher({
    knex,
    consumers: [consumer],
    logger,
    pollIntervalMs: options.pollIntervalMs ?? 200,
  });
  dispatcher.start();

  async function snapshot(): Promise<void> {
    if (!snapshotPath || savedSeq === lastSeq) return;
    // The seq is read in the same tick the engine state is captured, so the snapshot holds at
    // least everything up to it; replaying from there on restart is idempotent.
    const seq = lastSeq;
    mkdirSync(dirname(snapshotPath), { recursive: true });
    await engine.saveSnapshot(snapshotPath);
    writeMeta(snapshotPath, { lastSeq: seq });
    savedSeq = seq;
  }

  const timer = setInterval(() => {
    snapshot().catch((err: unknown) => logger.warn({ err }, 'search snapshot failed'));
  }, options.snapshotIntervalMs ?? 30_000);
  timer.unref();

  return {
    engine,
    dispatcher,
    snapshot,
    async close() {
      clearInterval(timer);
      await dispatcher.stop();
      await snapshot().catch((err: unknown) => logger.warn({ err }, 'search snapshot failed'));
      await engine.close();
    },
  };
}
