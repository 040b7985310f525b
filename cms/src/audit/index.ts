/**
 * The audit log (issue #10): who did what and when, append-only (`kilde_audit_log`, migration
 * 0010). Strapi's admin events (sign-ins, users, roles, permissions) are subscribed here;
 * workflow transitions and publishes are written with the workflow event in the same transaction
 * (`workflow/events.ts`); partner keys, webhooks, imports and exports write their own entries.
 */
import type { Core } from '@strapi/strapi';
import { auditActions, type AuditAction } from '@kilde/store';
import { registerInternalRoutes } from '../internal';
import { audit, registerAdminAudit, registerWebhookAudit } from './audit-service';
import { auditRoutes } from './routes';

/** What the API may record over the internal channel (its own acts; it cannot write elsewhere). */
const API_ACTIONS = new Set<AuditAction>(['export.run']);

export function registerAudit(strapi: Core.Strapi): void {
  registerAdminAudit(strapi);
  registerWebhookAudit(strapi);
  strapi.server.routes(auditRoutes(strapi) as never);
  // `POST /kilde-internal/audit`: the API records partners' exports here (the API process does not
  // write the CMS's tables itself).
  registerInternalRoutes(strapi, [
    {
      method: 'POST',
      path: '/audit',
      handler: async (ctx) => {
        const body = (ctx.request as { body?: Record<string, unknown> }).body ?? {};
        const action = body.action as AuditAction;
        if (
          !(auditActions as readonly string[]).includes(String(action)) ||
          !API_ACTIONS.has(action) ||
          typeof body.actor !== 'string'
        ) {
          ctx.status = 400;
          ctx.body = {
            error: {
              status: 400,
              name: 'ValidationError',
              message: `action must be one of ${[...API_ACTIONS].join(', ')} and actor a string`,
            },
          };
          return;
        }
        const details =
          body.details && typeof body.details === 'object'
            ? (body.details as Record<string, unknown>)
            : null;
        await audit(strapi, { actor: body.actor.slice(0, 200), action, details });
        ctx.status = 202;
        ctx.body = { data: { recorded: true } };
      },
    },
  ]);
}

export { audit } from './audit-service';
