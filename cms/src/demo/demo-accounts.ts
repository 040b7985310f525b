import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import { locales } from '@kilde/schemas';
import { contentTypeUids } from '../strapi/content-types';
import { OWN_ORGANISATION_CONDITION } from '../workflow/admin-setup';

type CmAction = 'create' | 'read' | 'update' | 'delete' | 'publish';

/** What a role may do per content type; `own` adds the local editor's "own organisation" condition. */
interface RoleGrant {
  uids: readonly string[];
  actions: readonly CmAction[];
  own?: boolean;
}

const workflowUids = [contentTypeUids.article, contentTypeUids.question] as const;
/** Partners (not localized): editors and publishers look at their API keys and usage panel. */
const partnerUid = 'api::partner.partner';
const allUids = Object.values(contentTypeUids);
const sharedUids = [contentTypeUids.topic, contentTypeUids.organisation, contentTypeUids.service];

/**
 * Editorial roles from the Helsenorge method. The content manager's permissions are the first
 * line; the workflow middleware enforces the same rules (and the stages) on every path.
 */
export const editorialRoles: readonly { code: string; name: string; description: string; grants: readonly RoleGrant[] }[] = [
  {
    code: 'kilde-writer',
    name: 'Writer (skribent)',
    description: 'Writes and edits drafts and sends them to professional review; cannot publish.',
    grants: [{ uids: workflowUids, actions: ['create', 'read', 'update'] }, { uids: sharedUids, actions: ['read'] }],
  },
  {
    code: 'kilde-professional-reviewer',
    name: 'Professional reviewer (fagansvarlig)',
    description: 'Fagansvarlig: approves the professional content and confirms reviews.',
    grants: [{ uids: workflowUids, actions: ['read', 'update'] }, { uids: sharedUids, actions: ['read'] }],
  },
  {
    code: 'kilde-editor',
    name: 'Editor (redaktør)',
    description: 'Redaktør: language and plain-language review, translations, assigns work.',
    grants: [
      { uids: allUids, actions: ['create', 'read', 'update', 'delete'] },
      { uids: [partnerUid], actions: ['read'] },
    ],
  },
  {
    code: 'kilde-publisher',
    name: 'Publisher (publiserer)',
    description: 'Publishes and unpublishes.',
    grants: [
      { uids: allUids, actions: ['read', 'update', 'publish'] },
      { uids: [partnerUid], actions: ['read'] },
    ],
  },
  {
    code: 'kilde-local-editor',
    name: 'Local editor (lokalredaktør)',
    description: 'Like editor, for content whose provider is their own organisation.',
    grants: [
      { uids: [...workflowUids, contentTypeUids.service], actions: ['create', 'read', 'update', 'delete'], own: true },
      { uids: [contentTypeUids.topic, contentTypeUids.organisation], actions: ['read'] },
    ],
  },
];

/**
 * Bump when the roles' permissions change, so existing databases get them on the next start.
 * 3: editors and publishers read Partner entries (the API keys panel lives there).
 */
const ROLES_VERSION = 3;

