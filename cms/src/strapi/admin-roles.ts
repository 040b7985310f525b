import { errors } from '@strapi/utils';

/** What a role check reads of the admin user that Strapi's admin auth puts on `ctx.state.user`. */
export interface AdminRoleContext {
  state: { user?: { roles?: { code?: string | null }[] } };
}

/** Whether the request's admin user holds one of the `allowed` role codes. */
export function hasAdminRole(ctx: AdminRoleContext, allowed: ReadonlySet<string>): boolean {
  return (ctx.state.user?.roles ?? []).some((r) => typeof r.code === 'string' && allowed.has(r.code));
}

/**
 * Refuses the request with a 403 (`message`) unless its admin user holds one of the `allowed` role
 * codes.
 * @remarks The routes' `admin::isAuthenticatedAdmin` policy only checks that someone is signed in;
 * which admin roles may use a feature is each feature's decision, checked here.
 */
export function assertAdminRole(ctx: AdminRoleContext, allowed: ReadonlySet<string>, message: string): void {
  if (!hasAdminRole(ctx, allowed)) throw new errors.ForbiddenError(message);
}
