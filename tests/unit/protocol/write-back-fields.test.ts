import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectLead } from '../../../src/app/apply-events/lead-projection';
import { hubspotProvisionSpec, salesforceFieldSpecs } from '../../../src/app/provision-specs';
import { salesforceReadFields } from '../../../src/app/reconcile';
import { isFollowedObject } from '../../../src/app/inbound/salesforce-changes';
import { DEFAULT_WRITE_BACK, type Lead } from '../../../src/protocol';
import { SLA_STATUSES } from '../../../src/protocol/lead';
import { hubspotProjection, salesforceProjection } from '../../../src/protocol/write-back';
import { SLA_STATUS_LABELS, WRITE_BACK_FIELDS, type WriteBackRole } from '../../../src/protocol/write-back-fields';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../../../src/shared/field-specs';
import { exampleProtocol, protocolWith } from './fixtures';
import { handedOffLead } from './engine-harness';

/** What provisioning creates (reviewed when it changes): the table must derive exactly this. */
const EXPECTED = JSON.parse(readFileSync(join(__dirname, 'write-back-specs.expected.json'), 'utf8')) as Record<
  string,
  unknown
>;

describe('the write-back field table', () => {
  const protocol = exampleProtocol();
  const roles = Object.keys(WRITE_BACK_FIELDS) as WriteBackRole[];

  it('has a column on exactly the CRMs that have a name for the role, and a name for every column', () => {
    for (const role of roles) {
      const field = WRITE_BACK_FIELDS[role];
      expect([role, field.salesforce !== undefined]).toEqual([
        role,
        Object.hasOwn(DEFAULT_WRITE_BACK.salesforce, role),
      ]);
      expect([role, field.hubspot !== undefined]).toEqual([role, Object.hasOwn(DEFAULT_WRITE_BACK.hubspot, role)]);
    }
    expect(roles.sort()).toEqual(
      [...new Set([...Object.keys(DEFAULT_WRITE_BACK.salesforce), ...Object.keys(DEFAULT_WRITE_BACK.hubspot)])].sort(),
    );
  });

  it('derives the reviewed Salesforce fields and HubSpot properties, byte for byte', () => {
    const renamed = protocolWith((doc) => {
      doc.setIn(['writeBack', 'salesforce', 'timeToFirstTouchMin'], 'Minutes_To_First_Call__c');
      doc.setIn(['writeBack', 'hubspot', 'slaStatus'], 'corvid_sla');
      doc.setIn(['writeBack', 'campaign', 'mqls'], 'MQL_Count__c');
    });
    const derived = {
      salesforce: salesforceFieldSpecs(protocol),
      hubspot: hubspotProvisionSpec(protocol),
      renamedSalesforce: salesforceFieldSpecs(renamed),
      renamedHubspot: hubspotProvisionSpec(renamed),
    };
    expect(JSON.parse(JSON.stringify(derived))).toEqual(EXPECTED);
    expect(JSON.stringify(derived, null, 2)).toEqual(JSON.stringify(EXPECTED, null, 2));
  });

  it('holds the SLA labels once: the picklist, the HubSpot options, both projections and the ledger agree', () => {
    const labels = SLA_STATUSES.map((status) => SLA_STATUS_LABELS[status]);
    expect(labels).toEqual(['On Track', 'At Risk', 'Breached', 'Met']);
    const picklist = salesforceFieldSpecs(protocol).find(
      (spec) => spec.name === protocol.writeBack.salesforce.slaStatus,
    );
    expect(picklist?.picklistValues?.map((option) => option.value)).toEqual(labels);
    const property = hubspotProvisionSpec(protocol).properties.find(
      (p) => p.name === protocol.writeBack.hubspot.slaStatus,
    );
    expect(property?.options?.map((option) => option.value)).toEqual(labels);
    for (const status of SLA_STATUSES) {
      const lead: Lead = { ...handedOffLead().lead, slaStatus: status };
      expect(salesforceProjection(lead, protocol, 'Lead')[protocol.writeBack.salesforce.slaStatus]).toBe(
        SLA_STATUS_LABELS[status],
      );
      expect(hubspotProjection(lead, protocol)[protocol.writeBack.hubspot.slaStatus]).toBe(SLA_STATUS_LABELS[status]);
      expect(projectLead(lead, protocol, 1, null).slaStatus).toBe(SLA_STATUS_LABELS[status]);
    }
  });

  it('writes only allowed values into picklists, and every write-back name of the projections', () => {
    const { lead } = handedOffLead();
    const sf = salesforceProjection(lead, protocol, 'Lead');
    const hs = hubspotProjection(lead, protocol);
    const { salesResponse, ...onLeads } = protocol.writeBack.salesforce;
    for (const name of Object.values(onLeads)) expect(Object.keys(sf)).toContain(name);
    expect(Object.keys(sf)).not.toContain(salesResponse);
    expect(Object.keys(salesforceProjection(lead, protocol, 'Contact'))).toContain(salesResponse);
    for (const name of Object.values(protocol.writeBack.hubspot)) expect(Object.keys(hs)).toContain(name);
    for (const spec of salesforceFieldSpecs(protocol).filter(
      (s) => s.picklistValues !== undefined && s.object === 'Lead',
    ))
      if (sf[spec.name] !== null) expect(spec.picklistValues?.map((option) => option.value)).toContain(sf[spec.name]);
    for (const property of hubspotProvisionSpec(protocol).properties.filter((p) => p.options !== undefined)) {
      const value = hs[property.name];
      if (value !== null) expect(property.options?.map((option) => option.value)).toContain(value);
    }
    expect(sf[protocol.writeBack.salesforce.handoffAt]).toBe(new Date(lead.handedOffAt!).toISOString());
  });
});

describe('the Salesforce objects leadpact follows', () => {
  it('are read by reconciliation and routed by the inbound path alike, Events (meetings: a first touch) included', () => {
    expect(Object.keys(salesforceReadFields(exampleProtocol())).sort()).toEqual(
      [...FOLLOWED_SALESFORCE_OBJECTS].sort(),
    );
    expect(FOLLOWED_SALESFORCE_OBJECTS).toContain('Event');
    for (const object of FOLLOWED_SALESFORCE_OBJECTS)
      expect([object, isFollowedObject(object)]).toEqual([object, true]);
  });
});
