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
import {
  claimDueDeliveries,
  recordAttempt,
  releaseClaims,
  renewClaim,
  senderId,
  type DeliveryRow,
  type DeliveryStatus,
} from './claims';

export const WEBHOOK_CONSUMER = 'webhooks';
const T = IMPORT_EXPORT_TABLES;

export type { DeliveryRow, DeliveryStatus } from './claims';

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

/** `25 hours`, `3 minutes`, `2 seconds`: the retry window in words for the notice. */
function duration(ms: number): string {
  const [n, unit] =
    ms >= 3_600_000
      ? [Math.round(ms / 3_600_000), 'hour']
      : ms >= 60_000
        ? [Math.round(ms / 60_000), 'minute']
        : [Math.max(1, Math.round(ms / 1000)), 'second'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export interface WebhookWorker {
  /** This sender's id, as written to `claimed_by` and `kilde_webhook_attempts.sent_by`. */
  readonly owner: string;
  start(): void;
  /** Stops after the round in flight and gives back the claims it still holds. */
  stop(): Promise<void>;
  wake(): void;
  /** Claims and sends every delivery due now; resolves to how many were attempted. */
  runOnce(): Promise<number>;
}

export interface WebhookWorkerOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  /**
   * The pool deliveries are claimed and recorded through; default the CMS's own. Tests give a
   * second worker its own pool to stand in for a second node.
   */
  knex?: Knex;
  /** This sender's id; default `senderId()` (host, pid, random). */
  owner?: string;
}

/**
 * Sends due deliveries, a few at a time, and schedules retries; disables endpoints that keep
 * failing.
 * @remarks Safe on several CMS nodes at once (issue #10): each round claims its rows
 * (`claimDueDeliveries`) before sending, renews the claim just before each attempt and records
 * the outcome fenced by it, so no delivery is sent by two nodes, and a later delivery of an item
 * is not claimed while an earlier one is pending anywhere. A node that crashes mid-round leaves
 * claims that run out after `claimMs`; another node then sends those rows. The claim must outlast
 * one attempt (`claimMs` > `timeoutMs`): it is renewed to `claimMs` right before each request.
 */
export function createWebhookWorker(
  strapi: Core.Strapi,
  options: WebhookWorkerOptions = {},
): WebhookWorker {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const knex = (): Knex => options.knex ?? strapi.db.connection;
  const owner = options.owner ?? senderId();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let stopping = false;
  let again = false;

  /** Sends one claimed delivery and records it; false when it did not get through. */
  async function attempt(delivery: DeliveryRow, endpoint: EndpointRow): Promise<boolean> {
    const t = webhookTiming();
    // The claim may have run out while earlier deliveries of this round were sent; renewing it
    // is what makes sure no other node has taken the row meanwhile.
    if (!(await renewClaim(knex(), delivery.id, owner, new Date(now().getTime() + t.claimMs))))
      return false;
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
    const next = at.getTime() + retryDelay(delivery.attempts + 1, t);
    const abandon = error !== null && next - Date.parse(delivery.created_at) > t.retryWindowMs;
    const recorded = await recordAttempt(knex(), {
      delivery,
      owner,
      at,
      status,
      responseMs: ms,
      error,
      next: !error
        ? { status: 'delivered' }
        : abandon
          ? { status: 'abandoned' }
          : { status: 'pending', nextAttemptAt: new Date(next) },
    });
    if (!recorded) {
      strapi.log.warn(
        `webhooks: delivery ${delivery.id} was taken over by another node while ${owner} sent it; its outcome is not recorded`,
      );
      return false;
    }
    if (abandon)
      await disable(
        endpoint,
        `Deliveries failed for ${duration(t.retryWindowMs)} (last: ${error}).`,
      );
    return !error;
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
            `Slå den på igjen i Kilde (Partnerwebhooker → ${endpoint.partner} → Slå på igjen) når mottakeren virker; ventende leveranser sendes da, og de som er gitt opp, sendes med «Lever på nytt».\n\n` +
            `The webhook ${endpoint.url} for ${endpoint.partner} was disabled because deliveries kept failing for more than a day. ${reason}\n` +
            `Enable it again in Kilde (Partner webhooks → ${endpoint.partner} → Switch on again) once the receiver works; waiting deliveries are then sent, and given-up ones with Redeliver.`,
        },
        onCommit as never,
      );
    });
  }

  async function runOnce(): Promise<number> {
    // Deliveries of disabled endpoints wait (and are sent when it is enabled again).
    const endpoints = new Map((await enabledEndpoints(strapi)).map((e) => [e.documentId, e]));
    if (endpoints.size === 0) return 0;
    const claimed = await claimDueDeliveries(knex(), {
      owner,
      endpointIds: [...endpoints.keys()],
      now: now(),
      claimMs: webhookTiming().claimMs,
      limit: 50,
    });
    if (claimed.length === 0) return 0;
    let n = 0;
    try {
      // A few deliveries in parallel, never two to the same endpoint at once from this node. A
      // claim batch holds at most one delivery per item, so order per item cannot suffer here.
      const byEndpoint = new Map<string, DeliveryRow[]>();
      for (const d of claimed)
        byEndpoint.set(d.endpoint_id, [...(byEndpoint.get(d.endpoint_id) ?? []), d]);
      await Promise.all(
        [...byEndpoint.entries()].map(async ([id, list]) => {
          const endpoint = endpoints.get(id) as EndpointRow;
          for (const d of list) {
            if (stopping) break;
            await attempt(d, endpoint);
            n += 1;
            const fresh = (await strapi.db
              .query(ENDPOINT_UID)
              .findOne({ where: { id: endpoint.id } })) as EndpointRow | null;
            if (!fresh || fresh.enabled === false) break;
          }
        }),
      );
    } finally {
      // Rows not reached (endpoint disabled meanwhile, shutting down) go back at once rather
      // than waiting for the claim to run out.
      await releaseClaims(knex(), owner);
    }
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
    owner,
    start() {
      if (!stopped) return;
      stopped = false;
      stopping = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      stopping = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
    wake() {
      if (!stopped) schedule(0);
    },
    runOnce,
  };
}

