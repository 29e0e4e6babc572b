import type {
  RecordTypeSetup,
  SalesforceInspection,
  ValidationRuleSetup,
} from '../../../connectors/salesforce/org-inspection';
import { checkRecordTypes, checkValidationRules, WRITTEN_OBJECTS } from '../../../src/app/doctor/org-rule-checks';
import type { Protocol } from '../../../src/protocol';
import { salesforceOrgSchema } from '../../../src/protocol/schema/org-rules.schema';
import { exampleProtocol } from '../protocol/fixtures';

/** An org that answers only what these checks ask: its validation rules and record types. */
function org(
  rules: readonly ValidationRuleSetup[] | null,
  types: readonly RecordTypeSetup[] | null = [],
): SalesforceInspection {
  const unused = (): never => {
    throw new Error('not asked by these checks');
  };
  return {
    users: unused,
    queues: unused,
    access: unused,
    dailyAllocation: unused,
    orgRules: unused,
    outboundMessages: unused,
    validationRules: (objects) => Promise.resolve(rules?.filter((rule) => objects.includes(rule.object)) ?? null),
    recordTypes: () => Promise.resolve(types),
  };
}

function withRecordTypes(recordTypes: unknown): Protocol {
  return { ...exampleProtocol(), salesforceOrg: salesforceOrgSchema.parse({ recordTypes }) };
}

describe("doctor: the org's validation rules", () => {
  it('names each active rule on Lead with its message, and says the refusal goes to Marketing as fix-data', async () => {
    const findings = await checkValidationRules(
      org([
        { object: 'Lead', name: 'Lead_Needs_Phone', message: 'Add a phone number.', field: 'Phone' },
        { object: 'Campaign', name: 'Budget_Set', message: 'Set a budget.', field: null },
        { object: 'Opportunity', name: 'Close_Date', message: 'Not leadpact’s.', field: null },
      ]),
    );
    expect(findings.map((f) => f.severity)).toEqual(['ok', 'ok']);
    expect(findings[0]?.message).toBe(
      'Validation rule "Lead_Needs_Phone" on Lead is active: "Add a phone number." (at Phone); when it refuses a hand-off or an update, leadpact sends the lead back to Marketing with this message as fix-data feedback (HubSpot\'s leadpact_sales_feedback) and starts Marketing\'s fix-data clock; nothing is retried.',
    );
    expect(findings[1]?.message).toContain('"Budget_Set" on Campaign');
    expect(findings[1]?.message).toContain("that campaign's numbers are not written");
  });

  it('asks about the objects leadpact writes', () => {
    expect(WRITTEN_OBJECTS).toEqual(['Lead', 'Contact', 'Task', 'Campaign']);
  });

  it('says so when there are none, and warns with where to look when it may not read them', async () => {
    expect(await checkValidationRules(org([]))).toEqual([
      {
        crm: 'Salesforce',
        severity: 'ok',
        message: 'Validation rules: none active on Lead, Contact, Task, Campaign, the objects leadpact writes.',
      },
    ]);
    const [unread] = await checkValidationRules(org(null));
    expect(unread).toMatchObject({ severity: 'warning', fix: expect.stringContaining('Validation Rules') });
  });
});

describe('doctor: the record types the protocol names', () => {
  const enterprise = { id: '012000000000001AAA', object: 'Lead', developerName: 'Enterprise', name: 'Enterprise' };

  it('says nothing when the protocol names none', async () => {
    expect(await checkRecordTypes(exampleProtocol(), org([], null))).toEqual([]);
  });

  it('confirms a named record type that is active', async () => {
    const protocol = withRecordTypes({ lead: { default: 'Enterprise' } });
    const [found] = await checkRecordTypes(protocol, org([], [{ ...enterprise, active: true }]));
    expect(found).toMatchObject({ severity: 'ok', message: expect.stringContaining('Lead Enterprise') });
  });

  it('warns of a name the org lacks and of an inactive one, each with its path and fix', async () => {
    const territory = exampleProtocol().routing.territories[0]?.name ?? '';
    const protocol = withRecordTypes({ lead: { default: 'Enterprise', byTerritory: { [territory]: 'Emea_Sales' } } });
    const findings = await checkRecordTypes(protocol, org([], [{ ...enterprise, active: false }]));
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'warning',
        'salesforceOrg.recordTypes.lead.default: the Lead record type "Enterprise" (Enterprise) is inactive, so those Leads are created with the org\'s default record type.',
      ],
      [
        'warning',
        `salesforceOrg.recordTypes.lead.byTerritory.${territory}: the org has no Lead record type "Emea_Sales", so those Leads are created with the org's default record type.`,
      ],
    ]);
    expect(findings.every((f) => f.stopsStart !== true && f.fix !== undefined)).toBe(true);
  });
});