const systemFields = new Set(['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);
/** Set only by the workflow: readable, never writable through the content manager. */
const workflowOwnedFields = new Set(['workflowStage', 'lastReviewed', 'nextReviewDue']);

/** Field paths for Strapi's permission `fields` property, components expanded to their leaves. */
function fieldPaths(strapi: Core.Strapi, attributes: Record<string, { type: string; component?: string }>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [name, attr] of Object.entries(attributes)) {
    if (systemFields.has(name)) continue;
    if (attr.type === 'component' && attr.component) {
      const component = strapi.components[attr.component as keyof typeof strapi.components] as unknown as { attributes: Record<string, { type: string; component?: string }> };
      out.push(...fieldPaths(strapi, component.attributes, `${prefix}${name}.`));
    } else out.push(`${prefix}${name}`);
  }
  return out;
}

function permissionsFor(strapi: Core.Strapi, grants: readonly RoleGrant[]) {
  const permissions: { action: string; subject: string; properties: Record<string, unknown>; conditions: string[] }[] = [];
  for (const grant of grants) {
    for (const uid of grant.uids) {
      const ct = strapi.contentType(uid as never) as unknown as {
        attributes: Record<string, { type: string; component?: string }>;
        pluginOptions?: { i18n?: { localized?: boolean } };
      };
      const fields = fieldPaths(strapi, ct.attributes);
      // Only localized types take a `locales` property.
      const localeProps = ct.pluginOptions?.i18n?.localized ? { locales: [...locales] } : {};
      for (const action of grant.actions) {
        const writable = action === 'create' || action === 'update' ? fields.filter((f) => !workflowOwnedFields.has(f)) : fields;
        permissions.push({
          action: `plugin::content-manager.explorer.${action}`,
          subject: uid,
          properties: action === 'publish' || action === 'delete' ? { ...localeProps } : { fields: writable, ...localeProps },
          conditions: grant.own ? [OWN_ORGANISATION_CONDITION] : [],
        });
      }
    }
  }
  permissions.push({ action: 'plugin::upload.read', subject: null as never, properties: {}, conditions: [] });
  permissions.push({ action: 'plugin::upload.assets.create', subject: null as never, properties: {}, conditions: [] });
  return permissions;
}

interface AdminRoleService {
  findOne(params: Record<string, unknown>): Promise<{ id: number } | null>;
  create(data: Record<string, unknown>): Promise<{ id: number }>;
  assignPermissions(roleId: number, permissions: unknown[]): Promise<unknown>;
  getSuperAdmin(): Promise<{ id: number } | null>;
  createRolesIfNoneExist(): Promise<void>;
}
interface AdminUserService {
  findOneByEmail(email: string): Promise<{ id: number } | null>;
  create(data: Record<string, unknown>): Promise<{ id: number }>;
}

/**
 * Creates the editorial roles and gives them their permissions (idempotent). Permissions are
 * written when a role is created and again when {@link ROLES_VERSION} changes; in between, an
 * administrator's adjustments in the admin are kept.
 */
export async function ensureEditorialRoles(strapi: Core.Strapi): Promise<Map<string, number>> {
  const roles = strapi.service('admin::role') as unknown as AdminRoleService;
  await roles.createRolesIfNoneExist();
  const store = strapi.store({ type: 'plugin', name: 'kilde' });
  const upgrade = (await store.get({ key: 'editorial-roles-version' })) !== ROLES_VERSION;
  const ids = new Map<string, number>();
  for (const r of editorialRoles) {
    let role = await roles.findOne({ code: r.code });
    const created = !role;
    if (!role) role = await roles.create({ name: r.name, code: r.code, description: r.description });
    if (created || upgrade) await roles.assignPermissions(role.id, permissionsFor(strapi, r.grants));
    ids.set(r.code, role.id);
  }
  if (upgrade) await store.set({ key: 'editorial-roles-version', value: ROLES_VERSION });
  return ids;
}

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

/**
 * Development only: one demo admin account per editorial role plus an administrator, written to
 * `.data/demo-accounts.json` (mode 600). Never called in production.
 */
export async function ensureDemoAccounts(strapi: Core.Strapi, dataDir: string): Promise<DemoAccount[]> {
  const roleIds = await ensureEditorialRoles(strapi);
  const users = strapi.service('admin::user') as unknown as AdminUserService;
  const roles = strapi.service('admin::role') as unknown as AdminRoleService;
  const superAdmin = await roles.getSuperAdmin();
  const wanted: { role: string; email: string; roleId: number | undefined; firstname: string }[] = [
    { role: 'Administrator', email: 'admin@example.com', roleId: superAdmin?.id, firstname: 'Ada' },
    ...editorialRoles.map((r) => ({ role: r.name, email: `${r.code.replace('kilde-', '')}@example.com`, roleId: roleIds.get(r.code), firstname: r.name })),
  ];
  const accounts: DemoAccount[] = [];
  for (const w of wanted) {
    if (!w.roleId) continue;
    if (await users.findOneByEmail(w.email)) continue;
    // Strapi's password policy: 8+ characters with upper case, lower case and a digit.
    const password = `Kilde-${randomBytes(9).toString('base64url')}-7a`;
    await users.create({ firstname: w.firstname, lastname: 'Demo', email: w.email, password, isActive: true, roles: [w.roleId] });
    accounts.push({ role: w.role, email: w.email, password });
  }
  await ensureLocalEditorMembership(strapi, 'local-editor@example.com');
  if (accounts.length > 0) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'demo-accounts.json'), JSON.stringify(accounts, null, 2) + '\n', { mode: 0o600 });
  }
  return accounts;
}

const MEMBERSHIP = 'api::editorial-membership.editorial-membership';

/**
 * Gives the demo local editor an organisation: the seed's "Ungdomshelse Norge" (else the first
 * organisation other than Kilde's own editorial team). Real local editors are linked by an
 * administrator under Content Manager → Editorial membership.
 */
async function ensureLocalEditorMembership(strapi: Core.Strapi, email: string): Promise<void> {
  const memberships = strapi.documents(MEMBERSHIP as never);
  if ((await memberships.findFirst({ filters: { email } as never })) !== null) return;
  const orgs = (await strapi.db.query(contentTypeUids.organisation).findMany({
    select: ['documentId', 'externalId'],
    orderBy: { id: 'asc' },
  })) as { documentId: string; externalId?: string | null }[];
  const org = orgs.find((o) => o.externalId === 'ungdomshelse') ?? orgs.find((o) => o.externalId !== 'kilde');
  if (!org) return;
  await memberships.create({ data: { email, organisation: org.documentId } as never });
}
