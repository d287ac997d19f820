import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'app_user' })
@Index('uq_app_user_email', ['email'], { unique: true })
export class User {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_app_user' })
  id: number;

  /** Stored lower-cased. */
  @Column({ name: 'email', type: 'varchar', length: 254 })
  email: string;

  /** argon2id hash (PHC string). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  /**
   * Bumped whenever the password is changed or reset: a session opened under an older version is refused,
   * which is how a reset at start (TRAME_ADMIN_PASSWORD) revokes every session and token of the user.
   */
  @Column({ name: 'credentials_version', type: 'integer', default: 0 })
  credentialsVersion: number;

  @Column({ name: 'display_name', type: 'varchar', length: 200, nullable: true })
  displayName: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}
