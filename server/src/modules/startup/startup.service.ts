import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { sqliteHandle } from '../../database/data-source.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { User } from '../accounts/user.entity.js';
import { DemoService } from '../demo/demo.service.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@trame.local';

export interface StartupReport {
  database: string;
  admin: { email: string; password: string | null; created: boolean } | null;
  demo: { url: string; campaignId: number } | null;
}

/**
 * Runs once the database is migrated: checks SQLite durability settings, makes sure the administrator
 * exists, loads the demo on an empty database. What it did is kept for main.ts to print.
 */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Démarrage');
  report: StartupReport = { database: '', admin: null, demo: null };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(DemoService) private readonly demo: DemoService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.report.database = this.checkDatabase();
    let organisationId: number | null = null;
    if (this.config.admin) {
      const r = await this.accounts.ensureAdministrator(this.config.admin.email, this.config.admin.password, {
        resetPassword: true,
      });
      organisationId = r.organisationId;
      this.report.admin = { email: this.config.admin.email, password: null, created: r.created };
    } else if ((await this.dataSource.getRepository(User).count()) === 0) {
      // No administrator configured and nobody can log in yet: create one and print its password once.
      const password = randomBytes(12).toString('base64url');
      const r = await this.accounts.ensureAdministrator(DEFAULT_ADMIN_EMAIL, password, { resetPassword: false });
      organisationId = r.organisationId;
      this.report.admin = { email: DEFAULT_ADMIN_EMAIL, password, created: true };
    }
    if (this.config.demo) {
      organisationId ??= await this.accounts.firstOrganisationId();
      if (organisationId !== null) {
        const d = await this.demo.loadIfEmpty(organisationId);
        if (d) this.report.demo = { url: d.url, campaignId: d.campaignId };
      }
    }
  }

  private checkDatabase(): string {
    const db = sqliteHandle(this.dataSource);
    if (!db) return 'PostgreSQL';
    const sync = db.pragma('synchronous', { simple: true });
    if (sync !== 2) {
      db.pragma('synchronous = FULL');
      this.logger.warn(`SQLite synchronous était ${String(sync)} : remis à FULL`);
    }
    return `SQLite ${this.config.database.type === 'sqlite' ? this.config.database.path : ''} (WAL, synchronous=FULL)`;
  }
}