/**
 * Sends a delivery again now (manual redelivery), whatever its state.
 * @remarks The retry window starts again from now. A claim on the row is left alone: if a node is
 * sending it at this moment, that attempt is the redelivery, and no second node sends it beside.
 */
export async function redeliver(
  knex: Knex,
  endpointId: string,
  deliveryId: number,
): Promise<boolean> {
  if (!Number.isSafeInteger(deliveryId) || deliveryId < 1) return false;
  const n = await knex(T.webhookDeliveries)
    .where({ id: deliveryId, endpoint_id: endpointId })
    .update({
      status: 'pending',
      next_attempt_at: new Date().toISOString(),
      created_at: new Date().toISOString(),
    });
  return n > 0;
}

/** What the delivery log can be filtered by; `retrying` is pending after at least one failure. */
export const deliveryFilters = ['pending', 'retrying', 'delivered', 'abandoned'] as const;
export type DeliveryFilter = (typeof deliveryFilters)[number];

export interface ListDeliveriesOptions {
  /** 1–200, default 50. */
  limit?: number;
  status?: DeliveryFilter;
  /** Only deliveries with a smaller id (the next page). */
  before?: number;
  /**
   * The admin's view: also which node sent each attempt and which node holds a claim. Partners
   * do not see node names.
   */
  operator?: boolean;
}

/** One attempt in the delivery log. */
export interface DeliveryAttemptView {
  attempt: number;
  status: number | null;
  response_ms: number;
  error: string | null;
  created_at: string;
  sent_by?: string | null;
}

