import { Injectable, Logger } from '@nestjs/common';

/** What is told of campaigns once their deletion has committed. */
export interface DeletedCampaign {
  id: number;
  slug: string;
}

/**
 * Tells the modules that keep something per campaign in memory (the campaigns module's public contexts,
 * the results module's cached and encoded responses) that campaigns are gone, once their deletion has
 * committed. Campaigns are deleted by this module (with their evaluation) and by the campaigns module;
 * the results module sits above both and cannot be called by them (no module cycles, house style §1):
 * it listens here instead.
 */
@Injectable()
export class DeletedCampaigns {
  private readonly logger = new Logger('Suppressions');
  private readonly listeners: ((campaigns: DeletedCampaign[]) => void)[] = [];

  listen(listener: (campaigns: DeletedCampaign[]) => void): void {
    this.listeners.push(listener);
  }

  /** After the commit. A listener's failure is logged: the deletion itself is done and answered. */
  deleted(campaigns: DeletedCampaign[]): void {
    if (campaigns.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(campaigns);
      } catch (e) {
        this.logger.error(`Oubli des campagnes supprimées : ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
