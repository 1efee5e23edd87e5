import { GraphQLResolveInfo, ResponsePath } from 'graphql';
import { allow, deny, rule, shield } from 'graphql-shield';
import { ForbiddenError, msg, UnauthenticatedError } from '../common/errors';
import type { Context } from '../common/context';
import { Role } from './roles';

export { allow, deny };

/** The options object `shield()` accepts. */
export type ShieldOptions = NonNullable<Parameters<typeof shield>[1]>;

/** The response path of a field occurrence, root first. */
function pathArray(path: ResponsePath | undefined): (string | number)[] {
  const parts: (string | number)[] = [];
  for (let p = path; p; p = p.prev) parts.unshift(p.key);
  return parts;
}

/** Key of a field occurrence in the response. */
export function pathKey(path: ResponsePath | undefined): string {
  return pathArray(path).join('.');
}

/** Logged-in callers only. */
export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => ctx.auth.isAuthenticated || new UnauthenticatedError());

/** Coarse gate for a mutation: the caller holds one of `roles` somewhere; services check the exact scope. */
export function hasAnyRole(...roles: Role[]) {
  // graphql-shield requires one instance per rule name.
  const name = `hasAnyRole:${[...roles].sort().join(',')}`;
  let r = roleRules.get(name);
  if (!r) {
    r = rule(name, { cache: 'contextual' })((_p, _a, ctx: Context) => {
      if (!ctx.auth.isAuthenticated) return new UnauthenticatedError();
      return ctx.auth.hasAnyRole(roles) || new ForbiddenError(msg('transport.requiresRole', { roles: roles.join(', ') }));
    });
    roleRules.set(name, r);
  }
  return r;
}
const roleRules = new Map<string, ReturnType<ReturnType<typeof rule>>>();

/**
 * A field rule that redacts instead of failing: when `predicate` is false the field
 * resolves to null and the response carries `extensions.redactions` with `reason`.
 */
export function redactUnless<P = unknown>(name: string, reason: string, predicate: (parent: P, ctx: Context) => boolean | Promise<boolean>) {
  return rule(`redactUnless:${name}`, { cache: 'no_cache' })(async (parent: P, _args, ctx: Context, info: GraphQLResolveInfo) => {
    if (await predicate(parent, ctx)) return true;
    ctx.denied.set(pathKey(info.path), reason);
    return false;
  });
}

/** Shield options: deny by default, typed errors pass through, redaction rules yield null. */
export const shieldOptions: ShieldOptions = {
  fallbackRule: deny,
  allowExternalErrors: true,
  debug: false,
  fallbackError: (async (_thrown: unknown, _parent: unknown, _args: unknown, ctx: Context, info: GraphQLResolveInfo) => {
    const key = pathKey(info.path);
    const reason = ctx.denied.get(key);
    if (reason !== undefined) {
      ctx.denied.delete(key);
      ctx.redactions.push({ path: pathArray(info.path), reason });
      return null;
    }
    return ctx.auth.isAuthenticated ? new ForbiddenError() : new UnauthenticatedError();
  }) as unknown as ShieldOptions['fallbackError'],
};
