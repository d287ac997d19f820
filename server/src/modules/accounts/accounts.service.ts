import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import argon2 from 'argon2';
import type { EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { Membership } from './membership.entity.js';
import { Organisation } from './organisation.entity.js';
import type { Role } from './roles.js';
import { User } from './user.entity.js';

/** The administrator created at first start when TRAME_ADMIN_EMAIL is not set. */
export const DEFAULT_ADMIN_EMAIL = 'admin@trame.local';

export interface OrganisationView {
  id: number;
  name: string;
  role: Role;
}

/** Users, organisations and roles; what a role allows is decided by AccessGuard, from `roleIn`. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verifyCredentials(email: string, password: string): Promise<User | null> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase() } });
    // Hash anyway when the user is unknown, so timing does not reveal which emails exist.
    const hash = user?.passwordHash ?? DUMMY_HASH;
    const ok = await argon2.verify(await hash, password).catch(() => false);
    return user && ok ? user : null;
  }

  /** The current password check of a password change (argon2, like a login). */
  async verifyPassword(userId: number, password: string): Promise<boolean> {
    const user = await this.users.findOne({ where: { id: userId } });
    return !!user && (await argon2.verify(user.passwordHash, password).catch(() => false));
  }

  findUser(id: number): Promise<User | null> {
    return this.users.findOne({ where: { id } });
  }

  /**
   * Sets a password hash and bumps the user's credentials version, which revokes every session opened
   * under the old one; returns the new version. Runs in the caller's transaction, so the caller can keep
   * its own session in the same commit.
   */
  async setPasswordHash(em: EntityManager, userId: number, passwordHash: string): Promise<number> {
    await em
      .getRepository(User)
      .update({ id: userId }, { passwordHash, credentialsVersion: () => 'credentials_version + 1' });
    const user = await em.getRepository(User).findOneOrFail({ where: { id: userId } });
    return user.credentialsVersion;
  }

  /** The administrator named by TRAME_ADMIN_EMAIL exists after start, admin of the default organisation. */
  async ensureAdministrator(
    email: string,
    password: string,
    opts: { resetPassword: boolean },
  ): Promise<{ userId: number; organisationId: number; created: boolean }> {
    const normalised = email.trim().toLowerCase();
    const passwordHash = await AccountsService.hashPassword(password);
    const current = await this.users.findOne({ where: { email: normalised } });
    // TRAME_ADMIN_PASSWORD is the source of truth: setting it again is how a lost password is reset.
    const reset =
      !!current && opts.resetPassword && !(await argon2.verify(current.passwordHash, password).catch(() => false));
    return this.uow.run(async (em) => {
      let org = await em.getRepository(Organisation).findOne({ where: {}, order: { id: 'ASC' } });
      if (!org) {
        org = await em
          .getRepository(Organisation)
          .save({ name: 'Mon organisation', createdAt: new Date().toISOString() });
      }
      let user = await em.getRepository(User).findOne({ where: { email: normalised } });
      const created = !user;
      if (!user) {
        user = await em
          .getRepository(User)
          .save({ email: normalised, passwordHash, displayName: null, createdAt: new Date().toISOString() });
        this.logger.log(`Administrateur créé : ${normalised}`);
      } else if (reset) {
        // A reset is what one does after a leak: the sessions and tokens opened with the old password go too.
        await this.setPasswordHash(em, user.id, passwordHash);
        this.logger.log(
          `Mot de passe de ${normalised} remis à TRAME_ADMIN_PASSWORD ; ses sessions et jetons sont révoqués`,
        );
      }
      const membership = await em
        .getRepository(Membership)
        .findOne({ where: { userId: user.id, organisationId: org.id } });
      if (!membership)
        await em.getRepository(Membership).save({ userId: user.id, organisationId: org.id, role: 'admin' });
      else if (membership.role !== 'admin')
        await em.getRepository(Membership).update({ id: membership.id }, { role: 'admin' });
      return { userId: user.id, organisationId: org.id, created };
    });
  }

  /** Whether any account exists (at start, without a configured administrator). */
  async hasUsers(): Promise<boolean> {
    return (await this.users.count()) > 0;
  }

  async firstOrganisationId(): Promise<number | null> {
    const org = await this.organisations.findOne({ where: {}, order: { id: 'ASC' } });
    return org?.id ?? null;
  }

  async organisationsOf(userId: number): Promise<OrganisationView[]> {
    const rows = await this.memberships.find({ where: { userId }, order: { organisationId: 'ASC' } });
    if (rows.length === 0) return [];
    const orgs = await this.organisations.findBy(rows.map((r) => ({ id: r.organisationId })));
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return rows.map((r) => ({ id: r.organisationId, name: byId.get(r.organisationId)?.name ?? '', role: r.role }));
  }

  /** A member's e-mail, to pre-fill the contact of the notice of a campaign they open (issue 9). */
  async emailOf(userId: number): Promise<string | null> {
    const u = await this.users.findOne({ where: { id: userId }, select: { id: true, email: true } });
    return u?.email ?? null;
  }

  /** An organisation's name, to pre-fill the controller of a campaign's notice (issue 9). */
  async organisationName(id: number): Promise<string | null> {
    return (await this.organisations.findOne({ where: { id }, select: { id: true, name: true } }))?.name ?? null;
  }

  async roleIn(userId: number, organisationId: number): Promise<Role | null> {
    const m = await this.memberships.findOne({ where: { userId, organisationId } });
    return m?.role ?? null;
  }

  /**
   * The platform administrator creates organisations: the account of TRAME_ADMIN_EMAIL, or without it the
   * one created at first start. Read from the configuration on each call, so changing TRAME_ADMIN_EMAIL
   * moves the right at the next start and no stored flag can outlive it.
   */
  isPlatformAdministrator(email: string): boolean {
    const admin = (this.config.admin?.email ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
    return email.trim().toLowerCase() === admin;
  }
}

const DUMMY_HASH = argon2.hash('trame-dummy-password', { type: argon2.argon2id });
