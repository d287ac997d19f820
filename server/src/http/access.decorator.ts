import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Role } from '@trame/shared';
import type { AuthenticatedRequest } from './current-user.decorator.js';

export const ACCESS_POLICY = 'trame:access';

/** What a route's identifier names; AccessGuard finds the organisation that owns it. */
export type ResourceKind = 'organisation' | 'evaluation' | 'campaign';

/** Who may call a route. Every route declares one (@Access); a route without one stops the start. */
export type AccessPolicy =
  | { kind: 'public' }
  | { kind: 'account' }
  /** The account named by TRAME_ADMIN_EMAIL (creating organisations). */
  | { kind: 'platform-admin' }
  | {
      kind: 'resource';
      resource: ResourceKind;
      /** The least role the caller must have in the resource's organisation. */
      role: Role;
      from: 'path' | 'query';
      name: string;
      /** Query only: without it, the caller's first organisation (lowest id) where `role` suffices. */
      optional: boolean;
    };

type Where = { param: string } | { query: string; optional?: boolean };

/**
 * The route's access policy, on a handler or on a whole controller:
 * - `@Access('public')`: anyone, no account (respondents, health, login);
 * - `@Access('account')`: any signed-in user, for what is theirs alone (their sessions, their evaluations list);
 * - `@Access('platform-admin')`: the administrator of the installation (TRAME_ADMIN_EMAIL);
 * - `@Access(role, resource, where?)`: at least `role` in the organisation that owns the resource named
 *   by the path parameter `id` (or `where`). Another organisation's resource answers 404, as a missing
 *   one does; a known one with too low a role 403.
 */
export function Access(level: 'public' | 'account' | 'platform-admin'): ClassDecorator & MethodDecorator;
export function Access(role: Role, resource: ResourceKind, where?: Where): ClassDecorator & MethodDecorator;
export function Access(
  level: Role | 'public' | 'account' | 'platform-admin',
  resource?: ResourceKind,
  where: Where = { param: 'id' },
): ClassDecorator & MethodDecorator {
  if (level === 'public' || level === 'account' || level === 'platform-admin')
    return SetMetadata<string, AccessPolicy>(ACCESS_POLICY, { kind: level });
  const policy: AccessPolicy =
    'param' in where
      ? { kind: 'resource', resource: resource!, role: level, from: 'path', name: where.param, optional: false }
      : {
          kind: 'resource',
          resource: resource!,
          role: level,
          from: 'query',
          name: where.query,
          optional: !!where.optional,
        };
  return SetMetadata<string, AccessPolicy>(ACCESS_POLICY, policy);
}

/** The handler's policy, else its controller's. */
export function accessPolicyOf(reflector: Reflector, handler: object, controller: object): AccessPolicy | undefined {
  return reflector.getAllAndOverride<AccessPolicy | undefined, string>(ACCESS_POLICY, [
    handler as () => unknown,
    controller as () => unknown,
  ]);
}

/** What AccessGuard resolved for the route's resource: services fetch within it and check nothing again. */
export interface OrganisationAccess {
  resource: 'organisation';
  userId: number;
  organisationId: number;
  role: Role;
}
export interface EvaluationAccess extends Omit<OrganisationAccess, 'resource'> {
  resource: 'evaluation';
  evaluationId: number;
}
export interface CampaignAccess extends Omit<EvaluationAccess, 'resource'> {
  resource: 'campaign';
  campaignId: number;
}
export type ResourceAccess = OrganisationAccess | EvaluationAccess | CampaignAccess;

export type AuthorisedRequest = AuthenticatedRequest & { access?: ResourceAccess };

/**
 * The resource access AccessGuard granted, for routes declared `@Access(role, kind)`. A mismatch between
 * the declaration and the parameter is a programming error: it fails loudly rather than read another id.
 */
export const Granted = createParamDecorator((kind: ResourceKind, ctx: ExecutionContext): ResourceAccess => {
  const access = ctx.switchToHttp().getRequest<AuthorisedRequest>().access;
  if (!access || access.resource !== kind)
    throw new Error(`@Granted('${kind}') sur une route dont la politique ne résout pas ce type de ressource`);
  return access;
});
