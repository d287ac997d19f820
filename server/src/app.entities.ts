import { Membership } from './modules/accounts/membership.entity.js';
import { Organisation } from './modules/accounts/organisation.entity.js';
import { User } from './modules/accounts/user.entity.js';
import { Session } from './modules/auth/session.entity.js';
import { Campaign } from './modules/campaigns/campaign.entity.js';
import { Invitation } from './modules/campaigns/invitation.entity.js';
import { Evaluation } from './modules/evaluations/evaluation.entity.js';
import { QuestionnaireVersion } from './modules/evaluations/questionnaire-version.entity.js';
import { Heartbeat } from './modules/health/heartbeat.entity.js';
import { ResponseImport } from './modules/responses/response-import.entity.js';
import { ResponseEntity } from './modules/responses/response.entity.js';

/**
 * Every table's entity, assembled here at the top: each belongs to the module that owns its table (and
 * alone reads and writes it), and the database layer knows none of them (it is given this list).
 */
export const ENTITIES = [
  Organisation,
  User,
  Membership,
  Session,
  Evaluation,
  QuestionnaireVersion,
  Campaign,
  Invitation,
  ResponseEntity,
  ResponseImport,
  Heartbeat,
];
