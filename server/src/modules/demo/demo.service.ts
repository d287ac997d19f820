import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EvaluationsService } from '../evaluations/evaluations.service.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { checkedJson, ResponseImportService } from '../responses/response-import.service.js';
import { demoDir } from './demo-files.js';

/** On an empty database, the Coop'Art example: its bundle and 85 responses in an open campaign. */
@Injectable()
export class DemoService {
  private readonly logger = new Logger('Démo');

  constructor(
    @Inject(EvaluationsService) private readonly evaluations: EvaluationsService,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(ResponseImportService) private readonly importer: ResponseImportService,
  ) {}

  async loadIfEmpty(organisationId: number): Promise<{ campaignId: number; slug: string; url: string } | null> {
    if (await this.evaluations.any()) return null;
    const dir = demoDir();
    if (!dir) {
      this.logger.warn('Données de démonstration introuvables (server/demo/coopart)');
      return null;
    }
    const bundle: unknown = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'));
    const responses: unknown = JSON.parse(readFileSync(join(dir, 'responses.json'), 'utf8'));
    const { evaluation } = await this.evaluations.createFromBundle(organisationId, bundle);
    const campaign = await this.campaigns.createFor(evaluation.id, {
      title: 'Enquête Coop’Art (démonstration)',
      access: 'public',
      status: 'open',
      // A demonstration's notice: every field the campaign needs to open, as Coop'Art would fill them.
      privacy: {
        controller: 'Coop’Art, SCIC SAS (Haute-Loire)',
        contact: 'donnees@coopart.example — Coop’Art, groupe de travail « évaluation »',
      },
    });
    const fullBundle = await this.evaluations.exportBundleOf(evaluation.id);
    const { imported } = await this.importer.store(campaign.id, checkedJson(fullBundle, responses));
    this.logger.log(`Démo Coop’Art chargée : ${imported} réponses, campagne ouverte ${campaign.url}`);
    return { campaignId: campaign.id, slug: campaign.slug, url: campaign.url };
  }
}
