import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as Webhooks from '../../src/webhooks';

// The modules Strapi loaded (cms/dist), so they share its state.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webhooks = require(join(cmsDir, 'dist', 'src', 'webhooks')) as typeof Webhooks;

jest.setTimeout(300_000);

/**
 * On SQLite the second node only sends (no outbox dispatcher) and is paused while this node
 * publishes: Strapi's publish transaction reads before it writes, and SQLite refuses that write
 * (SQLITE_BUSY, "database is locked") when another process committed in between — the reason
 * several CMS processes on one SQLite file are not a supported deployment (docs/operations.md).
 * On PostgreSQL the second node is a full node and runs throughout.
 */
const SQLITE = !process.env.KILDE_TEST_PG_URL;
const ENDPOINT = 'api::webhook-endpoint.webhook-endpoint';
const ARTICLE = 'api::article.article';
const TIMING = {
  baseDelayMs: 40,
  maxDelayMs: 200,
  pollMs: 20,
  retryWindowMs: 120_000,
  timeoutMs: 2_000,
  claimMs: 3_000,
};

/** One request as a partner's receiver saw it. */
interface Arrival {
  webhookId: string;
  item: string;
  version: number;
  status: number;
  /** When the request arrived (ms since epoch). */
  at: number;
}

/**
 * A partner's receiver on loopback. It answers 503 while `down`, fails (500) the first attempt
 * of every `failEvery`-th webhook id it sees, and otherwise answers 200 after a few ms. It
 * also checks, as requests arrive, that no item ever has two requests in flight at once (which
 * any double send or reordering between nodes would cause).
 */
async function receiver(options: { failEvery?: number; hangFirst?: boolean } = {}): Promise<{
  url: string;
  server: Server;
  arrivals: Arrival[];
  overlaps: string[];
  hung: ServerResponse[];
  setDown(down: boolean): void;
}> {
  const arrivals: Arrival[] = [];
  const overlaps: string[] = [];
  const hung: ServerResponse[] = [];
  const inFlight = new Map<string, string>();
  const failedOnce = new Set<string>();
  const failing = new Map<string, boolean>();
  let down = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const webhookId = String(req.headers['webhook-id']);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        data: { id: string; locale: string; version: number };
      };
      const item = `${body.data.id}/${body.data.locale}`;
      const other = inFlight.get(item);
      if (other !== undefined) overlaps.push(`${item}: ${webhookId} while ${other} in flight`);
      inFlight.set(item, webhookId);
      const answer = (status: number): void => {
        arrivals.push({ webhookId, item, version: body.data.version, status, at });
        if (inFlight.get(item) === webhookId) inFlight.delete(item);
        res.writeHead(status).end();
      };
      if (options.hangFirst && arrivals.length === 0 && hung.length === 0) {
        // Never answered: the sender is killed while it waits.
        arrivals.push({ webhookId, item, version: body.data.version, status: 0, at });
        inFlight.delete(item);
        hung.push(res);
        return;
      }
      if (down) return answer(503);
      if (!failing.has(webhookId))
        failing.set(webhookId, !!options.failEvery && failing.size % options.failEvery === 0);
      if (failing.get(webhookId) && !failedOnce.has(webhookId)) {
        failedOnce.add(webhookId);
        return answer(500);
      }
      setTimeout(() => answer(200), 2 + Math.floor(Math.random() * 12));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    server,
    arrivals,
    overlaps,
    hung,
    setDown: (d) => {
      down = d;
    },
  };
}

const article = (slug: string): Record<string, unknown> => ({
  title: `Søvn og skjerm ${slug}`,
  slug,
  summary: 'Hvorfor skjermen om kvelden gjør det vanskelig å sovne.',
  body: '## Hvorfor\n\nLyset fra skjermen holder deg våken.\n',
  audience: ['13-15'],
  authors: ['Test Forfatter'],
  licence: 'CC-BY-4.0',
  professionallyResponsible: { name: 'Kari Nordmann', profession: 'doctor' },
  sources: [{ title: 'Søvnveileder', kind: 'guideline', url: 'https://example.org/sovn' }],
  lastReviewed: '2026-01-15',
  reviewIntervalMonths: 12,
});

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 60_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A second CMS node (cms/test/fixtures/cms-node.js) in its own process on the same database. */
interface Node {
  child: ChildProcess;
  owner: string;
  output: () => string;
  send(cmd: 'pause' | 'resume' | 'timing', extra?: Record<string, unknown>): Promise<void>;
}

