/** A user's role in one organisation, from least to most. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/** Whether `role` allows what `min` allows. */
export function atLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** The roles' names in the messages users read. */
export const ROLE_LABELS: Record<Role, string> = { viewer: 'lecteur', editor: 'éditeur', admin: 'administrateur' };
