import { z } from 'zod';
import type { WriteSource } from './change-feed';
import { userSource } from './sim-context';
import { describeFailure, snapshot, type RecordSnapshot, type SeedRecord, type SimulatorCore } from './simulator-core';

export const activitySchema = z.object({
  pageViews: z.number().int().min(0).optional(),
  /** A form submission, by form name: counts as a conversion. */
  formSubmission: z.string().min(1).optional(),
  /** A new HubSpot score. */
  score: z.number().optional(),
});
export type ContactActivity = z.infer<typeof activitySchema>;

/**
 * "A marketer does something in HubSpot": writes attributed to a person in the CRM UI (changeSource
 * CRM_UI), and the activity HubSpot itself records (ANALYTICS page views, FORM submissions,
 * CALCULATED scores), so tests and the demo can tell them from the integration's own writes.
 */
export interface CrmUserActions {
  createContact(properties: SeedRecord): RecordSnapshot;
  updateContact(id: string, properties: SeedRecord): RecordSnapshot;
  archiveContact(id: string): boolean;
  mergeContacts(primaryId: string, secondaryId: string): RecordSnapshot;
  recordActivity(id: string, activity: ContactActivity): RecordSnapshot;
}

export function crmUserActions(core: SimulatorCore): CrmUserActions {
  const { ctx } = core;
  const source = userSource(core.options.credentials);
  const write = (id: string, properties: SeedRecord, by: WriteSource, privileged: boolean): RecordSnapshot => {
    const updated = ctx.writes.update('contacts', id, properties, { source: by, privileged });
    if (!updated.ok) throw new Error(`cannot update contact ${id}: ${describeFailure(updated.error)}`);
    return snapshot(updated.value);
  };
  return {
    createContact(properties) {
      const created = ctx.writes.create('contacts', properties, { source });
      if (!created.ok) throw new Error(`cannot create contact: ${describeFailure(created.error)}`);
      return snapshot(created.value);
    },
    updateContact: (id, properties) => write(id, properties, source, false),
    archiveContact: (id) => ctx.writes.archive('contacts', id, { source }),
    mergeContacts: (primaryId, secondaryId) => core.mergeAsUser(primaryId, secondaryId),
    recordActivity(id, activity) {
      const contact = ctx.store.resolve('contacts', id);
      if (contact === undefined) throw new Error(`no contact ${id}`);
      const count = (name: string): number => Number(contact.values.get(name) ?? 0);
      const now = new Date(ctx.clock()).toISOString();
      let latest = snapshot(contact);
      if (activity.pageViews !== undefined && activity.pageViews > 0) {
        const views = {
          hs_analytics_num_page_views: count('hs_analytics_num_page_views') + activity.pageViews,
          hs_analytics_num_visits: count('hs_analytics_num_visits') + 1,
        };
        latest = write(id, views, { changeSource: 'ANALYTICS', sourceId: 'analytics' }, true);
      }
      if (activity.formSubmission !== undefined) {
        const first = contact.values.has('first_conversion_event_name')
          ? {}
          : { first_conversion_event_name: activity.formSubmission, first_conversion_date: now };
        const form = {
          num_conversion_events: count('num_conversion_events') + 1,
          recent_conversion_event_name: activity.formSubmission,
          recent_conversion_date: now,
          ...first,
        };
        latest = write(id, form, { changeSource: 'FORM', sourceId: activity.formSubmission }, true);
      }
      if (activity.score !== undefined)
        latest = write(id, { hubspotscore: activity.score }, { changeSource: 'CALCULATED', sourceId: 'scoring' }, true);
      return latest;
    },
  };
}
