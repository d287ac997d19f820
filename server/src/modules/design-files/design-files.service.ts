import { Inject, Injectable } from '@nestjs/common';
import { blankDesignWorkbook, importEvaluationFile, writeDesignWorkbook } from '@trame/shared/node';
import { InvalidDocumentError } from '../../errors/domain-error.js';
import type { EvaluationAccess, OrganisationAccess } from '../../http/access.decorator.js';
import { EvaluationsService } from '../evaluations/evaluations.service.js';

/** The part of multer's file that is read here. */
export interface DesignUpload {
  originalname: string;
  buffer: Buffer;
}

/**
 * Evaluations to and from files a working group edits in a spreadsheet: the design workbook (XLSForm
 * sheets plus Trame's référentiel, segments and internal data) and plain XLSForm files made with
 * KoboToolbox, ODK or by hand. Reading and writing are shared's (`importEvaluationFile`,
 * `writeDesignWorkbook`); creating the evaluation is the bundle import's, so the same checks apply.
 */
@Injectable()
export class DesignFilesService {
  constructor(@Inject(EvaluationsService) private readonly evaluations: EvaluationsService) {}

  /** 201 as the bundle import, plus `warnings`: what the file had that could not be carried over. */
  async import(access: OrganisationAccess, file: DesignUpload | undefined) {
    if (!file)
      throw new InvalidDocumentError('MISSING_FILE', 'Aucun fichier reçu : envoyez-le dans le champ « file ».', [
        { path: 'file', message: 'champ « file » absent' },
      ]);
    const read = await importEvaluationFile(file.originalname, file.buffer);
    if (!read.ok)
      throw new InvalidDocumentError(
        'INVALID_DESIGN_FILE',
        `Le fichier « ${file.originalname} » ne peut pas être importé : rien n’a été enregistré.`,
        read.errors,
      );
    const created = await this.evaluations.importBundle(access, read.value.bundle);
    return { ...created, warnings: read.value.warnings };
  }

  /** The design workbook of an evaluation, and the name to download it under. */
  async workbook(access: EvaluationAccess): Promise<{ filename: string; body: Buffer }> {
    const bundle = await this.evaluations.exportBundleOf(access.evaluationId);
    return {
      filename: `${fileName(bundle.title)}-conception.xlsx`,
      body: await writeDesignWorkbook(bundle),
    };
  }

  blank(): Promise<Buffer> {
    return blankDesignWorkbook();
  }
}

/** A title as a file name any system accepts: ASCII letters, digits and dashes. */
function fileName(title: string): string {
  const ascii = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return ascii || 'evaluation';
}
