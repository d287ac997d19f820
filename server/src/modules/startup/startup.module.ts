import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { DemoModule } from '../demo/demo.module.js';
import { StartupService } from './startup.service.js';

@Module({ imports: [AccountsModule, DemoModule], providers: [StartupService], exports: [StartupService] })
export class StartupModule {}
