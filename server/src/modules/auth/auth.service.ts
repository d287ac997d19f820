import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Not, type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import {
  ForbiddenError,
  InvalidDocumentError,
  NotFoundError,
  UnauthenticatedError,
} from '../../errors/domain-error.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { passwordProblem } from '../accounts/password-policy.js';
import { Session, type SessionKind } from './session.entity.js';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** 256 random bits, URL-safe. */
export const newSecret = () => randomBytes(32).toString('base64url');

const BEARER_DAYS = 30;
/** `lastUsedAt` is written at most this often per session: one small write every few minutes, not per request. */
const TOUCH_MS = 5 * 60_000;

export interface ResolvedSession {
  sessionId: number;
  userId: number;
  email: string;
  /** SHA-256 of the CSRF token bound to a cookie session. */
  csrfHash: string | null;
}

export interface SessionView {
  id: number;
  kind: SessionKind;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  /** The session or token this request came with. */
  current: boolean;
}

/** Logins, the sessions and tokens they open, and the password change that revokes them. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the credentials and opens a session; the secrets are returned once and stored hashed. A cookie
   * session also gets a CSRF token of its own, so a CSRF cookie planted from another session is refused.
   */
  async login(
    email: string,
    password: string,
    kind: SessionKind,
    label: string | null = null,
  ): Promise<{ token: string; csrfToken: string | null; expiresAt: string; userId: number }> {
    const user = await this.accounts.verifyCredentials(email, password);
    if (!user) throw new UnauthenticatedError('Adresse e-mail ou mot de passe incorrect');
    const token = newSecret();
    const csrfToken = kind === 'cookie' ? newSecret() : null;
    const now = new Date();
    const ttl = kind === 'cookie' ? this.config.sessionHours * 3600_000 : BEARER_DAYS * 86400_000;
    const expiresAt = new Date(now.getTime() + ttl).toISOString();
    await this.uow.run(async (em) => {
      const repo = em.getRepository(Session);
      await repo.delete({ expiresAt: LessThan(now.toISOString()) });
      // Sessions revoked by a password reset at start are refused already; this clears them away.
      await repo.delete({ userId: user.id, credentialsVersion: Not(user.credentialsVersion) });
      await repo.insert({
        tokenHash: sha256(token),
        kind,
        userId: user.id,
        credentialsVersion: user.credentialsVersion,
        csrfHash: csrfToken ? sha256(csrfToken) : null,
        label: kind === 'bearer' ? label : null,
        createdAt: now.toISOString(),
        lastUsedAt: null,
        expiresAt,
      });
    });
    return { token, csrfToken, expiresAt, userId: user.id };
  }

  /** The live session behind a token: not expired, and opened under the user's current password. */
  async resolve(token: string, kind: SessionKind): Promise<ResolvedSession | null> {
    const session = await this.sessions.findOne({ where: { tokenHash: sha256(token), kind } });
    const now = new Date();
    if (!session || session.expiresAt < now.toISOString()) return null;
    // Cookie sessions opened before CSRF tokens were bound to sessions have none: they log in again.
    if (kind === 'cookie' && !session.csrfHash) return null;
    const user = await this.accounts.findUser(session.userId);
    if (!user || user.credentialsVersion !== session.credentialsVersion) return null;
    await this.touch(session, now);
    return { sessionId: session.id, userId: user.id, email: user.email, csrfHash: session.csrfHash };
  }

  async logout(sessionId: number): Promise<void> {
    await this.uow.run((em) => em.getRepository(Session).delete({ id: sessionId }));
  }

  /** The user's live sessions and tokens, newest first. Never their secrets. */
  async list(userId: number, currentSessionId: number): Promise<SessionView[]> {
    const user = await this.accounts.findUser(userId);
    if (!user) return [];
    const rows = await this.sessions.find({
      where: { userId, credentialsVersion: user.credentialsVersion },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const now = new Date().toISOString();
    return rows
      .filter((s) => s.expiresAt >= now && (s.kind === 'bearer' || s.csrfHash))
      .map((s) => ({
        id: s.id,
        kind: s.kind,
        label: s.label,
        createdAt: s.createdAt,
        lastUsedAt: s.lastUsedAt,
        expiresAt: s.expiresAt,
        current: s.id === currentSessionId,
      }));
  }

  /** Closes one of the user's own sessions or tokens; someone else's is answered as missing (404). */
  async revoke(userId: number, sessionId: number): Promise<void> {
    const deleted = await this.uow.run(async (em) => {
      const r = await em.getRepository(Session).delete({ id: sessionId, userId });
      return r.affected ?? 0;
    });
    if (deleted === 0) throw new NotFoundError('Session', 'SESSION_NOT_FOUND');
  }

  /**
   * Checks the current password and applies the rule to the new one, then, in one transaction, stores it
   * and revokes every other session and token of the user; the one making the request stays open.
   */
  async changePassword(
    user: { userId: number; email: string; sessionId: number },
    currentPassword: string,
    newPassword: string,
  ): Promise<{ revokedSessions: number }> {
    if (!(await this.accounts.verifyPassword(user.userId, currentPassword)))
      throw new ForbiddenError('Mot de passe actuel incorrect', 'WRONG_PASSWORD');
    const problem = passwordProblem(newPassword, user.email);
    if (problem)
      throw new InvalidDocumentError('WEAK_PASSWORD', `Nouveau mot de passe refusé : ${problem}`, [
        { path: 'newPassword', message: problem },
      ]);
    const hash = await AccountsService.hashPassword(newPassword);
    const revokedSessions = await this.uow.run(async (em) => {
      const version = await this.accounts.setPasswordHash(em, user.userId, hash);
      const repo = em.getRepository(Session);
      const others = await repo.delete({ userId: user.userId, id: Not(user.sessionId) });
      await repo.update({ id: user.sessionId }, { credentialsVersion: version });
      return others.affected ?? 0;
    });
    this.logger.log(
      `Mot de passe changé (utilisateur ${user.userId}) : ${revokedSessions} autre(s) session(s) révoquée(s)`,
    );
    return { revokedSessions };
  }

  /**
   * Records the last use, at most every TOUCH_MS. Best effort: a request is not refused because this
   * bookkeeping could not be written (the failure is logged; nothing was acknowledged to anyone).
   */
  private async touch(session: Session, now: Date): Promise<void> {
    if (session.lastUsedAt && now.getTime() - Date.parse(session.lastUsedAt) < TOUCH_MS) return;
    const stamp = now.toISOString();
    const staleBefore = new Date(now.getTime() - TOUCH_MS).toISOString();
    try {
      await this.uow.run((em) =>
        em
          .getRepository(Session)
          .createQueryBuilder()
          .update()
          .set({ lastUsedAt: stamp })
          .where('id = :id AND (last_used_at IS NULL OR last_used_at < :staleBefore)', {
            id: session.id,
            staleBefore,
          })
          .execute(),
      );
    } catch (e) {
      this.logger.warn(`Dernière utilisation de la session ${session.id} non enregistrée : ${String(e)}`);
    }
  }
}
