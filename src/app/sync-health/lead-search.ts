import { isHubSpotContactId, isLeadId, isSalesforceId } from '../../shared/ids';
import { repositories, type Db, type LeadRecord, type StoredAuditEntry } from '../../store';

/**
 * The leads an operator means by what they typed: an e-mail address, a HubSpot contact id, a
 * Salesforce Lead or Contact id (15 or 18 characters), or leadpact's own lead id.
 */
export async function searchLeads(db: Db, typed: string): Promise<LeadRecord[]> {
  const query = typed.trim();
  const leads = repositories(db).leads;
  if (query === '') return [];
  if (query.includes('@')) return leads.findByEmail(query.toLowerCase());
  const one = isLeadId(query)
    ? await leads.findById(query)
    : isHubSpotContactId(query)
      ? await leads.findByHubSpotId(query)
      : isSalesforceId(query)
        ? await leads.findBySalesforceId(query)
        : null;
  return one === null ? [] : [one];
}

/** A lead and its "why": every decision the engine recorded about it, oldest first. */
export async function leadTimeline(
  db: Db,
  id: string,
): Promise<{ readonly lead: LeadRecord; readonly timeline: readonly StoredAuditEntry[] } | null> {
  if (!isLeadId(id)) return null;
  const repos = repositories(db);
  const lead = await repos.leads.findById(id);
  return lead === null ? null : { lead, timeline: await repos.audit.forLead(id) };
}
