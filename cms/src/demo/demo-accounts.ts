import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import { locales } from '@kilde/schemas';
import { contentTypeUids } from '../strapi/content-types';

/** Editorial roles from the Helsenorge method; issue #4 refines their permissions and conditions. */
export const editorialRoles = [
  { code: 'kilde-writer', name: 'Writer (skribent)', description: 'Writes and edits drafts; cannot publish.', actions: ['create', 'read', 'update'] },
  { code: 'kilde-professional-reviewer', name: 'Professional reviewer (fagansvarlig)', description: 'Fagansvarlig: approves the professional content.', actions: ['read', 'update'] },
  { code: 'kilde-editor', name: 'Editor (redaktør)', description: 'Redaktør: language and plain-language review, translations, assigns work.', actions: ['create', 'read', 'update', 'delete'] },
  { code: 'kilde-publisher', name: 'Publisher (publiserer)', description: 'Publishes and unpublishes.', actions: ['read', 'update', 'publish'] },
  { code: 'kilde-local-editor', name: 'Local editor (lokalredaktør)', description: 'Like editor, for content from their own organisation.', actions: ['create', 'read', 'update'] },
] as const;

const systemFields = new Set(['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);

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

function permissionsFor(strapi: Core.Strapi, actions: readonly string[]) {
  const permissions: { action: string; subject: string; properties: Record<string, unknown>; conditions: string[] }[] = [];
  for (const uid of Object.values(contentTypeUids)) {
    const ct = strapi.contentType(uid) as unknown as { attributes: Record<string, { type: string; component?: string }> };
    const fields = fieldPaths(strapi, ct.attributes);
    for (const action of actions) {
      permissions.push({
        action: `plugin::content-manager.explorer.${action}`,
        subject: uid,
        properties: action === 'publish' || action === 'delete' ? { locales: [...locales] } : { fields, locales: [...locales] },
        conditions: [],
      });
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

/** Creates the editorial roles (idempotent). */
export async function ensureEditorialRoles(strapi: Core.Strapi): Promise<Map<string, number>> {
  const roles = strapi.service('admin::role') as unknown as AdminRoleService;
  await roles.createRolesIfNoneExist();
  const ids = new Map<string, number>();
  for (const r of editorialRoles) {
    let role = await roles.findOne({ code: r.code });
    if (!role) {
      role = await roles.create({ name: r.name, code: r.code, description: r.description });
      await roles.assignPermissions(role.id, permissionsFor(strapi, r.actions));
    }
    ids.set(r.code, role.id);
  }
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
  if (accounts.length > 0) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'demo-accounts.json'), JSON.stringify(accounts, null, 2) + '\n', { mode: 0o600 });
  }
  return accounts;
}
