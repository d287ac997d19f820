import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { UnauthenticatedError } from '../../errors/domain-error.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { Session, type SessionKind } from './session.entity.js';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** 256 random bits, URL-safe. */
export const newSecret = () => randomBytes(32).toString('base64url');

const BEARER_DAYS = 30;

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks the credentials and opens a session; the secret is returned once and stored hashed. */
  async login(
    email: string,
    password: string,
    kind: SessionKind,
  ): Promise<{ token: string; expiresAt: string; userId: number }> {
    const user = await this.accounts.verifyCredentials(email, password);
    if (!user) throw new UnauthenticatedError('Adresse e-mail ou mot de passe incorrect');
    const token = newSecret();
    const now = Date.now();
    const ttl = kind === 'cookie' ? this.config.sessionHours * 3600_000 : BEARER_DAYS * 86400_000;
    const expiresAt = new Date(now + ttl).toISOString();
    await this.uow.run(async (em) => {
      await em.getRepository(Session).delete({ expiresAt: LessThan(new Date(now).toISOString()) });
      await em
        .getRepository(Session)
        .insert({ tokenHash: sha256(token), kind, userId: user.id, createdAt: new Date(now).toISOString(), expiresAt });
    });
    return { token, expiresAt, userId: user.id };
  }

  async resolve(
    token: string,
    kind: SessionKind,
  ): Promise<{ sessionId: number; userId: number; email: string } | null> {
    const session = await this.sessions.findOne({ where: { tokenHash: sha256(token), kind } });
    if (!session || session.expiresAt < new Date().toISOString()) return null;
    const user = await this.accounts.findUser(session.userId);
    return user ? { sessionId: session.id, userId: user.id, email: user.email } : null;
  }

  async logout(sessionId: number): Promise<void> {
    await this.uow.run((em) => em.getRepository(Session).delete({ id: sessionId }));
  }
}
