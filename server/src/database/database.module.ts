import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DatabaseConfig } from '../config/config.js';
import { dataSourceOptions, type Entities } from './data-source.js';
import { UnitOfWork } from './unit-of-work.js';

@Global()
@Module({})
export class DatabaseModule {
  /** `entities`: the app's (app.entities.ts); the feature modules own them, this module knows none. */
  static forRoot(db: DatabaseConfig, entities: Entities): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(db, entities), retryAttempts: 0 })],
      providers: [UnitOfWork],
      exports: [UnitOfWork],
    };
  }
}
