/**
 * What a configured org runs on every record an integration writes, as the simulator models it:
 * lead assignment rules, duplicate rules, state and country picklists, validation rules and record
 * types. `DEFAULT_ORG_RULES` is a typical production org: one active lead assignment rule, the
 * standard duplicate rules, picklists on, no validation rules and no record types.
 */

/** Where an assignment rule entry sends a record: a user by id, or a queue by its DeveloperName. */
export type AssignTo = { readonly user: string } | { readonly queue: string };

export interface AssignmentRuleEntry {
  /** A formula (formula.ts) the record must meet; none matches every record, as a catch-all entry. */
  readonly criteria?: string;
  readonly assignTo: AssignTo;
}

/** A lead assignment rule: entries are tried in order, the first whose criteria the lead meets wins. */
export interface AssignmentRuleConfig {
  readonly name: string;
  /** At most one lead assignment rule is active (Setup → Lead Assignment Rules). */
  readonly active: boolean;
  readonly entries: readonly AssignmentRuleEntry[];
}

/**
 * Fields a matching rule compares; `fuzzy` ignores case, punctuation and a first name given as an
 * initial. `Company` is a Lead's Company and a Contact's Account name, as the standard rules map them.
 */
export interface MatchingRuleConfig {
  readonly name: string;
  /** The object whose records are searched for duplicates. */
  readonly object: 'Lead' | 'Contact' | 'Account';
  /** Any one of these field groups matching makes a duplicate (the rule's OR of ANDs). */
  readonly criteria: readonly (readonly { readonly field: string; readonly method: 'exact' | 'fuzzy' }[])[];
}

/** Allow (with alert and report) or Block, on create and on edit. Via the API an alert fails the save unless allowSave. */
export type DuplicateAction = 'allow' | 'block';

export interface DuplicateRuleConfig {
  /** DeveloperName, e.g. Standard_Lead_Duplicate_Rule. */
  readonly name: string;
  readonly object: 'Lead' | 'Contact' | 'Account';
  readonly active: boolean;
  readonly onCreate: DuplicateAction;
  readonly onEdit: DuplicateAction;
  /** The admin's alert text (errorMessage of the duplicate result). */
  readonly message: string;
  readonly matching: readonly MatchingRuleConfig[];
}

export interface ValidationRuleConfig {
  readonly name: string;
  readonly object: string;
  readonly active: boolean;
  /** The error condition: the save fails when this formula is TRUE. */
  readonly formula: string;
  readonly message: string;
  /** The field the message is shown at; none shows it at the top of the page. */
  readonly field?: string;
}

export interface RecordTypeConfig {
  readonly object: 'Lead' | 'Contact';
  readonly developerName: string;
  readonly name: string;
  readonly active?: boolean;
  /** Picklist values available to this record type, by field; a field not listed keeps all its values. */
  readonly picklists?: Readonly<Record<string, readonly string[]>>;
}

export interface OrgRulesConfig {
  /** Lead assignment rules; [] for none. */
  readonly assignmentRules: readonly AssignmentRuleConfig[];
  readonly duplicateRules: readonly DuplicateRuleConfig[];
  /** State and country/territory picklists on addresses (Lead, Contact, Account). */
  readonly stateCountryPicklists: boolean;
  readonly validationRules: readonly ValidationRuleConfig[];
  readonly recordTypes: readonly RecordTypeConfig[];
}

const NAME_FIELDS = [
  { field: 'FirstName', method: 'fuzzy' },
  { field: 'LastName', method: 'fuzzy' },
] as const;

/**
 * The standard matching rules, simplified to what they compare: a person with the same first and
 * last name and the same e-mail, company (Account name) or phone.
 * https://help.salesforce.com/s/articleView?id=sf.matching_rules_standard_contact_lead.htm
 */
function personMatching(object: 'Lead' | 'Contact'): MatchingRuleConfig {
  return {
    name: `Standard_${object}_Match_Rule_v1_1`,
    object,
    criteria: [
      [...NAME_FIELDS, { field: 'Email', method: 'exact' }],
      [...NAME_FIELDS, { field: 'Company', method: 'fuzzy' }],
      [...NAME_FIELDS, { field: 'Phone', method: 'exact' }],
    ],
  };
}

const STANDARD_MESSAGE = "You're creating a duplicate record. We recommend you use an existing record instead.";

/**
 * The standard duplicate rules every new org has, active: Leads are compared with Leads and
 * Contacts, Contacts with Contacts and Leads, Accounts with Accounts; the action on create and on
 * edit is Allow, with an alert and a report.
 * https://help.salesforce.com/s/articleView?id=sf.duplicate_rules_standard_rules.htm
 */
export const STANDARD_DUPLICATE_RULES: readonly DuplicateRuleConfig[] = [
  {
    name: 'Standard_Lead_Duplicate_Rule',
    object: 'Lead',
    active: true,
    onCreate: 'allow',
    onEdit: 'allow',
    message: STANDARD_MESSAGE,
    matching: [personMatching('Lead'), personMatching('Contact')],
  },
  {
    name: 'Standard_Contact_Duplicate_Rule',
    object: 'Contact',
    active: true,
    onCreate: 'allow',
    onEdit: 'allow',
    message: STANDARD_MESSAGE,
    matching: [personMatching('Contact'), personMatching('Lead')],
  },
  {
    name: 'Standard_Account_Duplicate_Rule',
    object: 'Account',
    active: true,
    onCreate: 'allow',
    onEdit: 'allow',
    message: STANDARD_MESSAGE,
    matching: [
      {
        name: 'Standard_Account_Match_Rule_v1_0',
        object: 'Account',
        criteria: [[{ field: 'Company', method: 'fuzzy' }]],
      },
    ],
  },
];

/** The queue a new org's web-to-lead and API leads land in, as `seed.ts` creates it. */
export const DEFAULT_LEAD_QUEUE = 'Lead_Queue';

export const DEFAULT_ORG_RULES: OrgRulesConfig = {
  assignmentRules: [{ name: 'Standard', active: true, entries: [{ assignTo: { queue: DEFAULT_LEAD_QUEUE } }] }],
  duplicateRules: STANDARD_DUPLICATE_RULES,
  stateCountryPicklists: true,
  validationRules: [],
  recordTypes: [],
};

/** An org with none of its own rules, as the simulator was before it modelled them. */
export const EMPTY_ORG_RULES: OrgRulesConfig = {
  assignmentRules: [],
  duplicateRules: [],
  stateCountryPicklists: false,
  validationRules: [],
  recordTypes: [],
};
