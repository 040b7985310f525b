import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { cmsMetrics } from '../observability/metrics';
import { IMPORT_EXPORT_TABLES } from '@kilde/migrations';
import type { OutboxConsumer, OutboxEvent } from '@kilde/store';
import { signWebhook } from '@kilde/api';
import { loadCmsConfig } from '../settings/load-config';
import { editorRecipients, notify } from '../workflow/notifications';
import { ENDPOINT_UID, enabledEndpoints, liveSecrets, type EndpointRow } from './endpoints';
import { refuseEndpointUrl } from './url-guard';
import { retryDelay, webhookTiming } from './timing';

export const WEBHOOK_CONSUMER = 'webhooks';
const T = IMPORT_EXPORT_TABLES;

export interface DeliveryRow {
  id: number;
  endpoint_id: string;
  event_id: string;
  seq: number;
  event: string;
  doc_type: string;
  doc_id: string;
  locale: string;
  version: number;
  payload: string;
  status: 'pending' | 'delivered' | 'abandoned';
  attempts: number;
  next_attempt_at: string | null;
  last_status: number | null;
  last_response_ms: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** Whether an endpoint wants an event (event kind, locale, type, topic). */
export function endpointWants(endpoint: EndpointRow, event: OutboxEvent): boolean {
  const name = `content.${event.event}`;
  if (endpoint.events?.length && !endpoint.events.includes(name)) return false;
  if (endpoint.locales?.length && !endpoint.locales.includes(event.locale)) return false;
  if (endpoint.types?.length && !endpoint.types.includes(event.type)) return false;
  if (endpoint.topics?.length && event.op === 'upsert') {
    // Deletions carry no topics; they reach every endpoint of the type, so nobody keeps stale content.
    const doc = event.document as {
      id: string;
      type: string;
      slug?: string;
      topics?: { id: string; slug?: string }[];
    };
    const own = doc.type === 'topic' && endpoint.topics.some((t) => t === doc.id || t === doc.slug);
    if (
      !own &&
      !(doc.topics ?? []).some((r) => endpoint.topics?.some((t) => t === r.id || t === r.slug))
    )
      return false;
  }
  return true;
}

/**
 * The webhook body: `{ type, timestamp, data }` as Standard Webhooks suggests. `data.document` is
 * the stored canonical JSON byte for byte (not re-serialised).
 */
export function webhookPayload(event: OutboxEvent): string {
  const head = `{"type":${JSON.stringify(`content.${event.event}`)},"timestamp":${JSON.stringify(event.createdAt)},"data":{"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},"locale":${JSON.stringify(event.locale)},"version":${event.version}`;
  return event.op === 'upsert'
    ? `${head},"document":${event.payload}}}`
    : `${head},"deletedAt":${JSON.stringify(event.deletedAt)}}}`;
}

/**
 * The outbox consumer: fans each event out into one delivery row per interested endpoint.
 * @remarks It never calls a partner itself, so it never fails because a partner is down: every
 * endpoint has its own queue and retry schedule in `kilde_webhook_deliveries` and one failing
 * partner holds up nobody. Starts at the newest event: a new installation does not replay
 * history to partners.
 */
export function createWebhookConsumer(strapi: Core.Strapi, wake: () => void): OutboxConsumer {
  return {
    name: WEBHOOK_CONSUMER,
    startAt: 'latest',
    async handle(event) {
      const endpoints = (await enabledEndpoints(strapi)).filter((e) => endpointWants(e, event));
      if (endpoints.length === 0) return;
      const now = new Date().toISOString();
      const payload = webhookPayload(event);
      const rows = endpoints.map((e) => ({
        endpoint_id: e.documentId,
        event_id: event.eventId,
        seq: event.seq,
        event: `content.${event.event}`,
        doc_type: event.type,
        doc_id: event.id,
        locale: event.locale,
        version: event.version,
        payload,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      }));
      // Redelivered outbox events (at least once) do not duplicate deliveries.
      await strapi.db
        .connection(T.webhookDeliveries)
        .insert(rows)
        .onConflict(['endpoint_id', 'event_id'])
        .ignore();
      wake();
    },
  };
}

export interface WebhookWorker {
  start(): void;
  stop(): Promise<void>;
  wake(): void;
  /** Sends every delivery due now; resolves to how many were attempted. */
  runOnce(): Promise<number>;
}

/** Sends due deliveries, a few at a time, and schedules retries; disables endpoints that keep failing. */
export function createWebhookWorker(
  strapi: Core.Strapi,
  options: { fetch?: typeof fetch; now?: () => Date } = {},
): WebhookWorker {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const knex = (): Knex => strapi.db.connection;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let again = false;

  async function attempt(delivery: DeliveryRow, endpoint: EndpointRow): Promise<boolean> {
    const t = webhookTiming();
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    const refusal = loadCmsConfig().isProduction
      ? await refuseEndpointUrl(endpoint.url, { production: true })
      : null;
    if (refusal) error = `URL ${refusal}`;
    else {
      try {
        const headers = signWebhook({
          id: delivery.event_id,
          payload: delivery.payload,
          secrets: liveSecrets(endpoint, now().getTime()),
          now: now(),
        });
        const res = await doFetch(endpoint.url, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'user-agent': 'Kilde-Webhooks/1',
          },
          body: delivery.payload,
          redirect: 'manual',
          signal: AbortSignal.timeout(t.timeoutMs),
        });
        status = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (err) {
        error =
          (err as Error).name === 'TimeoutError'
            ? `no answer within ${t.timeoutMs} ms`
            : `could not connect (${(err as Error).message})`;
      }
    }
    const ms = Date.now() - started;
    if (error)
      cmsMetrics()?.webhookFailures.inc({
        reason: refusal ? 'refused-url' : status === null ? 'network' : 'http',
      });
    const at = now();
    const attempts = delivery.attempts + 1;
    await knex()(T.webhookAttempts).insert({
      delivery_id: delivery.id,
      endpoint_id: delivery.endpoint_id,
      attempt: attempts,
      status,
      response_ms: ms,
      error,
      created_at: at.toISOString(),
    });
    if (!error) {
      await knex()(T.webhookDeliveries).where({ id: delivery.id }).update({
        status: 'delivered',
        attempts,
        last_status: status,
        last_response_ms: ms,
        last_error: null,
        next_attempt_at: null,
        delivered_at: at.toISOString(),
      });
      return true;
    }
    const next = at.getTime() + retryDelay(attempts, t);
    if (next - Date.parse(delivery.created_at) > t.retryWindowMs) {
      await knex()(T.webhookDeliveries).where({ id: delivery.id }).update({
        status: 'abandoned',
        attempts,
        last_status: status,
        last_response_ms: ms,
        last_error: error,
        next_attempt_at: null,
      });
      await disable(
        endpoint,
        `Deliveries failed for ${Math.round(t.retryWindowMs / 3_600_000)} hours (last: ${error}).`,
      );
      return false;
    }
    await knex()(T.webhookDeliveries)
      .where({ id: delivery.id })
      .update({
        attempts,
        last_status: status,
        last_response_ms: ms,
        last_error: error,
        next_attempt_at: new Date(next).toISOString(),
      });
    return false;
  }

