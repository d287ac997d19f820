import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { DeletedCampaigns } from './deleted-campaigns.js';
import { Evaluation } from './evaluation.entity.js';
import { EvaluationDesignService } from './evaluation-design.service.js';
import { EvaluationsController } from './evaluations.controller.js';
import { EvaluationsService } from './evaluations.service.js';
import { QuestionnaireVersion } from './questionnaire-version.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Evaluation, QuestionnaireVersion]), AccountsModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsService, EvaluationDesignService, DeletedCampaigns],
  exports: [EvaluationsService, DeletedCampaigns],
})
export class EvaluationsModule {}
