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

  @Column({ name: 'display_name', type: 'varchar', length: 200, nullable: true })
  displayName: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}