  async function disable(endpoint: EndpointRow, reason: string): Promise<void> {
    await strapi.db.transaction(async ({ trx, onCommit }) => {
      await strapi.db.query(ENDPOINT_UID).update({
        where: { id: endpoint.id },
        data: { enabled: false, disabledReason: reason, disabledAt: new Date().toISOString() },
      });
      const partner = (await strapi.db
        .query('api::partner.partner')
        .findOne({ where: { name: endpoint.partner } })) as { contactEmail?: string } | null;
      const recipients = [
        ...(await editorRecipients(strapi, null)),
        ...(partner?.contactEmail ? [partner.contactEmail] : []),
      ];
      await notify(
        strapi,
        trx as never,
        {
          recipients,
          // The notifications table takes any kind; the union covers the workflow's own.
          kind: 'webhook-disabled' as never,
          subject: `Webhook slått av / webhook disabled: ${endpoint.partner}`,
          text:
            `Webhooken ${endpoint.url} for ${endpoint.partner} er slått av fordi leveransene har feilet i over et døgn. ${reason}\n` +
            `Slå den på igjen i Kilde (Webhook endpoint → enabled) når mottakeren virker; ventende leveranser sendes da.\n\n` +
            `The webhook ${endpoint.url} for ${endpoint.partner} was disabled because deliveries kept failing for more than a day. ${reason}\n` +
            `Enable it again in Kilde (Webhook endpoint → enabled) once the receiver works; pending deliveries are then sent.`,
        },
        onCommit as never,
      );
    });
  }

