import { missingPrivacyFields, PRIVACY_FIELD_LABELS, type PrivacyFields, type PrivacyInput } from '@trame/shared';
import { DomainError } from '../../errors/domain-error.js';
import type { Campaign } from './campaign.entity.js';

/** The respondents' notice of a campaign (RGPD articles 13 and 14, issue 9): its fields and their rules. */

/**
 * The notice's fields a new campaign starts with: the organisation's name and the contact given, and
 * texts that hold for what Trame does with answers (nothing stored about the device, aggregated figures
 * and anonymous quotes only). The working group reads and edits them in the campaign's panel.
 */
export function prefilledPrivacy(organisation: string, contact: string): PrivacyFields {
  const org = organisation.trim() || 'l’organisation';
  return {
    controller: organisation.trim(),
    contact: contact.trim(),
    purpose:
      `Évaluer l’utilité sociale de ${org} auprès de ses parties prenantes. Vos réponses ne servent qu’à cette ` +
      'évaluation et ne sont publiées que sous forme de chiffres agrégés ou de citations anonymes.',
    legalBasis: `Intérêt légitime de ${org} à évaluer son utilité sociale (article 6.1.f du RGPD).`,
    retention:
      'Vos réponses sont conservées le temps de l’évaluation, et au plus trois ans après la clôture de l’enquête, ' +
      'puis supprimées.',
    recipients:
      'Le groupe de travail chargé de l’évaluation. Vos réponses ne sont ni vendues ni cédées ; ni votre adresse IP ' +
      'ni votre navigateur ne sont enregistrés.',
    rights:
      'Vous pouvez accéder à vos réponses, les faire rectifier ou effacer, et vous opposer à leur traitement, ' +
      'en écrivant au contact ci-dessus.',
    policyUrl: null,
  };
}

/** A campaign's notice fields; a campaign created before them shows the pre-filled texts, unnamed. */
export function privacyOf(c: Campaign): PrivacyFields {
  const base = prefilledPrivacy('', '');
  if (!c.privacy) return base;
  return { ...base, ...(JSON.parse(c.privacy) as Partial<PrivacyFields>) };
}

export function withPrivacy(current: PrivacyFields, input: PrivacyInput | undefined): PrivacyFields {
  if (!input) return current;
  const next = { ...current };
  for (const key of Object.keys(current) as (keyof PrivacyFields)[]) {
    const v = input[key];
    if (v === undefined) continue;
    if (key === 'policyUrl') next.policyUrl = v ? v.trim() : null;
    else next[key] = v ?? '';
  }
  return next;
}

/** 422 naming, in French, the notice's required fields still empty. */
export function checkPrivacy(p: PrivacyFields): void {
  const missing = missingPrivacyFields(p);
  if (missing.length === 0) return;
  const names = missing.map((k) => PRIVACY_FIELD_LABELS[k]);
  throw new DomainError(
    422,
    'PRIVACY_NOTICE_INCOMPLETE',
    `La campagne ne peut pas ouvrir : la notice de confidentialité est incomplète (à remplir : ${names.join(', ')}).`,
    { errors: missing.map((k) => ({ path: `privacy.${k}`, message: `à remplir : ${PRIVACY_FIELD_LABELS[k]}` })) },
  );
}
