import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { DesignFilesController } from './design-files.controller.js';
import { DesignFilesService } from './design-files.service.js';

@Module({
  imports: [EvaluationsModule],
  controllers: [DesignFilesController],
  providers: [DesignFilesService],
})
export class DesignFilesModule {}
