import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Campaign } from './campaign.entity.js';

/** A personal invitation. The token (256 random bits) is shown once; only its SHA-256 is stored. */
@Entity({ name: 'invitation' })
@Index('uq_invitation_token_hash', ['tokenHash'], { unique: true })
@Index('ix_invitation_campaign', ['campaignId'])
export class Invitation {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_invitation' })
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_invitation_campaign' })
  campaign?: Relation<Campaign>;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'segment_code', type: 'varchar', length: 100, nullable: true })
  segmentCode: string | null;

  @Column({ name: 'group_code', type: 'varchar', length: 100, nullable: true })
  groupCode: string | null;

  /** The client UUID of the one response this invitation gave, once started. */
  @Column({ name: 'response_uuid', type: 'varchar', length: 100, nullable: true })
  responseUuid: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}