  async function runOnce(): Promise<number> {
    // Deliveries of disabled endpoints wait (and are sent when it is enabled again).
    const endpoints = new Map((await enabledEndpoints(strapi)).map((e) => [e.documentId, e]));
    if (endpoints.size === 0) return 0;
    const table = T.webhookDeliveries;
    const due = (await knex()(table)
      .where({ status: 'pending' })
      .whereIn('endpoint_id', [...endpoints.keys()])
      .andWhere('next_attempt_at', '<=', now().toISOString())
      // In order per item: a delivery waits while an older one for the same endpoint and item
      // is still pending (say, retrying after a 500), so version 3 never overtakes version 2.
      .whereNotExists(function olderPending(this: Knex.QueryBuilder) {
        void this.select(knex().raw('1'))
          .from(`${table} as older`)
          .whereRaw('older.endpoint_id = ??', [`${table}.endpoint_id`])
          .whereRaw('older.doc_id = ??', [`${table}.doc_id`])
          .whereRaw('older.locale = ??', [`${table}.locale`])
          .where('older.status', 'pending')
          .whereRaw('older.id < ??', [`${table}.id`]);
      })
      .orderBy('id')
      .limit(50)) as DeliveryRow[];
    if (due.length === 0) return 0;
    let n = 0;
    // A few deliveries in parallel, never two to the same endpoint at once.
    const byEndpoint = new Map<string, DeliveryRow[]>();
    for (const d of due) {
      const e = endpoints.get(d.endpoint_id);
      if (!e || e.enabled === false) continue;
      byEndpoint.set(d.endpoint_id, [...(byEndpoint.get(d.endpoint_id) ?? []), d]);
    }
    await Promise.all(
      [...byEndpoint.entries()].map(async ([id, list]) => {
        const endpoint = endpoints.get(id) as EndpointRow;
        const held = new Set<string>();
        for (const d of list) {
          // An earlier delivery of this item failed in this pass: the later one waits for it.
          if (held.has(`${d.doc_id}\u0000${d.locale}`)) continue;
          const delivered = await attempt(d, endpoint);
          if (!delivered) held.add(`${d.doc_id}\u0000${d.locale}`);
          n += 1;
          const fresh = (await strapi.db
            .query(ENDPOINT_UID)
            .findOne({ where: { id: endpoint.id } })) as EndpointRow | null;
          if (!fresh || fresh.enabled === false) break;
        }
      }),
    );
    return n;
  }

  const schedule = (ms: number): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), ms);
    timer.unref();
  };

  async function loop(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    try {
      running = runOnce();
      const n = await running;
      if (n > 0) again = true;
    } catch (err) {
      strapi.log.warn(`webhooks: delivery round failed: ${(err as Error).message}`);
    } finally {
      running = undefined;
    }
    if (again) {
      again = false;
      schedule(0);
    } else schedule(webhookTiming().pollMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
    wake() {
      if (!stopped) schedule(0);
    },
    runOnce,
  };
}

/** Sends a delivery again now (manual redelivery), whatever its state. */
export async function redeliver(
  knex: Knex,
  endpointId: string,
  deliveryId: number,
): Promise<boolean> {
  const n = await knex(T.webhookDeliveries)
    .where({ id: deliveryId, endpoint_id: endpointId })
    .update({
      status: 'pending',
      next_attempt_at: new Date().toISOString(),
      created_at: new Date().toISOString(),
    });
  return n > 0;
}

/** The delivery log of one endpoint, newest first. */
export async function listDeliveries(
  knex: Knex,
  endpointId: string,
  limit = 50,
): Promise<Record<string, unknown>[]> {
  const rows = (await knex(T.webhookDeliveries)
    .select(
      'id',
      'event_id',
      'event',
      'doc_type',
      'doc_id',
      'locale',
      'version',
      'status',
      'attempts',
      'next_attempt_at',
      'last_status',
      'last_response_ms',
      'last_error',
      'created_at',
      'delivered_at',
    )
    .where({ endpoint_id: endpointId })
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 200))) as DeliveryRow[];
  const attempts = rows.length
    ? ((await knex(T.webhookAttempts)
        .select('delivery_id', 'attempt', 'status', 'response_ms', 'error', 'created_at')
        .whereIn(
          'delivery_id',
          rows.map((r) => r.id),
        )
        .orderBy('id')) as { delivery_id: number }[])
    : [];
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    event: r.event,
    document: { type: r.doc_type, id: r.doc_id, locale: r.locale, version: r.version },
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastStatus: r.last_status,
    lastResponseMs: r.last_response_ms,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    log: attempts.filter((a) => a.delivery_id === r.id).map(({ delivery_id: _d, ...a }) => a),
  }));
}
