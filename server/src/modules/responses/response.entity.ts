import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ResponseStatus = 'partial' | 'complete';

/**
 * One respondent's answers. The answers are one JSON text per row (not one row per answer): results and
 * exports read them with a keyset-paged raw query and JSON.parse, which keeps 100k responses fast (see
 * docs/adr/0002). No IP address or user agent is stored.
 */
@Entity({ name: 'response' })
@Index('uq_response_campaign_uuid', ['campaignId', 'uuid'], { unique: true })
@Index('ix_response_campaign_status_id', ['campaignId', 'status', 'id'])
@Index('ix_response_campaign_status_import', ['campaignId', 'status', 'importId'])
export class ResponseEntity {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_response' })
  id: number;

  /** The campaigns module's campaign (its table, not its entity: each module maps its own tables). */
  @Column({ name: 'campaign_id', type: 'integer' })
  @ForeignKey('campaign', { name: 'fk_response_campaign', onDelete: 'CASCADE' })
  campaignId: number;

  /** Client-generated UUID (public submissions) or the imported record's id. */
  @Column({ name: 'uuid', type: 'varchar', length: 100 })
  uuid: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status: ResponseStatus;

  /** JSON.stringify of the SurveyJS data object. */
  @Column({ name: 'data', type: 'text' })
  data: string;

  @Column({ name: 'invitation_id', type: 'integer', nullable: true })
  invitationId: number | null;

  /** The import that wrote it (visible once that import is published), or null for a public save. */
  @Column({ name: 'import_id', type: 'integer', nullable: true })
  importId: number | null;

  /** 'web' or 'import'. */
  @Column({ name: 'source', type: 'varchar', length: 16 })
  source: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt: string;

  @Column({ name: 'submitted_at', type: 'varchar', length: 32, nullable: true })
  submittedAt: string | null;

  /**
   * Incremented by each public save; a save carries the revision it was based on and is refused (409)
   * when the response changed since on another device. 0 for imported responses.
   */
  @Column({ name: 'revision', type: 'integer', default: 0 })
  revision: number;
}
