import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row that the health check writes now and then: a write that reaches the disk (a COMMIT) is the only
 * way to know that writes work, since a failing disk still answers reads.
 */
@Entity({ name: 'heartbeat' })
export class Heartbeat {
  @PrimaryColumn({ name: 'id', type: 'integer', primaryKeyConstraintName: 'pk_heartbeat' })
  id: number;

  @Column({ name: 'checked_at', type: 'varchar', length: 32 })
  checkedAt: string;
}
