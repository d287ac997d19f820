import type { Writable } from 'node:stream';
import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, type CampaignAccess, Granted } from '../../http/access.decorator.js';
import { ExportsService } from './exports.service.js';

@ApiTags('exports')
@Controller('campaigns')
export class ExportsController {
  private readonly logger = new Logger('Exports');

  constructor(@Inject(ExportsService) private readonly exports: ExportsService) {}

  @Get(':id/export.xlsx')
  @Access('viewer', 'campaign')
  @ApiOperation({
    summary: 'Le classeur Excel : Synthèse, Réponses, Verbatims, Données internes, Méthode (écrit en flux).',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async xlsx(@Granted('campaign') access: CampaignAccess, @Res() res: Response) {
    const { filename, write } = await this.exports.workbook(access);
    await this.stream(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename, write);
  }

  @Get(':id/responses.csv')
  @Access('viewer', 'campaign')
  @ApiOperation({ summary: 'Les réponses complètes en CSV (format d’import : `;`, virgule décimale, UTF-8 avec BOM).' })
  @ApiProduces('text/csv')
  async csv(@Granted('campaign') access: CampaignAccess, @Res() res: Response) {
    const { filename, write } = await this.exports.csv(access);
    await this.stream(res, 'text/csv; charset=utf-8', filename, async (out) => {
      await write(out);
      out.end();
    });
  }

  @Get(':id/responses.json')
  @Access('viewer', 'campaign')
  @ApiOperation({
    summary:
      'Les réponses complètes en JSON `trame-responses/1`, avec `visibilityApplied: true` : réimportées, elles sont prises telles quelles (les réponses masquées ont déjà été effacées).',
  })
  @ApiProduces('application/json')
  async json(@Granted('campaign') access: CampaignAccess, @Res() res: Response) {
    const { filename, write } = await this.exports.json(access);
    await this.stream(res, 'application/json; charset=utf-8', filename, async (out) => {
      await write(out);
      out.end();
    });
  }

  /** Access was checked before the first byte; an error mid-stream can only cut the download. */
  private async stream(res: Response, type: string, filename: string, write: (out: Writable) => Promise<void>) {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await write(res);
    } catch (e) {
      this.logger.error(`Export interrompu : ${(e as Error).message}`);
      res.destroy(e as Error);
    }
  }
}