/** One delivery in the log, as the admin, the API and the CLI show it. */
export interface DeliveryView {
  id: number;
  eventId: string;
  event: string;
  document: { type: string; id: string; locale: string; version: number };
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastResponseMs: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** Operators only: the node sending it right now, while its claim holds. */
  sendingBy?: string | null;
  /** Operators only: the item's title (or name) as sent; null for a deletion. */
  title?: string | null;
  log: DeliveryAttemptView[];
}

/** The delivery log of one endpoint, newest first. */
export async function listDeliveries(
  knex: Knex,
  endpointId: string,
  options: ListDeliveriesOptions = {},
): Promise<DeliveryView[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50) || 50, 1), 200);
  const q = knex(T.webhookDeliveries)
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
      'claimed_by',
      'claimed_until',
      ...(options.operator ? ['payload'] : []),
    )
    .where({ endpoint_id: endpointId });
  switch (options.status) {
    case undefined:
      break;
    case 'pending':
    case 'delivered':
    case 'abandoned':
      void q.andWhere('status', options.status);
      break;
    case 'retrying':
      void q.andWhere('status', 'pending').andWhere('attempts', '>', 0);
      break;
    default: {
      const never: never = options.status;
      throw new TypeError(`Unknown delivery filter ${String(never)}`);
    }
  }
  if (options.before !== undefined) void q.andWhere('id', '<', options.before);
  const rows = (await q.orderBy('id', 'desc').limit(limit)) as DeliveryRow[];
  const attempts = rows.length
    ? ((await knex(T.webhookAttempts)
        .select(
          'delivery_id',
          'attempt',
          'status',
          'response_ms',
          'error',
          'created_at',
          ...(options.operator ? ['sent_by'] : []),
        )
        .whereIn(
          'delivery_id',
          rows.map((r) => r.id),
        )
        .orderBy('id')) as (DeliveryAttemptView & { delivery_id: number })[])
    : [];
  const nowIso = new Date().toISOString();
  return rows.map((r) => ({
    id: Number(r.id),
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
    ...(options.operator
      ? {
          sendingBy:
            r.claimed_by && r.claimed_until && r.claimed_until > nowIso ? r.claimed_by : null,
          title: titleOf(r.payload),
        }
      : {}),
    log: attempts
      .filter((a) => Number(a.delivery_id) === Number(r.id))
      .map(({ delivery_id: _d, ...a }) => a),
  }));
}

/** The item's title (organisations: name) from a webhook body, for people reading the log. */
function titleOf(payload: string | undefined): string | null {
  if (!payload) return null;
  try {
    const doc = (
      JSON.parse(payload) as { data?: { document?: { title?: unknown; name?: unknown } } }
    ).data?.document;
    const title = doc?.title ?? doc?.name;
    return typeof title === 'string' ? title : null;
  } catch {
    return null;
  }
}

/** Delivery counts of one endpoint by state, for the admin's endpoint list. */
export interface DeliveryCounts {
  pending: number;
  retrying: number;
  delivered: number;
  abandoned: number;
}

/** Counts per endpoint (every endpoint that has deliveries). */
export async function deliveryCounts(knex: Knex): Promise<Map<string, DeliveryCounts>> {
  const tried = 'case when attempts > 0 then 1 else 0 end';
  const rows = await knex(T.webhookDeliveries)
    .select('endpoint_id', 'status')
    .select(knex.raw(`${tried} as tried`))
    .groupBy('endpoint_id', 'status', knex.raw(tried))
    .count<
      { endpoint_id: string; status: DeliveryStatus; tried: number | string; n: number | string }[]
    >({ n: '*' });
  const out = new Map<string, DeliveryCounts>();
  for (const r of rows) {
    const c = out.get(r.endpoint_id) ?? { pending: 0, retrying: 0, delivered: 0, abandoned: 0 };
    const n = Number(r.n);
    if (r.status === 'pending') {
      c.pending += n;
      if (Number(r.tried) === 1) c.retrying += n;
    } else if (r.status === 'delivered') c.delivered += n;
    else if (r.status === 'abandoned') c.abandoned += n;
    out.set(r.endpoint_id, c);
  }
  return out;
}
