import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  auditActions,
  iterateAudit,
  listAudit,
  type AuditEntry,
  type AuditFilter,
} from '@kilde/store';
import { assertAdminRole } from '../strapi/admin-roles';
import { audit } from './audit-service';

interface Ctx {
  query: Record<string, unknown>;
  state: {
    user?: { id?: number; firstname?: string; lastname?: string; roles?: { code?: string }[] };
  };
  body: unknown;
  set(name: string, value: string): void;
  type: string;
}

/** Who may read the audit log: Strapi's super admin and Kilde's editors. */
const READERS = new Set(['strapi-super-admin', 'kilde-editor']);

function assertReader(ctx: Ctx): void {
  assertAdminRole(ctx, READERS, 'Only administrators and editors may read the audit log.');
}

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

/** Reads and checks the filter parameters; a bad one is a 400 naming it. */
export function parseAuditFilter(query: Record<string, unknown>): AuditFilter {
  const str = (name: string): string | undefined => {
    const v = query[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string' || v.length > 200)
      throw new errors.ValidationError(`${name} must be a short text`, { parameter: name });
    return v;
  };
  const filter: AuditFilter = {};
  const action = str('action');
  if (action !== undefined) {
    const known = (auditActions as readonly string[]).some(
      (a) => a === action || (action.endsWith('.') && a.startsWith(action)),
    );
    if (!known)
      throw new errors.ValidationError(
        `action must be one of ${auditActions.join(', ')} or a prefix ending in "."`,
        { parameter: 'action' },
      );
    filter.action = action;
  }
  const actor = str('actor');
  if (actor !== undefined) filter.actor = actor;
  const subjectId = str('subjectId');
  if (subjectId !== undefined) filter.subjectId = subjectId;
  const outcome = str('outcome');
  if (outcome !== undefined) {
    if (outcome !== 'success' && outcome !== 'failure')
      throw new errors.ValidationError('outcome must be success or failure', {
        parameter: 'outcome',
      });
    filter.outcome = outcome;
  }
  for (const name of ['from', 'to'] as const) {
    const v = str(name);
    if (v === undefined) continue;
    if (!DATE.test(v) || Number.isNaN(Date.parse(v)))
      throw new errors.ValidationError(`${name} must be a date (YYYY-MM-DD) or an ISO timestamp`, {
        parameter: name,
      });
    filter[name] = v;
  }
  return filter;
}

const CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'actorName',
  'action',
  'subjectType',
  'subjectId',
  'outcome',
  'requestId',
  'details',
] as const;

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  // Quote everything; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

function csvLine(e: AuditEntry): string {
  return `${CSV_COLUMNS.map((c) => csvCell(e[c])).join(',')}\n`;
}

/** The audit log's admin API: `GET /kilde/audit` (filtered, paged) and `GET /kilde/audit/export`. */
export function auditRoutes(strapi: Core.Strapi) {
  const route = (path: string, handler: (ctx: Ctx) => Promise<void>) => ({
    method: 'GET' as const,
    path,
    handler,
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });
  return {
    type: 'admin' as const,
    prefix: '/kilde',
    routes: [
      route('/audit', async (ctx) => {
        assertReader(ctx);
        const filter = parseAuditFilter(ctx.query);
        const limit = ctx.query.limit === undefined ? 50 : Number(ctx.query.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500)
          throw new errors.ValidationError('limit must be 1–500', { parameter: 'limit' });
        const before = ctx.query.before === undefined ? undefined : Number(ctx.query.before);
        if (before !== undefined && (!Number.isInteger(before) || before < 1))
          throw new errors.ValidationError('before must be an entry id', { parameter: 'before' });
        ctx.body = {
          data: await listAudit(strapi.db.connection, filter, { limit, before }),
          actions: auditActions,
        };
      }),
      route('/audit/export', async (ctx) => {
        assertReader(ctx);
        const filter = parseAuditFilter(ctx.query);
        const format = ctx.query.format ?? 'ndjson';
        if (format !== 'ndjson' && format !== 'csv')
          throw new errors.ValidationError('format must be ndjson or csv', { parameter: 'format' });
        const user = ctx.state.user;
        await audit(strapi, {
          actor: `admin:${String(user?.id)}`,
          actorName: [user?.firstname, user?.lastname].filter(Boolean).join(' ') || null,
          action: 'audit.export',
          details: { format, filter: { ...filter } },
        });
        const { Readable } = await import('node:stream');
        const lines = async function* () {
          if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
          for await (const e of iterateAudit(strapi.db.connection, filter))
            yield format === 'csv' ? csvLine(e) : `${JSON.stringify(e)}\n`;
        };
        ctx.type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson';
        ctx.set(
          'content-disposition',
          `attachment; filename="kilde-audit.${format === 'csv' ? 'csv' : 'ndjson'}"`,
        );
        ctx.body = Readable.from(lines());
      }),
    ],
  };
}
