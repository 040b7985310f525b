import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { EDITORIAL_ROLES, type Actor, type ChangeNote, type EditorialRole } from './types';

interface Scope {
  actor: Actor;
  /** A change note the caller brings for every publish in the scope (import batches, seed). */
  changeNote?: ChangeNote | null;
}

const scope = new AsyncLocalStorage<Scope>();

/**
 * Runs `fn` as `actor`: every document-service call inside it is attributed to and checked
 * against that actor, whatever request (if any) is in flight.
 * @remarks This is how code outside an admin request says who it is — the seed, import, the
 * review-cycle job, scripts, and tests acting as a demo role.
 */
export function runAs<T>(
  actor: Actor,
  fn: () => Promise<T>,
  options: { changeNote?: ChangeNote | null } = {},
): Promise<T> {
  return scope.run({ actor, changeNote: options.changeNote }, fn);
}

/** The change note the current `runAs` scope brings, if any. */
export function scopedChangeNote(): ChangeNote | null {
  return scope.getStore()?.changeNote ?? null;
}

/** Trusted server code, named so history says who did it. */
export function systemActor(name: string): Actor {
  return { kind: 'system', name };
}

/** The stable label stored in history and the outbox (`admin:3`, `system:seed`, …). */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'admin':
      return `admin:${actor.id}`;
    case 'system':
      return `system:${actor.name}`;
    case 'integration':
      return `integration:${actor.name}`;
    default: {
      const unreachable: never = actor;
      throw new Error(`Unknown actor ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A human-readable name for history and notifications. */
export function actorName(actor: Actor): string {
  return actor.kind === 'admin' ? actor.name : actorLabel(actor);
}

interface AdminUserRow {
  id: number;
  email?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  roles?: { code?: string | null }[];
}

const roleByCode = new Map<string, EditorialRole>(
  EDITORIAL_ROLES.map((role) => [`kilde-${role}`, role]),
);

/** Organisation documentIds a user edits for as local editor (`api::editorial-membership`). */
export async function organisationsOf(strapi: Core.Strapi, email: string): Promise<string[]> {
  const rows = (await strapi.db.query('api::editorial-membership.editorial-membership').findMany({
    where: { email: { $eqi: email } },
    populate: { organisation: { select: ['documentId'] } },
  })) as { organisation?: { documentId?: string } | null }[];
  return [
    ...new Set(rows.map((r) => r.organisation?.documentId).filter((id): id is string => !!id)),
  ];
}

async function toActor(strapi: Core.Strapi, user: AdminUserRow): Promise<Actor> {
  const codes = (user.roles ?? []).map((r) => r.code ?? '');
  const roles = [
    ...new Set(codes.map((c) => roleByCode.get(c)).filter((r): r is EditorialRole => !!r)),
  ];
  const email = user.email ?? '';
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || email;
  return {
    kind: 'admin',
    id: user.id,
    email,
    name,
    roles,
    administrator: codes.includes('strapi-super-admin'),
    organisations:
      roles.includes('local-editor') && email ? await organisationsOf(strapi, email) : [],
  };
}

/** The actor for an admin user id (for scripts and tests acting as a person). */
export async function adminActor(strapi: Core.Strapi, userId: number): Promise<Actor> {
  const user = (await strapi.db
    .query('admin::user')
    .findOne({ where: { id: userId }, populate: ['roles'] })) as AdminUserRow | null;
  if (!user) throw new Error(`No admin user ${userId}`);
  return toActor(strapi, user);
}

interface RequestState {
  user?: AdminUserRow & Record<string, unknown>;
  auth?: { strategy?: { name?: string }; credentials?: { id?: number | string } | null };
  kildeActor?: Actor;
}

/**
 * Who is acting right now: an explicit `runAs` scope, else the admin user of the request, else a
 * Content API caller, else trusted server code running outside any request.
 * @remarks Server code without a request (a script calling `strapi.documents`) is trusted — it
 * could write the database directly anyway — but is recorded as `system:unattributed` so history
 * shows that nobody said who it was. It still has to pass the gate.
 */
export async function resolveActor(strapi: Core.Strapi): Promise<Actor> {
  const scoped = scope.getStore()?.actor;
  if (scoped) return scoped;
  const ctx = strapi.requestContext.get() as { state?: RequestState } | undefined;
  if (!ctx) return systemActor('unattributed');
  const state = ctx.state ?? {};
  if (state.kildeActor) return state.kildeActor;
  let actor: Actor;
  const strategy = state.auth?.strategy?.name;
  if ((strategy === 'admin' || strategy === 'admin-token') && state.user) {
    // An admin token acts for its owner, with (at most) the owner's roles.
    actor = Array.isArray(state.user.roles)
      ? await toActor(strapi, state.user)
      : await adminActor(strapi, state.user.id);
  } else if (strategy === 'content-api-token' || strategy === 'api-token') {
    actor = {
      kind: 'integration',
      name: `api-token:${String(state.auth?.credentials?.id ?? '?')}`,
    };
  } else if (state.user) actor = { kind: 'integration', name: `user:${String(state.user.id)}` };
  else actor = { kind: 'integration', name: 'anonymous' };
  state.kildeActor = actor;
  return actor;
}
