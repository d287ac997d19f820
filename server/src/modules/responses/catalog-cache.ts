import { type Bundle, buildCatalog, type QuestionnaireCatalog } from '@trame/shared';

const cache = new WeakMap<Bundle, QuestionnaireCatalog>();

/** The questionnaire catalogue of a bundle, built once per bundle object (CampaignsService caches bundles). */
export function catalogOf(bundle: Bundle): QuestionnaireCatalog {
  let c = cache.get(bundle);
  if (!c) {
    c = buildCatalog(bundle.questionnaire, bundle.locale ?? 'fr');
    cache.set(bundle, c);
  }
  return c;
}
