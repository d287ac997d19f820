import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Evaluation } from './evaluation.entity.js';

/** A SurveyJS questionnaire. A version that has responses is never modified: a change makes a new one. */
@Entity({ name: 'questionnaire_version' })
@Index('uq_questionnaire_version_evaluation_version', ['evaluationId', 'version'], { unique: true })
export class QuestionnaireVersion {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_questionnaire_version' })
  id: number;

  @Column({ name: 'evaluation_id', type: 'integer' })
  evaluationId: number;

  @ManyToOne(() => Evaluation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'fk_questionnaire_version_evaluation' })
  evaluation?: Relation<Evaluation>;

  @Column({ name: 'version', type: 'integer' })
  version: number;

  @Column({ name: 'definition', type: 'simple-json' })
  definition: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}
