import { customFieldMetadata, planProvision } from '../../../connectors/salesforce/provision-fields';
import { DEFAULT_SALESFORCE_FIELDS } from '../../../src/app/provision-specs';
import { campaignFieldSpecs } from '../../../src/metrics';
import type { CustomFieldSpec } from '../../../src/shared/field-specs';
import type { DescribeResult } from '../../../connectors/salesforce/salesforce.schema';

function described(fields: DescribeResult['fields']): Map<string, DescribeResult> {
  return new Map([['Lead', { name: 'Lead', fields }]]);
}

const field = (overrides: Partial<DescribeResult['fields'][number]>): DescribeResult['fields'][number] => ({
  name: 'X__c',
  label: 'X',
  type: 'string',
  length: 40,
  precision: 0,
  scale: 0,
  custom: true,
  externalId: false,
  unique: false,
  ...overrides,
});

describe('custom field provisioning', () => {
  it("holds DESIGN.md's default fields, HubSpot_Contact_Id__c a unique external id", () => {
    const names = DEFAULT_SALESFORCE_FIELDS.map((f) => `${f.object}.${f.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'Lead.HubSpot_Contact_Id__c',
        'Lead.SLA_Status__c',
        'Lead.Rejection_Code__c',
        'Campaign.Leadpact_Wastage_Rate__c',
      ]),
    );
    expect(DEFAULT_SALESFORCE_FIELDS.find((f) => f.name === 'HubSpot_Contact_Id__c')).toMatchObject({
      type: 'Text',
      externalId: true,
      unique: true,
    });
    expect(DEFAULT_SALESFORCE_FIELDS.find((f) => f.name === 'SLA_Status__c')?.picklistValues).toEqual(
      ['On Track', 'At Risk', 'Breached', 'Met'].map((value) => ({ value, label: value })),
    );
  });

  it('holds time to first touch beside time to accept, both whole business minutes', () => {
    const minutes = DEFAULT_SALESFORCE_FIELDS.filter(
      (f) => f.object === 'Lead' && (f.name === 'Time_To_Accept_Min__c' || f.name === 'Time_To_First_Touch_Min__c'),
    );
    expect(minutes).toEqual([
      expect.objectContaining({ object: 'Lead', type: 'Number', precision: 10, scale: 0 }),
      expect.objectContaining({ object: 'Lead', type: 'Number', precision: 10, scale: 0 }),
    ]);
  });

  it("takes the Campaign fields from src/metrics, which writes them, so the two can't drift apart", () => {
    expect(DEFAULT_SALESFORCE_FIELDS.filter((f) => f.object === 'Campaign')).toEqual(campaignFieldSpecs());
  });

  it('fits a label over the 40 characters Salesforce allows, and counts the fitted label as unchanged next time', () => {
    const spec: CustomFieldSpec = {
      object: 'Lead',
      name: 'Long__c',
      label: 'Leadpact Median Time to Accept (business min)',
      type: 'Number',
      precision: 10,
      scale: 1,
    };
    const label = customFieldMetadata(spec)['label'];
    expect(label).toBe('Leadpact Median Time to Accept (busines…');
    expect(String(label)).toHaveLength(40);
    const plan = planProvision(
      [spec],
      described([field({ name: 'Long__c', label: String(label), type: 'double', precision: 10, scale: 1 })]),
    );
    expect(plan.unchanged.map((s) => s.name)).toEqual(['Long__c']);
  });

  const a = { value: 'A', label: 'A' };
  const b = { value: 'B', label: 'B' };

  it('creates what is missing, updates what differs, leaves what matches, and flags a type change', () => {
    const specs: CustomFieldSpec[] = [
      { object: 'Lead', name: 'New__c', label: 'New', type: 'DateTime' },
      { object: 'Lead', name: 'Same__c', label: 'Same', type: 'Text', length: 40 },
      { object: 'Lead', name: 'Relabelled__c', label: 'Now', type: 'Text', length: 40 },
      { object: 'Lead', name: 'Status__c', label: 'Status', type: 'Picklist', picklistValues: [a, b] },
      { object: 'Lead', name: 'Retyped__c', label: 'Retyped', type: 'Number', precision: 5, scale: 0 },
    ];
    const plan = planProvision(
      specs,
      described([
        field({ name: 'Same__c', label: 'Same' }),
        field({ name: 'relabelled__c', label: 'Before' }),
        field({
          name: 'Status__c',
          label: 'Status',
          type: 'picklist',
          length: 255,
          picklistValues: [{ value: 'A' }, { value: 'Old' }],
        }),
        field({ name: 'Retyped__c', label: 'Retyped' }),
      ]),
    );
    expect(plan.create.map((s) => s.name)).toEqual(['New__c']);
    expect(plan.unchanged.map((s) => s.name)).toEqual(['Same__c']);
    expect(plan.update.map((u) => u.spec.name)).toEqual(['Relabelled__c', 'Status__c']);
    // Without the Tooling Metadata, the values describe lists are what records may hold: kept, inactive.
    const status = plan.update[1];
    expect(customFieldMetadata(status!.spec, status!.held)).toMatchObject({
      valueSet: {
        valueSetDefinition: {
          value: [
            { fullName: 'A', label: 'A', isActive: true },
            { fullName: 'B', label: 'B', isActive: true },
            { fullName: 'Old', label: 'Old', isActive: false },
          ],
        },
      },
    });
    expect(plan.conflicts).toEqual(['Lead.Retyped__c is a string field, expected double']);
  });

  it('writes Tooling API Metadata for each type', () => {
    expect(
      customFieldMetadata({
        object: 'Lead',
        name: 'A__c',
        label: 'A',
        type: 'Text',
        length: 40,
        externalId: true,
        unique: true,
      }),
    ).toEqual({
      label: 'A',
      type: 'Text',
      required: false,
      length: 40,
      externalId: true,
      unique: true,
      caseSensitive: false,
    });
    expect(customFieldMetadata({ object: 'Lead', name: 'B__c', label: 'B', type: 'Checkbox' })).toMatchObject({
      defaultValue: 'false',
    });
    expect(
      customFieldMetadata({
        object: 'Lead',
        name: 'C__c',
        label: 'C',
        type: 'Picklist',
        picklistValues: [{ value: 'handed_off', label: 'Handed off' }],
      }),
    ).toMatchObject({
      valueSet: {
        restricted: true,
        valueSetDefinition: {
          value: [{ fullName: 'handed_off', default: false, label: 'Handed off', isActive: true }],
        },
      },
    });
    expect(customFieldMetadata({ object: 'Lead', name: 'D__c', label: 'D', type: 'LongTextArea' })).toMatchObject({
      length: 32768,
      visibleLines: 5,
    });
  });

  describe('with what the Tooling API holds', () => {
    const codes: CustomFieldSpec = {
      object: 'Lead',
      name: 'Rejection_Code__c',
      label: 'Rejection Code',
      description: 'Why Sales rejected the lead.',
      helpText: 'Pick the agreed reason.',
      type: 'Picklist',
      picklistValues: [
        { value: 'NOT_READY', label: 'Not ready to buy yet' },
        { value: 'NO_BUDGET', label: 'No budget this year' },
      ],
    };
    const describedCodes = described([
      field({ name: 'Rejection_Code__c', label: 'Rejection Code', type: 'picklist', length: 255 }),
    ]);
    const held = (values: [string, string, boolean][]) =>
      new Map([
        [
          'lead.rejection_code__c',
          {
            id: '00N000000000001AAA',
            description: 'Why Sales rejected the lead.',
            helpText: 'Pick the agreed reason.',
            values: values.map(([value, label, active]) => ({ value, label, active })),
          },
        ],
      ]);

    it('leaves a picklist that holds exactly the listed values, active, as unchanged', () => {
      const plan = planProvision(
        [codes],
        describedCodes,
        held([
          ['NOT_READY', 'Not ready to buy yet', true],
          ['NO_BUDGET', 'No budget this year', true],
        ]),
      );
      expect(plan.unchanged).toHaveLength(1);
    });

    it('adds a new code, deactivates a removed one and keeps an already inactive one inactive', () => {
      const plan = planProvision(
        [codes],
        describedCodes,
        held([
          ['NOT_READY', 'Not ready to buy yet', true],
          ['NOT_ICP', 'Not our ideal customer', true],
          ['SPAM', 'Spam', false],
        ]),
      );
      const [update] = plan.update;
      expect(update?.id).toBe('00N000000000001AAA');
      const values = (
        customFieldMetadata(update!.spec, update!.held) as { valueSet: { valueSetDefinition: { value: unknown[] } } }
      ).valueSet.valueSetDefinition.value;
      expect(values).toEqual([
        { fullName: 'NOT_READY', default: false, label: 'Not ready to buy yet', isActive: true },
        { fullName: 'NO_BUDGET', default: false, label: 'No budget this year', isActive: true },
        { fullName: 'NOT_ICP', default: false, label: 'Not our ideal customer', isActive: false },
        { fullName: 'SPAM', default: false, label: 'Spam', isActive: false },
      ]);
    });

    it('reactivates a code the protocol lists again, and updates a field whose help text changed', () => {
      const back = planProvision(
        [codes],
        describedCodes,
        held([
          ['NOT_READY', 'Not ready to buy yet', true],
          ['NO_BUDGET', 'No budget this year', false],
        ]),
      );
      expect(back.update).toHaveLength(1);
      const reworded = planProvision(
        [{ ...codes, helpText: 'Pick the reason you agreed with Marketing.' }],
        describedCodes,
        held([
          ['NOT_READY', 'Not ready to buy yet', true],
          ['NO_BUDGET', 'No budget this year', true],
        ]),
      );
      expect(reworded.update.map((u) => u.spec.helpText)).toEqual(['Pick the reason you agreed with Marketing.']);
    });

    it('writes the description and help text into the Metadata', () => {
      expect(customFieldMetadata(codes)).toMatchObject({
        description: 'Why Sales rejected the lead.',
        inlineHelpText: 'Pick the agreed reason.',
      });
    });
  });
});
