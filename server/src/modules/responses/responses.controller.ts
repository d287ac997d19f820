import { Body, Controller, Inject, Param, ParseIntPipe, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CurrentUser } from '../../http/current-user.decorator.js';
import { ResponseImportService, type UploadedFile as File } from './response-import.service.js';
import { importedSchema } from '../../http/openapi-schemas.js';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

@ApiTags('responses')
@Controller('campaigns')
export class ResponsesController {
  constructor(@Inject(ResponseImportService) private readonly importer: ResponseImportService) {}

  @Post(':id/responses/import')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      'Importe des réponses : corps JSON `trame-responses/1` (ou tableau), ou multipart champ `file` (.json, .csv, .xlsx). 201 `{imported}` ; 422 avec les erreurs par ligne/colonne et rien n’est importé.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ schema: importedSchema })
  import(
    @CurrentUser() user: AuthContext,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: unknown,
    @UploadedFile() file?: File,
  ) {
    return this.importer.import(user, id, body, file);
  }
}
