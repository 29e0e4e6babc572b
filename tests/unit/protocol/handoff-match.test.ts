import {
  matchableDomain,
  matchHandoff,
  needsRouting,
  planHandoff,
  type CandidateAccount,
  type CandidatePerson,
  type HandoffEffect,
} from '../../../src/protocol';
import { leadId, salesforceId, hubSpotContactId } from '../../../src/shared/ids';
import { exampleProtocol } from './fixtures';

const LEAD_OWNER = salesforceId('005000000000001AAA');
const ROUTED = salesforceId('005000000000002AAA');
const ACCOUNT_OWNER = salesforceId('005000000000003AAA');
const protocol = exampleProtocol();
const ctx = protocol;

function handoff(overrides: Partial<HandoffEffect> = {}): HandoffEffect {
  return {
    type: 'salesforce.handoff',
    leadId: leadId('6f1c3a52-5d0e-4a7b-9c4e-1d2f3a4b5c6d'),
    handoffKey: 'k1',
    hubspotContactId: hubSpotContactId('101'),
    email: 'Ada@Lovelace.io',
    emailDomain: 'lovelace.io',
    target: 'lead',
    preferAccountOwner: true,
    existing: null,
    leadFields: {
      LastName: 'Lovelace',
      Company: 'Lovelace Ltd',
      Status: 'Open - Not Contacted',
      Rejection_Code__c: null,
      HubSpot_Contact_Id__c: '101',
    },
    contactFields: { LastName: 'Lovelace', HubSpot_Contact_Id__c: '101' },
    routing: {
      territory: 'EMEA',
      calendar: 'emea',
      matched: 'territory',
      assign: { kind: 'pool', pool: 'emea', members: [ROUTED] },
    },
    ...overrides,
  };
}

const person = (object: 'Lead' | 'Contact', email: string, extra: Partial<CandidatePerson> = {}): CandidatePerson => ({
  id: salesforceId(object === 'Lead' ? '00Q000000000001AAA' : '003000000000001AAA'),
  object,
  email,
  ownerId: LEAD_OWNER,
  isConverted: false,
  ...extra,
});
const account: CandidateAccount = {
  id: salesforceId('001000000000001AAA'),
  domain: 'lovelace.io',
  ownerId: ACCOUNT_OWNER,
};

describe('planning a hand-off: match before create', () => {
  it('creates a new Lead, upserted by the HubSpot id, owned by the routed owner, when nothing matches', () => {
    const h = handoff();
    const match = matchHandoff(h, [], []);
    expect(match).toEqual({ kind: 'none' });
    expect(needsRouting(h, match)).toBe(true);
    expect(planHandoff(h, match, ROUTED, ctx)).toEqual({
      kind: 'upsert',
      object: 'Lead',
      fields: h.leadFields,
      ownerId: ROUTED,
      accountId: null,
    });
  });

  it('updates a Lead Sales already has with that e-mail, keeping its owner and its Status', () => {
    const h = handoff();
    const match = matchHandoff(h, [person('Lead', 'ada@lovelace.IO')], []);
    expect(needsRouting(h, match)).toBe(false);
    const plan = planHandoff(h, match, null, ctx);
    expect(plan).toMatchObject({ kind: 'update', object: 'Lead', id: '00Q000000000001AAA', ownerId: LEAD_OWNER });
    expect(plan.fields).not.toHaveProperty('Status');
    expect(plan.fields).not.toHaveProperty('Rejection_Code__c');
    expect(plan.fields).not.toHaveProperty('OwnerId');
  });

  it('prefers an existing Contact over a Lead, and ignores converted Leads', () => {
    const contact = person('Contact', 'ada@lovelace.io');
    expect(matchHandoff(handoff(), [person('Lead', 'ada@lovelace.io'), contact], [])).toEqual({
      kind: 'person',
      person: contact,
    });
    expect(matchHandoff(handoff(), [person('Lead', 'ada@lovelace.io', { isConverted: true })], [])).toEqual({
      kind: 'none',
    });
  });

  it('puts a Contact on the Account of the e-mail domain when the protocol says so, owned by the account owner', () => {
    const h = handoff({ target: 'contact_when_account_matches' });
    const match = matchHandoff(h, [], [account]);
    expect(match).toEqual({ kind: 'account', account });
    expect(needsRouting(h, match)).toBe(false);
    expect(planHandoff(h, match, null, ctx)).toEqual({
      kind: 'upsert',
      object: 'Contact',
      fields: h.contactFields,
      ownerId: ACCOUNT_OWNER,
      accountId: account.id,
    });
    expect(matchHandoff(handoff(), [], [account])).toEqual({ kind: 'none' });
  });

  it('never matches an Account by a free-mail domain', () => {
    expect(matchableDomain('GMAIL.com')).toBeNull();
    expect(
      matchHandoff(
        handoff({ target: 'contact_when_account_matches', email: 'ada@gmail.com', emailDomain: 'gmail.com' }),
        [],
        [{ ...account, domain: 'gmail.com' }],
      ),
    ).toEqual({ kind: 'none' });
  });

  it('updates the record already linked, whatever else matches', () => {
    const linked = { id: salesforceId('003000000000009AAA'), object: 'Contact' as const };
    const h = handoff({ existing: linked });
    const plan = planHandoff(h, matchHandoff(h, [person('Lead', 'ada@lovelace.io')], [account]), null, ctx);
    expect(plan).toEqual({ kind: 'update', object: 'Contact', id: linked.id, fields: h.contactFields, ownerId: null });
  });
});
