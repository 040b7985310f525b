import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { publishDocument, tombstoneDocument } from '@kilde/store';
import { article, createFaultDatabase, type FaultDatabase } from './helpers/database';
import { check, recordFigures } from './helpers/load';
import { startDispatcherProcess, type RunningProcess } from './helpers/processes';

interface Received {
  eventId: string;
  seq: number;
  id: string;
  locale: string;
  version: number;
  event: string;
}

// A partner's receiver is down for a while (first nothing listens, then it answers 503), while
// editors keep publishing new versions. The dispatcher process (store/dist) delivers through a
// consumer that POSTs each outbox event; when the receiver is back every event arrives, and for
// each item in the order its versions were published.
// Note: this checks the outbox dispatcher's guarantee (head-of-line retries, per-consumer order),
// which a webhook consumer inherits; cms/src/webhooks fans events out into its own delivery queue.
describe('a webhook receiver down for a while', () => {
  let database: FaultDatabase;
  let dispatcher: RunningProcess | undefined;
  let server: Server | undefined;

  beforeAll(async () => {
    database = await createFaultDatabase();
  });

  afterAll(async () => {
    try {
      await dispatcher?.stop();
      if (server) await new Promise((resolve) => server?.close(resolve));
    } finally {
      await database.close();
    }
  });

  it('gets every delivery after it is back, in order per item', async () => {
    // Reserve a port, then close it: "connection refused" until the receiver starts.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));

    dispatcher = await startDispatcherProcess({
      DATABASE_URL: database.db.url,
      OWNER: 'webhook-dispatcher',
      WEBHOOK_URL: `http://127.0.0.1:${port}/kilde-webhook`,
      LEASE_MS: '5000',
      POLL_MS: '20',
      // Fast retries for the test; never dead-letter during the outage.
      BACKOFF: JSON.stringify({
        baseMs: 100,
        factor: 2,
        maxMs: 800,
        maxAttempts: 10_000,
        jitter: 0.1,
      }),
    });

    // While the receiver is down: three items, several versions each, and one unpublish.
    const items = ['hjelp-angst', 'sovnvansker', 'rus-og-fest'];
    const published: { id: string; version: number }[] = [];
    for (let round = 1; round <= 4; round += 1) {
      for (const id of items) {
        const r = await publishDocument(
          database.knex,
          article(
            id,
            `Versjon ${round}: ${id}`,
            `## Runde ${round}\n\nOppdatert tekst om ${id}.\n`,
          ),
        );
        published.push({ id, version: r.version });
      }
    }
    await tombstoneDocument(
      database.knex,
      { type: 'article', id: 'rus-og-fest', locale: 'nb' },
      { actor: 'fault-suite' },
      'unpublished',
    );
    const totalEvents = items.length * 4 + 1;

    // Down for 2.5 s (connection refused), then up but failing with 503 for 1.5 s.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const received: Received[] = [];
    let refused = 0;
    let failing = true;
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (failing) {
          refused += 1;
          res.writeHead(503).end();
          return;
        }
        received.push(JSON.parse(body) as Received);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    const upAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    failing = false;
    const healthyAt = Date.now();

    const deadline = Date.now() + 30_000;
    while (new Set(received.map((r) => r.eventId)).size < totalEvents && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const lastArrival = Date.now();
    const context = `received ${JSON.stringify(received.map((r) => `${r.id}@${r.version}#${r.seq}`))}; refused while failing ${refused}\n${dispatcher.output().slice(-2000)}`;

    // Every event arrived (de-duplicated by event id, as receivers do) …
    const unique = [...new Map(received.map((r) => [r.eventId, r])).values()];
    check(unique.length === totalEvents, `expected ${totalEvents} events; ${context}`);
    check(refused > 0, `the failing receiver was never tried; ${context}`);
    // … each item's versions in publication order, the unpublish last …
    for (const id of items) {
      const versions = received.filter((r) => r.id === id).map((r) => r.version);
      const expected = published.filter((p) => p.id === id).map((p) => p.version);
      if (id === 'rus-og-fest') expected.push((expected[expected.length - 1] ?? 0) + 1);
      check(
        JSON.stringify(versions) === JSON.stringify(expected),
        `${id}: got versions ${JSON.stringify(versions)}, expected ${JSON.stringify(expected)}; ${context}`,
      );
    }
    expect(received.find((r) => r.id === 'rus-og-fest' && r.event === 'unpublished')).toBeDefined();
    // … and, across items, in outbox order.
    const seqs = received.map((r) => r.seq);
    check(
      seqs.every((seq, i) => i === 0 || seq > (seqs[i - 1] ?? 0)),
      `not in outbox order; ${context}`,
    );
    recordFigures('receiver-down', {
      events: totalEvents,
      refusedWhileFailing: refused,
      deliveredAfterHealthyMs: lastArrival - healthyAt,
      downMs: healthyAt - upAt + 2500,
      duplicates: received.length - unique.length,
    });
  });
});
