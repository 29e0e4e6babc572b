import type { Protocol } from '../../protocol';
import { salesforceRoles } from '../../protocol/field-sync';
import type { FollowedObject } from '../../shared/field-specs';

/** The Salesforce objects the pipeline follows, and the fields it reads from each (reconciliation, read-backs). */
export function salesforceReadFields(protocol: Protocol): Record<FollowedObject, string[]> {
  const hubspotId = protocol.writeBack.salesforce.hubspotContactId;
  const person = ['Id', 'Email', 'OwnerId', 'IsDeleted', 'MasterRecordId', 'SystemModstamp', hubspotId];
  return {
    Lead: unique([
      ...person,
      'IsConverted',
      'ConvertedContactId',
      'ConvertedAccountId',
      'ConvertedOpportunityId',
      'LastActivityDate',
      ...salesforceRoles(protocol, 'Lead').keys(),
    ]),
    Contact: unique([...person, 'AccountId', 'LastActivityDate', ...salesforceRoles(protocol, 'Contact').keys()]),
    Opportunity: ['Id', 'StageName', 'IsClosed', 'IsWon', 'Amount', 'CloseDate', 'IsDeleted', 'SystemModstamp'],
    Task: ['Id', 'WhoId', 'Subject', 'Status', 'CreatedById', 'CreatedDate', 'IsDeleted', 'SystemModstamp'],
    Event: ['Id', 'WhoId', 'Subject', 'StartDateTime', 'CreatedById', 'CreatedDate', 'IsDeleted', 'SystemModstamp'],
  };
}

/**
 * What an outbound message needs to carry (README, "Setting up the CRMs"): the record's Id, which the
 * worker reads back. Nothing else is believed, so nothing else is worth sending.
 */
export function outboundMessageFields(): Record<FollowedObject, string[]> {
  const fields = ['Id'];
  return { Lead: fields, Contact: fields, Opportunity: fields, Task: fields, Event: fields };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
