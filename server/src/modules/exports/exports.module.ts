import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { ResponsesModule } from '../responses/responses.module.js';
import { ResultsModule } from '../results/results.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

@Module({
  imports: [CampaignsModule, ResponsesModule, ResultsModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
