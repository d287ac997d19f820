// Deterministic Coop'Art-shaped answers for the benchmarks: each answer is drawn from a fixture respondent of
// the same status (so visibility conditions mostly hold), with 69 members for 16 non-members as in the study.

/** A pseudo-random generator (linear congruential): the same seed gives the same data on every machine. */
export function seeded(seed) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Returns a function producing one respondent's data object per call. */
export function coopartAnswers(fixtureResponses, rand) {
  const byStatus = {
    associe: fixtureResponses.filter((r) => r.data.statut === 'associe'),
    non_associe: fixtureResponses.filter((r) => r.data.statut !== 'associe'),
  };
  const keys = [...new Set(fixtureResponses.flatMap((r) => Object.keys(r.data)))];
  return () => {
    const status = rand() < 69 / 85 ? 'associe' : 'non_associe';
    const pool = byStatus[status];
    const data = { statut: status };
    for (const k of keys) {
      if (k === 'statut') continue;
      const v = pool[Math.floor(rand() * pool.length)].data[k];
      if (v !== undefined) data[k] = v;
    }
    return data;
  };
}
