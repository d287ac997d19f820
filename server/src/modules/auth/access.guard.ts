import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ForbiddenError, NotFoundError } from '../../errors/domain-error.js';
import {
  type AccessPolicy,
  accessPolicyOf,
  type AuthorisedRequest,
  type ResourceAccess,
  type ResourceKind,
} from '../../http/access.decorator.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { atLeast, ROLE_LABELS } from '../accounts/roles.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { EvaluationsService } from '../evaluations/evaluations.service.js';

type ResourcePolicy = Extract<AccessPolicy, { kind: 'resource' }>;

const NOT_FOUND: Record<ResourceKind, () => NotFoundError> = {
  organisation: () => new NotFoundError('Organisation', 'ORGANISATION_NOT_FOUND'),
  evaluation: () => new NotFoundError('Évaluation', 'EVALUATION_NOT_FOUND'),
  campaign: () => new NotFoundError('Campagne', 'CAMPAIGN_NOT_FOUND'),
};

/**
 * Global guard, after AuthGuard: the one place where access is decided. It reads the route's declared
 * policy (@Access), finds the organisation that owns the resource the route names (an organisation id;
 * an evaluation; a campaign through its evaluation), and checks the caller's role there. The resolved
 * ids go to the handler (@Granted): services fetch within them and check nothing again.
 *
 * A resource of an organisation the caller has no role in answers 404 exactly as a missing one, so that
 * ids cannot be probed for existence; a known one with too low a role answers 403.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(EvaluationsService) private readonly evaluations: EvaluationsService,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const policy = accessPolicyOf(this.reflector, ctx.getHandler(), ctx.getClass());
    // The start refuses routes without a policy (AccessPolicyCheck); should one slip through, it is closed.
    if (!policy) throw new Error(`Route sans politique d’accès : ${ctx.getClass().name}.${ctx.getHandler().name}`);
    if (policy.kind === 'public') return true;
    const req = ctx.switchToHttp().getRequest<AuthorisedRequest>();
    const auth = req.auth;
    if (!auth) throw new Error('AccessGuard sans authentification préalable'); // AuthGuard runs first
    if (policy.kind === 'account') return true;
    if (policy.kind === 'platform-admin') {
      if (!this.accounts.isPlatformAdministrator(auth.email))
        throw new ForbiddenError('Réservé à l’administrateur de la plateforme', 'PLATFORM_ADMIN_REQUIRED');
      return true;
    }
    req.access = await this.resolve(policy, req, auth.userId);
    return true;
  }

  private async resolve(policy: ResourcePolicy, req: AuthorisedRequest, userId: number): Promise<ResourceAccess> {
    const raw: unknown = policy.from === 'path' ? req.params[policy.name] : (req.query ?? {})[policy.name];
    if (raw === undefined && policy.optional) return this.firstOrganisation(policy, userId);
    const id = parseId(policy.name, raw);
    switch (policy.resource) {
      case 'organisation': {
        const role = await this.roleFor(policy, userId, id);
        return { resource: 'organisation', userId, organisationId: id, role };
      }
      case 'evaluation': {
        const e = await this.evaluations.findHeader(id);
        if (!e) throw NOT_FOUND.evaluation();
        const role = await this.roleFor(policy, userId, e.organisationId);
        return { resource: 'evaluation', userId, organisationId: e.organisationId, evaluationId: id, role };
      }
      case 'campaign': {
        const c = await this.campaigns.locate(id);
        if (!c) throw NOT_FOUND.campaign();
        const role = await this.roleFor(policy, userId, c.organisationId);
        return { resource: 'campaign', userId, ...c, campaignId: id, role };
      }
    }
  }

  /** The caller's role in the organisation, if it is at least the policy's: else 404 (no role) or 403. */
  private async roleFor(policy: ResourcePolicy, userId: number, organisationId: number) {
    const role = await this.accounts.roleIn(userId, organisationId);
    if (!role) throw NOT_FOUND[policy.resource]();
    if (!atLeast(role, policy.role))
      throw new ForbiddenError(
        `Votre rôle dans cette organisation (${ROLE_LABELS[role]}) ne permet pas cette action : il faut être ${ROLE_LABELS[policy.role]} au moins.`,
      );
    return role;
  }

  /** An optional organisation left out: the caller's first where the role suffices (lowest id). */
  private async firstOrganisation(policy: ResourcePolicy, userId: number): Promise<ResourceAccess> {
    const target = (await this.accounts.organisationsOf(userId)).find((o) => atLeast(o.role, policy.role));
    if (!target)
      throw new ForbiddenError(
        `Aucune organisation où vous êtes ${ROLE_LABELS[policy.role]} au moins : demandez ce rôle à un administrateur.`,
      );
    return { resource: 'organisation', userId, organisationId: target.id, role: target.role };
  }
}

/** Ids are positive integers; anything else is a bad request, answered before any lookup. */
function parseId(name: string, raw: unknown): number {
  const text: unknown = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
  if (typeof text === 'string' && /^[1-9]\d{0,14}$/.test(text)) return Number(text);
  throw new DomainError(400, 'BAD_REQUEST', `Identifiant invalide (${name}) : entier positif attendu`);
}
