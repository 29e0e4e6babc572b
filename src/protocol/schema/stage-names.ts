/**
 * The lead stages of DESIGN.md; the engine is the only writer of a lead's stage. Here, below the
 * schema, so the protocol file's sections can name stages too (hubspotLifecycle) without a cycle.
 */
export const STAGES = [
  'new',
  'nurturing',
  'mql',
  'handed_off',
  'accepted',
  'rejected',
  'working',
  'converted',
  'won',
  'lost',
  'recycled',
  'disqualified',
  'dormant',
] as const;
