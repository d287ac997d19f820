import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { Evaluation } from './evaluation.entity.js';
import { EvaluationsController } from './evaluations.controller.js';
import { EvaluationsService } from './evaluations.service.js';
import { QuestionnaireVersion } from './questionnaire-version.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Evaluation, QuestionnaireVersion]), AccountsModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsService],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}
