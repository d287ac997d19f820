import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CAMPAIGN_ACCESS = ['public', 'invitation'] as const;
export type CampaignAccess = (typeof CAMPAIGN_ACCESS)[number];
export const CAMPAIGN_STATUS = ['draft', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUS)[number];

@Entity({ name: 'campaign' })
@Index('uq_campaign_slug', ['slug'], { unique: true })
@Index('ix_campaign_evaluation', ['evaluationId'])
export class Campaign {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_campaign' })
  id: number;

  /** The evaluations module's tables, by name (not its entities: each module maps its own tables). */
  @Column({ name: 'evaluation_id', type: 'integer' })
  @ForeignKey('evaluation', { name: 'fk_campaign_evaluation', onDelete: 'CASCADE' })
  evaluationId: number;

  @Column({ name: 'questionnaire_version_id', type: 'integer' })
  @ForeignKey('questionnaire_version', { name: 'fk_campaign_questionnaire_version', onDelete: 'RESTRICT' })
  questionnaireVersionId: number;

  @Column({ name: 'title', type: 'varchar', length: 500 })
  title: string;

  @Column({ name: 'slug', type: 'varchar', length: 100 })
  slug: string;

  @Column({ name: 'access', type: 'varchar', length: 16 })
  access: CampaignAccess;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status: CampaignStatus;

  @Column({ name: 'opens_at', type: 'varchar', length: 32, nullable: true })
  opensAt: string | null;

  @Column({ name: 'closes_at', type: 'varchar', length: 32, nullable: true })
  closesAt: string | null;

  @Column({ name: 'privacy_notice', type: 'text', nullable: true })
  privacyNotice: string | null;

  /** The notice's fields (PrivacyFields of the contract) as JSON; null for a campaign created before them. */
  @Column({ name: 'privacy', type: 'text', nullable: true })
  privacy: string | null;

  /**
   * Counts the changes to the campaign's complete responses other than a public save adding one (imports,
   * erasures): with their number, the key of the results cache (ResponseReader, docs/adr/0005). Saves
   * do not write it, so that they do not all queue behind this row's lock.
   */
  @Column({ name: 'revision', type: 'integer', default: 0 })
  revision: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}
