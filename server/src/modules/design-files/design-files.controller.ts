import { Controller, Get, Inject, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, type EvaluationAccess, Granted, type OrganisationAccess } from '../../http/access.decorator.js';
import { BodyLimit, UPLOAD_BODY_LIMIT } from '../../http/json-body.js';
import { designImportedSchema } from '../../http/openapi-schemas.js';
import { type DesignUpload, DesignFilesService } from './design-files.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** One file and nothing else of size (multer reads the multipart body after the guards). */
const UPLOAD_LIMITS = { fileSize: UPLOAD_BODY_LIMIT, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 };

@ApiTags('evaluations')
@Controller()
export class DesignFilesController {
  constructor(@Inject(DesignFilesService) private readonly files: DesignFilesService) {}

  @Post('evaluations/import')
  @Access('editor', 'organisation', { query: 'organisationId', optional: true })
  @BodyLimit(UPLOAD_BODY_LIMIT)
  @UseInterceptors(FileInterceptor('file', { limits: UPLOAD_LIMITS }))
  @ApiOperation({
    summary:
      'Crée une évaluation depuis un fichier (multipart, champ `file`) : bundle `.json`, classeur de conception `.xlsx` ou formulaire XLSForm (KoboToolbox, ODK). 201 comme l’import de bundle, avec `warnings` [{sheet, row, column, message}] pour ce qui n’a pas pu être repris ; 422 avec les erreurs par feuille, ligne et colonne, et rien n’est créé.',
  })
  @ApiQuery({ name: 'organisationId', required: false, type: Number })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ schema: designImportedSchema })
  import(@Granted('organisation') access: OrganisationAccess, @UploadedFile() file?: DesignUpload) {
    return this.files.import(access, file);
  }

  @Get('evaluations/:id/workbook.xlsx')
  @Access('viewer', 'evaluation')
  @ApiOperation({
    summary:
      'Le classeur de conception (XLSForm `survey`/`choices`/`settings` et les feuilles Trame : référentiel, segments, données internes), à modifier dans un tableur et à réimporter.',
  })
  @ApiProduces(XLSX)
  async workbook(@Granted('evaluation') access: EvaluationAccess, @Res() res: Response) {
    const { filename, body } = await this.files.workbook(access);
    send(res, filename, body);
  }

  @Get('design-workbook/template.xlsx')
  @Access('account')
  @ApiOperation({ summary: 'Un classeur de conception vide, avec toutes ses feuilles et colonnes, à remplir.' })
  @ApiProduces(XLSX)
  async template(@Res() res: Response) {
    send(res, 'modele-evaluation-trame.xlsx', await this.files.blank());
  }
}

function send(res: Response, filename: string, body: Buffer): void {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}
