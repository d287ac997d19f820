import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../accounts/user.entity.js';

export type SessionKind = 'cookie' | 'bearer';

/** A login: browser cookie session or bearer token for scripts. Only the SHA-256 of the secret is kept. */
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

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_session_user' })
  user?: Relation<User>;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 32 })
  expiresAt: string;
}
