import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { WORKFLOW_TABLES } from '@kilde/migrations';
import type { DocumentType, Locale } from '@kilde/schemas';
import type { VariantKey } from './types';

type Db = Knex | Knex.Transaction;

export type NotificationKind =
  | 'revision-due'
  | 'overdue'
  | 'translation-outdated'
  | 'review-confirmed';

export interface Message {
  recipients: readonly string[];
  subject: string;
  text: string;
  kind: NotificationKind;
  variant?: VariantKey;
}

export interface Notification {
  id: number;
  recipient: string;
  subject: string;
  text: string;
  kind: NotificationKind;
  type: DocumentType | null;
  documentId: string | null;
  locale: Locale | null;
  channel: 'sink' | 'email';
  deliveredAt: string | null;
  error: string | null;
  createdAt: string;
}

interface NotificationRow {
  id: number;
  recipient: string;
  subject: string;
  text: string;
  kind: string;
  doc_type: string | null;
  doc_id: string | null;
  locale: string | null;
  channel: string;
  delivered_at: string | null;
  error: string | null;
  created_at: string;
}

interface EmailService {
  send(options: { to: string; subject: string; text: string }): Promise<unknown>;
}

let emailChannel = false;

/**
 * Chooses where notifications go. Outside production they stay in `kilde_notifications` — the
 * development mail sink the admin shows — and Strapi's email provider is replaced by one that
 * sends nothing, so no development machine ever mails a real reviewer.
 */
export function configureNotifications(strapi: Core.Strapi, options: { sendEmail: boolean }): void {
  emailChannel = options.sendEmail;
  if (!options.sendEmail) {
    const plugin = strapi.plugin('email') as unknown as { provider?: unknown } | undefined;
    if (plugin) plugin.provider = { send: () => Promise.resolve() };
  }
}

/**
 * Records a message for each recipient in the caller's transaction; with e-mail enabled it is
 * handed to Strapi's email plugin after commit (a failed send is kept on the row, never lost).
 */
export async function notify(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  message: Message,
  onCommit: (fn: () => void) => void,
): Promise<number> {
  const recipients = [
    ...new Set(
      message.recipients.map((r) => r.trim().toLowerCase()).filter((r) => r.includes('@')),
    ),
  ];
  if (recipients.length === 0) return 0;
  const now = new Date().toISOString();
  const channel = emailChannel ? 'email' : 'sink';
  const rows = recipients.map((recipient) => ({
    recipient,
    subject: message.subject.slice(0, 500),
    text: message.text,
    kind: message.kind,
    doc_type: message.variant?.type ?? null,
    doc_id: message.variant?.documentId ?? null,
    locale: message.variant?.locale ?? null,
    channel,
    delivered_at: channel === 'sink' ? now : null,
    error: null,
    created_at: now,
  }));
  const ids: unknown[] = await trx(WORKFLOW_TABLES.notifications).insert(rows).returning('id');
  if (channel === 'email') {
    const sent = ids.map((r) => (typeof r === 'number' ? r : Number((r as { id: number }).id)));
    onCommit(() => void deliver(strapi, sent));
  }
  return recipients.length;
}

async function deliver(strapi: Core.Strapi, ids: number[]): Promise<void> {
  const db = strapi.db.connection;
  for (const id of ids) {
    const row = (await db(WORKFLOW_TABLES.notifications).where({ id }).first()) as
      | NotificationRow
      | undefined;
    if (!row) continue;
    try {
      const email = strapi.plugin('email').service<EmailService>('email');
      await email.send({ to: row.recipient, subject: row.subject, text: row.text });
      await db(WORKFLOW_TABLES.notifications)
        .where({ id })
        .update({ delivered_at: new Date().toISOString() });
    } catch (err) {
      strapi.log.warn(`Kilde: e-mail to ${row.recipient} failed: ${(err as Error).message}`);
      await db(WORKFLOW_TABLES.notifications)
        .where({ id })
        .update({ error: (err as Error).message.slice(0, 2000) });
    }
  }
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: Number(row.id),
    recipient: row.recipient,
    subject: row.subject,
    text: row.text,
    kind: row.kind as NotificationKind,
    type: row.doc_type as DocumentType | null,
    documentId: row.doc_id,
    locale: row.locale as Locale | null,
    channel: row.channel === 'email' ? 'email' : 'sink',
    deliveredAt: row.delivered_at,
    error: row.error,
    createdAt: row.created_at,
  };
}

/** Newest notifications, optionally for one recipient. */
export async function listNotifications(
  db: Db,
  query: { recipient?: string; limit?: number } = {},
): Promise<Notification[]> {
  const q = db(WORKFLOW_TABLES.notifications)
    .orderBy('id', 'desc')
    .limit(Math.min(query.limit ?? 50, 500));
  if (query.recipient) void q.where({ recipient: query.recipient.toLowerCase() });
  return ((await q) as NotificationRow[]).map(toNotification);
}

interface AdminUserWithRoles {
  email?: string | null;
  isActive?: boolean;
  roles?: { code?: string | null }[];
}

/**
 * E-mail addresses of the editors to tell about a variant: every active editor, plus the local
 * editors of the item's provider.
 */
export async function editorRecipients(
  strapi: Core.Strapi,
  providerDocumentId: string | null,
): Promise<string[]> {
  const users = (await strapi.db.query('admin::user').findMany({
    where: { isActive: true },
    populate: ['roles'],
  })) as AdminUserWithRoles[];
  const out = new Set<string>();
  const localMembers = new Set<string>();
  if (providerDocumentId) {
    const memberships = (await strapi.db
      .query('api::editorial-membership.editorial-membership')
      .findMany({
        where: { organisation: { documentId: providerDocumentId } },
      })) as { email?: string }[];
    for (const m of memberships) if (m.email) localMembers.add(m.email.toLowerCase());
  }
  for (const u of users) {
    const codes = (u.roles ?? []).map((r) => r.code);
    const email = u.email?.toLowerCase();
    if (!email) continue;
    if (codes.includes('kilde-editor')) out.add(email);
    if (codes.includes('kilde-local-editor') && localMembers.has(email)) out.add(email);
  }
  return [...out];
}
