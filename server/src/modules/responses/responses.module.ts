import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { PublicResponsesController } from './public-responses.controller.js';
import { PublicResponsesService } from './public-responses.service.js';
import { ResponseEntity } from './response.entity.js';
import { ResponseImportService } from './response-import.service.js';
import { ResponseReader } from './response-reader.js';
import { ResponsesController } from './responses.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([ResponseEntity]), CampaignsModule],
  controllers: [PublicResponsesController, ResponsesController],
  providers: [PublicResponsesService, ResponseImportService, ResponseReader],
  exports: [ResponseReader, ResponseImportService],
})
export class ResponsesModule {}
