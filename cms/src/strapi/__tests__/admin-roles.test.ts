import { errors } from '@strapi/utils';
import { assertAdminRole, hasAdminRole } from '../admin-roles';

const EDITORS = new Set(['strapi-super-admin', 'kilde-editor']);
const as = (...codes: (string | null | undefined)[]) => ({ state: { user: { roles: codes.map((code) => ({ code })) } } });

describe('admin role checks', () => {
  it('let in an admin holding one of the allowed roles, among others', () => {
    expect(hasAdminRole(as('kilde-writer', 'kilde-editor'), EDITORS)).toBe(true);
    expect(() => assertAdminRole(as('strapi-super-admin'), EDITORS, 'no')).not.toThrow();
  });

  it.each([
    ['another role', as('kilde-publisher')],
    ['roles without codes', as(null, undefined, '')],
    ['no roles', { state: { user: {} } }],
    ['no admin user', { state: {} }],
  ])('refuse %s with a 403 carrying the message', (_, ctx) => {
    expect(hasAdminRole(ctx, EDITORS)).toBe(false);
    let thrown: unknown;
    try {
      assertAdminRole(ctx, EDITORS, 'Only administrators and editors may read the audit log.');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(errors.ForbiddenError);
    expect((thrown as Error).message).toBe('Only administrators and editors may read the audit log.');
  });
});
