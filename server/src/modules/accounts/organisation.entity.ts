import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'organisation' })
export class Organisation {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_organisation' })
  id: number;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name: string;

  /** ISO 8601 timestamps are stored as text: portable between SQLite and PostgreSQL, and sortable. */
  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}
