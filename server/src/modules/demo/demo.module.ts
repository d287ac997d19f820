import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { ResponsesModule } from '../responses/responses.module.js';
import { DemoService } from './demo.service.js';

@Module({
  imports: [EvaluationsModule, CampaignsModule, ResponsesModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
