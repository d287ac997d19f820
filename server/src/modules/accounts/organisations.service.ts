import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { isUniqueViolation, rawQuery } from '../../database/raw-sql.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { ConflictError, InvalidDocumentError, NotFoundError } from '../../errors/domain-error.js';
import type { OrganisationAccess } from '../../http/access.decorator.js';
import type { AuthContext } from '../../http/current-user.decorator.js';
import { AccountsService } from './accounts.service.js';
import { Membership } from './membership.entity.js';
import type { AddMemberInput, CreateOrganisationInput, MemberView } from './organisations.dto.js';
import { Organisation } from './organisation.entity.js';
import { passwordProblem } from './password-policy.js';
import type { Role } from './roles.js';
import { User } from './user.entity.js';

const lastAdmin = () =>
  new ConflictError(
    'LAST_ADMIN',
    'C’est le dernier administrateur de l’organisation : nommez d’abord un autre administrateur.',
  );

/**
 * Organisations and their members. Who may call what is AccessGuard's: the use cases receive the
 * organisation it resolved and only ever read or write memberships of that organisation.
 */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  /** The creator (the platform administrator) is its first admin, so that it can add the others. */
  async create(creator: AuthContext, input: CreateOrganisationInput): Promise<{ id: number; name: string }> {
    return this.uow.run(async (em) => {
      const org = await em.getRepository(Organisation).save({ name: input.name, createdAt: new Date().toISOString() });
      await em.getRepository(Membership).insert({ userId: creator.userId, organisationId: org.id, role: 'admin' });
      return { id: org.id, name: org.name };
    });
  }

  async members(access: OrganisationAccess): Promise<MemberView[]> {
    const rows = await this.memberships.find({
      where: { organisationId: access.organisationId },
      order: { userId: 'ASC' },
    });
    if (rows.length === 0) return [];
    const users = await this.users.find({
      where: { id: In(rows.map((r) => r.userId)) },
      select: { id: true, email: true },
    });
    const emails = new Map(users.map((u) => [u.id, u.email]));
    return rows.map((r) => ({ userId: r.userId, email: emails.get(r.userId) ?? '', role: r.role }));
  }

  /**
   * Adds an account to the organisation, creating it when the e-mail is new (then a password that follows
   * the rule is required). An existing account keeps its password: an organisation's admin never sets the
   * password of an account that may belong to other organisations.
   */
  async addMember(access: OrganisationAccess, input: AddMemberInput): Promise<MemberView> {
    const known = await this.users.findOne({ where: { email: input.email }, select: { id: true } });
    // Hashed before the transaction: argon2 takes tens of milliseconds, writes must not wait for it.
    const passwordHash = known ? null : await this.newAccountHash(input);
    try {
      return await this.uow.run(async (em) => {
        const users = em.getRepository(User);
        let user = await users.findOne({ where: { email: input.email }, select: { id: true, email: true } });
        if (!user) {
          if (!passwordHash) throw new ConflictError('ACCOUNT_CHANGED', 'Le compte a changé entre-temps : réessayez.');
          user = await users.save({
            email: input.email,
            passwordHash,
            displayName: null,
            createdAt: new Date().toISOString(),
          });
        }
        const repo = em.getRepository(Membership);
        if (await repo.existsBy({ userId: user.id, organisationId: access.organisationId }))
          throw alreadyMember(input.email);
        await repo.insert({ userId: user.id, organisationId: access.organisationId, role: input.role });
        return { userId: user.id, email: user.email, role: input.role };
      });
    } catch (e) {
      // Two requests adding the same person at once: the unique indexes decide, the loser is told why.
      if (isUniqueViolation(e)) throw alreadyMember(input.email);
      throw e;
    }
  }

  async changeRole(access: OrganisationAccess, userId: number, role: Role): Promise<MemberView> {
    return this.uow.run(async (em) => {
      const m = await this.lockedMembership(em, access.organisationId, userId);
      if (m.role === 'admin' && role !== 'admin' && (await this.adminCount(em, access.organisationId)) <= 1)
        throw lastAdmin();
      if (m.role !== role) await em.getRepository(Membership).update({ id: m.id }, { role });
      const user = await em
        .getRepository(User)
        .findOneOrFail({ where: { id: userId }, select: { id: true, email: true } });
      return { userId, email: user.email, role };
    });
  }

  async removeMember(access: OrganisationAccess, userId: number): Promise<void> {
    await this.uow.run(async (em) => {
      const m = await this.lockedMembership(em, access.organisationId, userId);
      if (m.role === 'admin' && (await this.adminCount(em, access.organisationId)) <= 1) throw lastAdmin();
      await em.getRepository(Membership).delete({ id: m.id });
    });
  }

  private async newAccountHash(input: AddMemberInput): Promise<string> {
    // The platform administrator is recognised by its e-mail: nobody else may create that account.
    if (this.accounts.isPlatformAdministrator(input.email))
      throw new ConflictError('RESERVED_EMAIL', 'Cette adresse est réservée à l’administrateur de la plateforme.');
    if (!input.password)
      throw new InvalidDocumentError('PASSWORD_REQUIRED', 'Nouveau compte : un mot de passe est nécessaire.', [
        { path: 'password', message: 'champ obligatoire pour créer un compte' },
      ]);
    const problem = passwordProblem(input.password, input.email);
    if (problem)
      throw new InvalidDocumentError('WEAK_PASSWORD', `Mot de passe refusé : ${problem}`, [
        { path: 'password', message: problem },
      ]);
    return AccountsService.hashPassword(input.password);
  }

  /**
   * The membership, after locking the organisation's row on PostgreSQL: two admins demoting each other
   * at once must not both see "another admin remains". SQLite runs one write transaction at a time.
   */
  private async lockedMembership(em: EntityManager, organisationId: number, userId: number): Promise<Membership> {
    if (em.connection.options.type === 'postgres')
      await rawQuery(em, 'SELECT id FROM organisation WHERE id = ? FOR UPDATE', [organisationId]);
    const m = await em.getRepository(Membership).findOne({ where: { organisationId, userId } });
    if (!m) throw new NotFoundError('Membre', 'MEMBER_NOT_FOUND');
    return m;
  }

  private adminCount(em: EntityManager, organisationId: number): Promise<number> {
    return em.getRepository(Membership).count({ where: { organisationId, role: 'admin' } });
  }
}

function alreadyMember(email: string) {
  return new ConflictError('ALREADY_MEMBER', `${email} est déjà membre de cette organisation.`);
}
