import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Bundle } from '@trame/shared';

/**
 * An evaluation: the bundle minus its questionnaire (kept in versions). Framework, segments and internal
 * data are JSON documents in text columns (portable, read whole, never queried inside).
 */
@Entity({ name: 'evaluation' })
@Index('ix_evaluation_organisation', ['organisationId'])
export class Evaluation {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_evaluation' })
  id: number;

  /** The accounts module's organisation (its table, not its entity: each module maps its own tables). */
  @Column({ name: 'organisation_id', type: 'integer' })
  @ForeignKey('organisation', { name: 'fk_evaluation_organisation', onDelete: 'CASCADE' })
  organisationId: number;

  @Column({ name: 'title', type: 'varchar', length: 500 })
  title: string;

  @Column({ name: 'description', type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'locale', type: 'varchar', length: 16, nullable: true })
  locale: string | null;

  @Column({ name: 'organization_info', type: 'simple-json', nullable: true })
  organizationInfo: Bundle['organization'] | null;

  @Column({ name: 'settings', type: 'simple-json', nullable: true })
  settings: Bundle['settings'] | null;

  @Column({ name: 'framework', type: 'simple-json' })
  framework: Bundle['framework'];

  @Column({ name: 'segments', type: 'simple-json' })
  segments: Bundle['segments'];

  @Column({ name: 'internal_data', type: 'simple-json' })
  internalData: Bundle['internalData'];

  /** Top-level bundle fields this version does not know, kept so that export gives them back. */
  @Column({ name: 'extra', type: 'simple-json', nullable: true })
  extra: Record<string, unknown> | null;

  /** Bumped on every change that can alter results (internal data…); part of the results cache key. */
  @Column({ name: 'revision', type: 'integer', default: 0 })
  revision: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt: string;
}