async function startNode(): Promise<Node> {
  let out = '';
  const child = fork(join(cmsDir, 'test', 'fixtures', 'cms-node.js'), [], {
    env: {
      ...process.env,
      KILDE_TEST_WEBHOOK_TIMING: JSON.stringify(TIMING),
      ...(SQLITE ? { KILDE_TEST_SENDER_ONLY: '1' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const keep = (c: Buffer): void => {
    out = (out + c.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const owner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`second node did not boot:\n${out}`)), 180_000);
    child.once('exit', (code) => reject(new Error(`second node exited (${code}):\n${out}`)));
    child.on('message', (m: { ready?: boolean; owner?: string }) => {
      if (m.ready && m.owner) {
        clearTimeout(timer);
        resolve(m.owner);
      }
    });
  });
  return {
    child,
    owner,
    output: () => out,
    send: (cmd, extra = {}) =>
      new Promise<void>((resolve) => {
        const onMessage = (m: { done?: string }): void => {
          if (m.done !== cmd) return;
          child.off('message', onMessage);
          resolve();
        };
        child.on('message', onMessage);
        child.send({ cmd, ...extra });
      }),
  };
}

/**
 * Two CMS nodes on one database (SQLite here, PostgreSQL with KILDE_TEST_PG_URL): the test's own
 * Strapi and a second Strapi process, each running the outbox dispatcher and the webhook sender.
 * Partners' receivers on loopback count what arrives.
 */
describe('webhook deliveries from two CMS nodes', () => {
  let cms: TestCms;
  let node: Node | undefined;
  const servers: Server[] = [];
  const knex = () => cms.strapi.db.connection;

  beforeAll(async () => {
    webhooks.setWebhookTiming(TIMING);
    cms = await startCms();
    node = await startNode();
  });

  afterAll(async () => {
    webhooks.setWebhookTiming(undefined);
    try {
      if (node && node.child.exitCode === null && node.child.signalCode === null) {
        const exited = new Promise((r) => node?.child.once('exit', r));
        node.child.send({ cmd: 'stop' });
        const timer = setTimeout(() => node?.child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      for (const s of servers) s.close();
    } finally {
      await cms?.stop();
    }
  });

  it('sends every delivery exactly once and in order per item while both nodes send', async () => {
    const ownerA = webhooks.getWebhookWorker()?.owner as string;
    const ownerB = (node as Node).owner;
    expect(ownerA).toBeTruthy();
    expect(ownerB).not.toBe(ownerA);

    // Three partners; one fails the first attempt of every third delivery, so retries and the
    // per-item hold happen while both nodes compete.
    const rxs = [await receiver(), await receiver({ failEvery: 3 }), await receiver()];
    servers.push(...rxs.map((r) => r.server));
    const endpointIds: string[] = [];
    for (const [i, rx] of rxs.entries()) {
      const e = (await cms.strapi.documents(ENDPOINT as never).create({
        data: { partner: `Partner ${i + 1}`, url: rx.url } as never,
      })) as unknown as { documentId: string };
      endpointIds.push(e.documentId);
    }

    // The receivers are down while editors publish: a backlog builds up and is retried by both
    // nodes, which then race for the same due rows once the receivers are back.
    for (const rx of rxs) rx.setDown(true);
    if (SQLITE) await (node as Node).send('pause');
    const docs = cms.strapi.documents(ARTICLE);
    const items: string[] = [];
    const versions = 3;
    for (let i = 0; i < 8; i += 1) {
      const d = await docs.create({
        locale: 'nb',
        data: article(`flere-noder-${i}`) as never,
        status: 'published',
      });
      items.push(`${d.documentId}/nb`);
    }
    for (let v = 2; v <= versions; v += 1) {
      for (const [i, item] of items.entries()) {
        await docs.update({
          documentId: item.split('/')[0] as string,
          locale: 'nb',
          data: { title: `Søvn og skjerm ${i}, versjon ${v}` } as never,
          status: 'published',
        });
      }
    }
    const expected = items.length * versions;
    await until('the fan-out of every event to every endpoint', async () => {
      const [row] = await knex()('kilde_webhook_deliveries')
        .whereIn('endpoint_id', endpointIds)
        .count<{ n: number | string }[]>({ n: '*' });
      return Number(row?.n) === expected * rxs.length;
    });
    if (SQLITE) {
      await (node as Node).send('resume');
      // Both nodes retry the failing backlog for a moment before the receivers come back.
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const rx of rxs) rx.setDown(false);

    const accepted = (rx: (typeof rxs)[number]) => rx.arrivals.filter((a) => a.status === 200);
    await until(
      'every delivery to be accepted',
      () => rxs.every((rx) => accepted(rx).length >= expected),
      120_000,
    );
    // Anything sent twice would still be on its way: give it time to show up.
    await new Promise((r) => setTimeout(r, 1_000));

    for (const rx of rxs) {
      // Exactly once: each webhook id is accepted once, and nothing more arrives for it after.
      const byId = new Map<string, Arrival[]>();
      for (const a of rx.arrivals) byId.set(a.webhookId, [...(byId.get(a.webhookId) ?? []), a]);
      expect(byId.size).toBe(expected);
      for (const [id, list] of byId) {
        const oks = list.filter((a) => a.status === 200);
        expect({ id, accepted: oks.length }).toEqual({ id, accepted: 1 });
        expect(list[list.length - 1]?.status).toBe(200);
      }
      // In order per item: versions never go back, and each item's accepted versions are 1, 2, 3.
      for (const item of items) {
        const seen = rx.arrivals.filter((a) => a.item === item).map((a) => a.version);
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        expect(
          accepted(rx)
            .filter((a) => a.item === item)
            .map((a) => a.version),
        ).toEqual([1, 2, 3]);
      }
      // Never two requests for one item at the same time.
      expect(rx.overlaps).toEqual([]);
    }

    // The database agrees, and both nodes did send: this was a race, not one node doing it all.
    const rows = await knex()('kilde_webhook_deliveries')
      .whereIn('endpoint_id', endpointIds)
      .select<{ status: string; claimed_by: string | null }[]>('status', 'claimed_by');
    expect(rows.every((r) => r.status === 'delivered' && r.claimed_by === null)).toBe(true);
    const senders = await knex()('kilde_webhook_attempts')
      .whereIn('endpoint_id', endpointIds)
      .where('status', 200)
      .select('sent_by')
      .groupBy('sent_by')
      .count<{ sent_by: string; n: number | string }[]>({ n: '*' });
    const bySender = Object.fromEntries(senders.map((s) => [s.sent_by, Number(s.n)]));
    expect(Object.keys(bySender).sort()).toEqual([ownerA, ownerB].sort());
    expect(Object.values(bySender).reduce((a, b) => a + b, 0)).toBe(expected * rxs.length);
    const [retried] = await knex()('kilde_webhook_attempts')
      .whereIn('endpoint_id', endpointIds)
      .whereNot('status', 200)
      .count<{ n: number | string }[]>({ n: '*' });
    expect(Number(retried?.n)).toBeGreaterThan(0);

    // Park these endpoints: the next test watches one endpoint alone.
    for (const id of endpointIds)
      await cms.strapi
        .documents(ENDPOINT as never)
        .update({ documentId: id, data: { enabled: false } as never });
  });

  it('takes over a delivery whose node was killed mid-send once its claim runs out', async () => {
    const ownerA = webhooks.getWebhookWorker()?.owner as string;
    const b = node as Node;
    const rx = await receiver({ hangFirst: true });
    servers.push(rx.server);
    const e = (await cms.strapi.documents(ENDPOINT as never).create({
      data: { partner: 'Krasjpartner', url: rx.url } as never,
    })) as unknown as { documentId: string };

    // Only the second node sends for now, so it is the one holding the claim when it dies; its
    // requests wait long enough that it is killed while one is open.
    await webhooks.getWebhookWorker()?.stop();
    await b.send('timing', { timing: { ...TIMING, timeoutMs: 6_000, claimMs: 8_000 } });
    if (SQLITE) await b.send('pause');
    const docs = cms.strapi.documents(ARTICLE);
    const d = await docs.create({
      locale: 'nb',
      data: article('krasj') as never,
      status: 'published',
    });
    await docs.update({
      documentId: d.documentId,
      locale: 'nb',
      data: { title: 'Søvn og skjerm etter krasjen' } as never,
      status: 'published',
    });
    if (SQLITE) {
      await until('the fan-out to the new endpoint', async () => {
        const [row] = await knex()('kilde_webhook_deliveries')
          .where({ endpoint_id: e.documentId })
          .count<{ n: number | string }[]>({ n: '*' });
        return Number(row?.n) === 2;
      });
      await b.send('resume');
    }
    await until('the second node to be sending version 1', () => rx.hung.length === 1);
    const first = (await knex()('kilde_webhook_deliveries')
      .where({ endpoint_id: e.documentId })
      .orderBy('id')
      .first()) as { id: number; version: number; claimed_by: string; claimed_until: string };
    expect(first).toMatchObject({ version: 1, claimed_by: b.owner });
    const claimEnds = Date.parse(first.claimed_until);

    // The second node dies without a word; its claim stays behind.
    b.child.kill('SIGKILL');
    await new Promise((r) => b.child.once('exit', r));
    webhooks.getWebhookWorker()?.start();

    await until(
      'both versions to be accepted',
      () => rx.arrivals.filter((a) => a.status === 200).length === 2,
      30_000,
    );
    const retry = rx.arrivals[1] as Arrival;
    // Sent again by the surviving node, only after the dead node's claim ran out …
    expect(retry).toMatchObject({ webhookId: rx.arrivals[0]?.webhookId, version: 1, status: 200 });
    expect(retry.at).toBeGreaterThanOrEqual(claimEnds);
    // … and version 2 only after version 1 got through.
    expect(rx.arrivals.map((a) => `${a.version}:${a.status}`)).toEqual(['1:0', '1:200', '2:200']);
    expect(rx.overlaps).toEqual([]);
    const attempts = await knex()('kilde_webhook_attempts')
      .where({ delivery_id: first.id })
      .select<{ sent_by: string; status: number }[]>('sent_by', 'status');
    // The dead node never recorded its attempt; the survivor recorded the one that counted.
    expect(attempts).toEqual([{ sent_by: ownerA, status: 200 }]);
  });
});
