import type { Lead } from './lead';
import type { Protocol } from './schema/protocol.schema';
import type { Stage } from './stages';
import type { FieldValue } from './values';

export const LIFECYCLE_PROPERTY = 'lifecyclestage';
export const LEAD_STATUS_PROPERTY = 'hs_lead_status';

/**
 * HubSpot's default lifecycle stages, earliest first. The property moves only forward: an earlier
 * value sent through the API is ignored unless the property is cleared first
 * (https://knowledge.hubspot.com/records/use-lifecycle-stages, "set a lifecycle stage backwards").
 * A custom stage is not in this list, so leadpact cannot tell its order and always writes.
 */
const DEFAULT_ORDER = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
];

export interface LifecycleWrite {
  /** lifecyclestage and hs_lead_status as the lead's stage says, where they should be written. */
  readonly properties: Readonly<Record<string, FieldValue>>;
  /** Properties to clear in an earlier write, because the value moves back (recycling). */
  readonly clearFirst: readonly string[];
}

const NONE: LifecycleWrite = { properties: {}, clearFirst: [] };

function text(value: FieldValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function isEarlier(target: string, current: string): boolean {
  const to = DEFAULT_ORDER.indexOf(target);
  const from = DEFAULT_ORDER.indexOf(current);
  return to >= 0 && from >= 0 && to < from;
}

/**
 * HubSpot's own funnel properties for the lead's stage. The current lifecycle stage is HubSpot's
 * (read with the contact), so an earlier value is only written where the protocol says to move
 * back, and then cleared first as HubSpot requires; elsewhere it would be ignored, so it is not sent.
 */
export function lifecycleWrite(lead: Lead, protocol: Pick<Protocol, 'hubspotLifecycle'>): LifecycleWrite {
  const config = protocol.hubspotLifecycle;
  if (!config.enabled || lead.stage === 'new') return NONE;
  const stage: Exclude<Stage, 'new'> = lead.stage;
  const properties: Record<string, FieldValue> = {};
  const clearFirst: string[] = [];
  const status = config.leadStatus[stage];
  if (typeof status === 'string') properties[LEAD_STATUS_PROPERTY] = status;
  const target = config.lifecycleStage[stage];
  const current = text(lead.crm.hubspot[LIFECYCLE_PROPERTY]);
  if (typeof target === 'string') {
    if (current === null || !isEarlier(target, current)) properties[LIFECYCLE_PROPERTY] = target;
    else if (config.moveBackOn.includes(stage) && !config.neverMoveBackFrom.includes(current)) {
      properties[LIFECYCLE_PROPERTY] = target;
      clearFirst.push(LIFECYCLE_PROPERTY);
    }
  }
  return { properties, clearFirst };
}
