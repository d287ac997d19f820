import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export type SessionKind = 'cookie' | 'bearer';

/**
 * A login: browser cookie session or bearer token for scripts. Only SHA-256 digests of the secrets are kept
 * (the session token, and for cookie sessions the CSRF token bound to it).
 */
@Entity({ name: 'session' })
@Index('uq_session_token_hash', ['tokenHash'], { unique: true })
@Index('ix_session_user', ['userId'])
export class Session {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_session' })
  id: number;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind: SessionKind;

  /** The accounts module's user (its table, not its entity: each module maps its own tables). */
  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('app_user', { name: 'fk_session_user', onDelete: 'CASCADE' })
  userId: number;

  /** The user's `credentialsVersion` when the session was opened; any other value means revoked. */
  @Column({ name: 'credentials_version', type: 'integer', default: 0 })
  credentialsVersion: number;

  /** SHA-256 of the CSRF token given with this cookie session; null for bearer tokens. */
  @Column({ name: 'csrf_hash', type: 'varchar', length: 64, nullable: true })
  csrfHash: string | null;

  /** What the token is for, given at creation (`POST /api/auth/token {label}`), to recognise it in the list. */
  @Column({ name: 'label', type: 'varchar', length: 100, nullable: true })
  label: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  /** Last authenticated request, to a few minutes (see AuthService.touch). */
  @Column({ name: 'last_used_at', type: 'varchar', length: 32, nullable: true })
  lastUsedAt: string | null;

  @Column({ name: 'expires_at', type: 'varchar', length: 32 })
  expiresAt: string;
}
