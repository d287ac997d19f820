import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One import of a responses file. Its rows are written in small transactions while the import is
 * `staging`, invisible to results, exports and counts (ResponseReader's definition of the complete
 * responses leaves them out); one short transaction makes them all visible at once (`published`). An
 * import that fails, or that a crash interrupted, is `failed` and its rows are deleted.
 */
@Entity({ name: 'response_import' })
@Index('ix_response_import_campaign', ['campaignId'])
export class ResponseImport {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_response_import' })
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'state', type: 'varchar', length: 16 })
  state: 'staging' | 'published' | 'failed';

  /** The uploaded file's name, or null for a JSON body. */
  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName: string | null;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'published_at', type: 'varchar', length: 32, nullable: true })
  publishedAt: string | null;
}
