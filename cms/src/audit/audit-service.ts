import type { Core } from '@strapi/strapi';
import { recordAudit, type AuditEntryInput } from '@kilde/store';
import { currentRequestId, currentRequestUser } from '../observability/request-context';

type Payload = Record<string, unknown> | undefined;

interface AdminUserLike {
  id?: number | string;
  firstname?: string | null;
  lastname?: string | null;
  roles?: { code?: string; name?: string }[];
}

const nameOf = (u: AdminUserLike | undefined): string | null =>
  u ? [u.firstname, u.lastname].filter(Boolean).join(' ') || null : null;

/** The signed-in admin behind the current request, as an audit actor. */
function requestActor(): { actor: string; actorName: string | null } {
  const user = currentRequestUser() as AdminUserLike | undefined;
  if (user?.id !== undefined) return { actor: `admin:${String(user.id)}`, actorName: nameOf(user) };
  return { actor: 'system:unattributed', actorName: null };
}

/**
 * Writes an audit entry without letting a failure of the log break the act it records: the act
 * has already happened (Strapi emits its events after committing). Failures are logged loudly.
 */
export async function audit(
  strapi: Core.Strapi,
  entry: Omit<AuditEntryInput, 'requestId'>,
): Promise<void> {
  try {
    await recordAudit(strapi.db.connection, { ...entry, requestId: currentRequestId() ?? null });
  } catch (err) {
    strapi.log.error(`audit log write failed for ${entry.action}: ${(err as Error).message}`);
  }
}

/**
 * Subscribes the audit log to Strapi's own admin events: sign-ins (and failed ones), sign-outs,
 * admin users, roles and permissions. No IP address is recorded; failed sign-ins record only that
 * one happened and why, not the e-mail typed.
 */
export function registerAdminAudit(strapi: Core.Strapi): void {
  const on = (event: string, fn: (payload: Payload) => Promise<void>) =>
    strapi.eventHub.on(event, (payload: Payload) => fn(payload));
  on('admin.auth.success', async (p) => {
    const user = p?.user as AdminUserLike | undefined;
    await audit(strapi, {
      actor: `admin:${String(user?.id)}`,
      actorName: nameOf(user),
      action: 'auth.login',
      details: { provider: p?.provider ?? 'local' },
    });
  });
  on('admin.auth.error', async (p) => {
    const error = p?.error as { message?: string } | string | undefined;
    const reason = typeof error === 'string' ? error : (error?.message ?? 'unknown');
    await audit(strapi, {
      actor: 'anonymous',
      action: 'auth.login-failed',
      outcome: 'failure',
      details: { provider: p?.provider ?? 'local', reason: reason.slice(0, 200) },
    });
  });
  on('admin.logout', async (p) => {
    const user = p?.user as AdminUserLike | undefined;
    await audit(strapi, {
      actor: `admin:${String(user?.id)}`,
      actorName: nameOf(user),
      action: 'auth.logout',
    });
  });
  for (const kind of ['create', 'update', 'delete'] as const) {
    on(`user.${kind}`, async (p) => {
      const user = p?.user as AdminUserLike | undefined;
      await audit(strapi, {
        ...requestActor(),
        action: `user.${kind}`,
        subjectType: 'admin-user',
        subjectId: user?.id === undefined ? null : String(user.id),
        details: { roles: (user?.roles ?? []).map((r) => r.code ?? r.name) },
      });
    });
    on(`role.${kind}`, async (p) => {
      const role = p?.role as { id?: number; code?: string; name?: string } | undefined;
      await audit(strapi, {
        ...requestActor(),
        action: `role.${kind}`,
        subjectType: 'admin-role',
        subjectId: role?.code ?? (role?.id === undefined ? null : String(role.id)),
        details: { name: role?.name ?? null },
      });
    });
    on(`permission.${kind}`, async (p) => {
      const permissions = p?.permissions ?? p?.permission;
      const list = Array.isArray(permissions) ? permissions : permissions ? [permissions] : [];
      await audit(strapi, {
        ...requestActor(),
        action: `permission.${kind}`,
        subjectType: 'admin-permission',
        details: {
          count: list.length,
          actions: [
            ...new Set(list.map((x) => (x as { action?: string }).action).filter(Boolean)),
          ].slice(0, 20),
        },
      });
    });
  }
}

/**
 * Webhook endpoints created, changed or deleted — from the admin or by a partner through the API
 * (the internal channel) — are audited with the endpoint's partner and host, never its secret.
 */
export function registerWebhookAudit(strapi: Core.Strapi): void {
  const uid = 'api::webhook-endpoint.webhook-endpoint';
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== uid || !['create', 'update', 'delete'].includes(ctx.action)) return next();
    const params = ctx.params as { documentId?: string; data?: Record<string, unknown> };
    const data = params.data ?? {};
    const result = await next();
    const documentId =
      params.documentId ?? (result as { documentId?: string } | null)?.documentId ?? null;
    let host: string | null = null;
    if (typeof data.url === 'string') {
      try {
        host = new URL(data.url).host;
      } catch {
        host = null;
      }
    }
    const user = currentRequestUser() as AdminUserLike | undefined;
    const partner = typeof data.partner === 'string' ? data.partner : null;
    await audit(strapi, {
      ...(user?.id !== undefined
        ? requestActor()
        : { actor: partner ? `partner:${partner}` : 'system:unattributed', actorName: null }),
      action:
        ctx.action === 'create'
          ? 'webhook.create'
          : ctx.action === 'update'
            ? 'webhook.update'
            : 'webhook.delete',
      subjectType: 'webhook-endpoint',
      subjectId: documentId,
      details: {
        partner,
        host,
        fields: Object.keys(data).filter((k) => !/secret/i.test(k)),
        secretRotated: 'secret' in data && ctx.action === 'update',
      },
    });
    return result;
  });
}
