import { Body, Controller, Inject, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, type CampaignAccess, Granted } from '../../http/access.decorator.js';
import { BodyLimit, UPLOAD_BODY_LIMIT } from '../../http/json-body.js';
import { ResponseImportService, type UploadedFile as File } from './response-import.service.js';
import { importedSchema } from '../../http/openapi-schemas.js';

/**
 * One file of at most 50 MB and nothing else of size: multer reads the multipart body after the guards
 * (route interceptor), and stops at the first limit passed.
 */
const UPLOAD_LIMITS = { fileSize: UPLOAD_BODY_LIMIT, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 };

@ApiTags('responses')
@Controller('campaigns')
export class ResponsesController {
  constructor(@Inject(ResponseImportService) private readonly importer: ResponseImportService) {}

  @Post(':id/responses/import')
  @Access('editor', 'campaign')
  @BodyLimit(UPLOAD_BODY_LIMIT)
  @UseInterceptors(FileInterceptor('file', { limits: UPLOAD_LIMITS }))
  @ApiOperation({
    summary:
      'Importe des réponses : corps JSON `trame-responses/1` (ou tableau), ou multipart champ `file` (.json, .csv, .xlsx). 201 `{imported}` ; 422 avec les erreurs par ligne/colonne et rien n’est importé.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ schema: importedSchema })
  import(@Granted('campaign') access: CampaignAccess, @Body() body: unknown, @UploadedFile() file?: File) {
    return this.importer.import(access, body, file);
  }
}
