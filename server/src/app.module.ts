import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ENTITIES } from './app.entities.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DomainErrorFilter } from './errors/domain-error.filter.js';
import { RateLimitGuard } from './http/rate-limit.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AccessGuard } from './modules/auth/access.guard.js';
import { AuthGuard } from './modules/auth/auth.guard.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CampaignsModule } from './modules/campaigns/campaigns.module.js';
import { DesignFilesModule } from './modules/design-files/design-files.module.js';
import { EvaluationsModule } from './modules/evaluations/evaluations.module.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ResponsesModule } from './modules/responses/responses.module.js';
import { ResultsModule } from './modules/results/results.module.js';
import { StartupModule } from './modules/startup/startup.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.database, ENTITIES),
        AccountsModule,
        AuthModule,
        HealthModule,
        EvaluationsModule,
        DesignFilesModule,
        CampaignsModule,
        ResponsesModule,
        ResultsModule,
        ExportsModule,
        StartupModule,
      ],
      providers: [
        // Rate limit first (login guessing is refused before any password check), then authentication, then
        // the route's declared access policy (the organisation of the resource and the caller's role there).
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    };
  }
}
