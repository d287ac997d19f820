import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organisation } from './organisation.entity.js';
import type { Role } from './roles.js';
import { User } from './user.entity.js';

export { ROLES, type Role } from './roles.js';

/** A user's role in one organisation, which AccessGuard reads for every route that names a resource. */
@Entity({ name: 'membership' })
@Index('uq_membership_user_organisation', ['userId', 'organisationId'], { unique: true })
@Index('ix_membership_organisation', ['organisationId'])
export class Membership {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_membership' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_membership_user' })
  user?: Relation<User>;

  @Column({ name: 'organisation_id', type: 'integer' })
  organisationId: number;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_membership_organisation' })
  organisation?: Relation<Organisation>;

  @Column({ name: 'role', type: 'varchar', length: 16 })
  role: Role;
}
