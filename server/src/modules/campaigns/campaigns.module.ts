import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { Campaign } from './campaign.entity.js';
import { CampaignDeletionService } from './campaign-deletion.service.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsService } from './campaigns.service.js';
import { Invitation } from './invitation.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Campaign, Invitation]), EvaluationsModule, AccountsModule],
  controllers: [CampaignsController],
  providers: [CampaignsService, CampaignDeletionService],
  exports: [CampaignsService],
})
export class CampaignsModule {}
