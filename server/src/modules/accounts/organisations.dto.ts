/** The organisation routes' bodies are the shared contract's (shared/src/api/organisations.ts). */
import { ROLES as CONTRACT_ROLES } from '@trame/shared';
import { ROLES } from './roles.js';

export {
  type AddMemberInput,
  addMemberSchema,
  type ChangeRoleInput,
  changeRoleSchema,
  type CreateOrganisationInput,
  createOrganisationSchema,
  type MemberView,
} from '@trame/shared';

// The memberships' roles are exactly the contract's: tsc fails here if one list changes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRoles: Same<(typeof ROLES)[number], (typeof CONTRACT_ROLES)[number]> = true;
void sameRoles;
