import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { DatabaseNotWritableError, sqliteHandle } from '../../database/data-source.js';
import { StorageUnavailableError } from '../../database/storage-failure.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { writeHeartbeat } from '../health/heartbeat.js';
import { AccountsService, DEFAULT_ADMIN_EMAIL } from '../accounts/accounts.service.js';
import { DemoService } from '../demo/demo.service.js';

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
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.report.database = this.checkDatabase();
    await this.checkWrites();
    let organisationId: number | null = null;
    if (this.config.admin) {
      const r = await this.accounts.ensureAdministrator(this.config.admin.email, this.config.admin.password, {
        resetPassword: true,
      });
      organisationId = r.organisationId;
      this.report.admin = { email: this.config.admin.email, password: null, created: r.created };
    } else if (!(await this.accounts.hasUsers())) {
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

  /** A database that answers reads but refuses writes is refused at start, not discovered at the first save. */
  private async checkWrites(): Promise<void> {
    try {
      await writeHeartbeat(this.uow);
    } catch (e) {
      const failure = e instanceof StorageUnavailableError ? e.failure : e;
      throw new DatabaseNotWritableError(
        `La base ${this.report.database} refuse les écritures (${failure instanceof Error ? failure.message : String(failure)}) : ` +
          'Trame ne peut pas démarrer ainsi. Vérifiez l’espace disque, les droits du fichier et de son dossier, ou que la base PostgreSQL n’est pas en lecture seule.',
      );
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
