import type { Connection } from 'jsforce';
import { changedNothing, provision } from '../../../src/app/provision';
import type { Protocol } from '../../../src/protocol';
import { handedOff } from '../../support/contacts';
import { startHarness, type Harness } from '../../support/pipeline-harness';
import { tokenConnection } from '../../contract/salesforce/support';

interface ValueSetEntry {
  readonly fullName: string;
  readonly label?: string;
  readonly isActive?: boolean;
}

/**
 * Rejection_Code__c is a restricted picklist whose values `leadpact provision` keeps equal to the
 * protocol's rejection codes: a code added to the protocol is added, a code removed is deactivated
 * (records that hold it keep it), and a second run changes nothing.
 */
describe('provisioning the rejection codes as a restricted picklist', () => {
  let h: Harness;
  let admin: Connection;

  beforeAll(async () => {
    h = await startHarness();
    admin = tokenConnection(h.sf);
  });
  afterAll(async () => {
    await h.close();
  });

  const withCodes = (codes: Protocol['rejection']['codes']): Protocol => ({ ...h.protocol, rejection: { codes } });
  const run = (protocol: Protocol) => provision({ protocol, salesforce: h.salesforce, hubspot: h.hubspot });

  async function valueSet(object: 'Lead' | 'Contact'): Promise<ValueSetEntry[]> {
    const { records } = await admin.tooling.query<{ Id: string }>(
      `SELECT Id FROM CustomField WHERE DeveloperName = 'Rejection_Code' AND TableEnumOrId = '${object}'`,
    );
    const field = await admin.tooling.sobject('CustomField').retrieve(records[0]?.Id ?? '');
    const metadata = field['Metadata'] as { valueSet: { valueSetDefinition: { value: ValueSetEntry[] } } };
    return metadata.valueSet.valueSetDefinition.value;
  }

  async function describedCodes(object: 'Lead' | 'Contact'): Promise<{ value: string; label: string }[]> {
    const field = (await admin.sobject(object).describe()).fields.find((f) => f.name === 'Rejection_Code__c');
    return (field?.picklistValues ?? []).map((v: { value: string; label: string | null }) => ({
      value: v.value,
      label: v.label ?? '',
    }));
  }

  it("offers the protocol's codes with their labels, on Lead and Contact", async () => {
    for (const object of ['Lead', 'Contact'] as const)
      expect(await describedCodes(object)).toEqual(
        h.protocol.rejection.codes.map((code) => ({ value: code.code, label: code.label })),
      );
  });

  it('adds a new code, deactivates a removed one that a record still holds, and then changes nothing', async () => {
    const { lead } = await handedOff(h, 'codes');
    await admin.sobject('Lead').update({ Id: String(lead.Id), Rejection_Code__c: 'COMPETITOR' });
    const codes = [
      ...h.protocol.rejection.codes.filter((code) => code.code !== 'COMPETITOR'),
      { code: 'PARTNER_LEAD', label: 'Belongs to a partner', action: 'disqualify' as const },
    ];
    const changed = await run(withCodes(codes));
    expect(changed.salesforce.updated).toEqual(
      expect.arrayContaining(['Lead.Rejection_Code__c', 'Contact.Rejection_Code__c']),
    );
    expect(await describedCodes('Lead')).toContainEqual({ value: 'PARTNER_LEAD', label: 'Belongs to a partner' });
    expect((await describedCodes('Lead')).map((v) => v.value)).not.toContain('COMPETITOR');
    expect(await valueSet('Lead')).toContainEqual(
      expect.objectContaining({ fullName: 'COMPETITOR', label: 'Competitor or spam', isActive: false }),
    );
    // The record keeps the code it holds; a rep can no longer pick it.
    const held = await admin.sobject('Lead').retrieve(String(lead.Id));
    expect(held['Rejection_Code__c']).toBe('COMPETITOR');
    await expect(
      admin.sobject('Lead').create({ LastName: 'New', Company: 'Co', Rejection_Code__c: 'COMPETITOR' }),
    ).rejects.toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });

    const again = await run(withCodes(codes));
    expect(changedNothing(again)).toBe(true);
  });

  it('reactivates a code the protocol lists again', async () => {
    const restored = await run(h.protocol);
    expect(restored.salesforce.updated).toContain('Contact.Rejection_Code__c');
    expect((await describedCodes('Contact')).map((v) => v.value)).toContain('COMPETITOR');
    // PARTNER_LEAD, added by the previous run and dropped by this one, is kept, inactive.
    expect(await valueSet('Contact')).toContainEqual(
      expect.objectContaining({ fullName: 'PARTNER_LEAD', isActive: false }),
    );
    expect(changedNothing(await run(h.protocol))).toBe(true);
  });
});
