import { KEY_PREFIXES } from './ids';
import { bool, computedName, date, num, picklist, reference, text, standardObject } from './field';

/** The standard Lead Status values of a new org; "Closed - Converted" is the converted status. */
export const LEAD_STATUSES = [
  'Open - Not Contacted',
  'Working - Contacted',
  'Closed - Converted',
  'Closed - Not Converted',
] as const;
export const CONVERTED_LEAD_STATUS = 'Closed - Converted';

const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];
const RATINGS = ['Hot', 'Warm', 'Cold'];
const INDUSTRIES = [
  'Agriculture',
  'Apparel',
  'Banking',
  'Biotechnology',
  'Chemicals',
  'Communications',
  'Construction',
  'Consulting',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Entertainment',
  'Environmental',
  'Finance',
  'Food & Beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Machinery',
  'Manufacturing',
  'Media',
  'Not For Profit',
  'Recreation',
  'Retail',
  'Shipping',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Utilities',
  'Other',
];

/** Standard opportunity stages with the probability, closed and won flags each implies. */
export const OPPORTUNITY_STAGES: readonly {
  readonly name: string;
  readonly probability: number;
  readonly closed: boolean;
  readonly won: boolean;
  readonly forecast: string;
}[] = [
  { name: 'Prospecting', probability: 10, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Qualification', probability: 10, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Needs Analysis', probability: 20, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Value Proposition', probability: 50, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Id. Decision Makers', probability: 60, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Perception Analysis', probability: 70, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Proposal/Price Quote', probability: 75, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Negotiation/Review', probability: 90, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Closed Won', probability: 100, closed: true, won: true, forecast: 'Closed' },
  { name: 'Closed Lost', probability: 0, closed: true, won: false, forecast: 'Omitted' },
];

function address(prefix: string) {
  return [
    text(`${prefix}Street`, `${prefix} Street`.trim(), 255, {}, 'textarea'),
    text(`${prefix}City`, `${prefix} City`.trim(), 40),
    text(`${prefix}State`, `${prefix} State/Province`.trim(), 80),
    text(`${prefix}PostalCode`, `${prefix} Zip/Postal Code`.trim(), 20),
    text(`${prefix}Country`, `${prefix} Country`.trim(), 80),
  ];
}

function person() {
  return [
    text('LastName', 'Last Name', 80, { required: true }),
    text('FirstName', 'First Name', 40),
    picklist('Salutation', 'Salutation', SALUTATIONS),
    computedName(121),
    text('Title', 'Title', 128),
    text('Phone', 'Phone', 40, {}, 'phone'),
    text('MobilePhone', 'Mobile Phone', 40, {}, 'phone'),
    text('Email', 'Email', 80, {}, 'email'),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    text('Description', 'Description', 32000, {}, 'textarea'),
    bool('HasOptedOutOfEmail', 'Email Opt Out'),
    bool('DoNotCall', 'Do Not Call'),
    date('LastActivityDate', 'Last Activity', { readOnly: true }),
  ];
}

export const LEAD = standardObject('Lead', { label: 'Lead', labelPlural: 'Leads', keyPrefix: KEY_PREFIXES.Lead }, [
  reference('MasterRecordId', 'Master Record ID', ['Lead'], 'MasterRecord', { readOnly: true }),
  ...person(),
  text('Company', 'Company', 255, { required: true }),
  ...address(''),
  text('Website', 'Website', 255, {}, 'url'),
  picklist('Status', 'Status', LEAD_STATUSES, {
    restricted: true,
    required: true,
    defaultValue: 'Open - Not Contacted',
  }),
  picklist('Industry', 'Industry', INDUSTRIES),
  picklist('Rating', 'Rating', RATINGS),
  num('AnnualRevenue', 'Annual Revenue', 'currency', 18, 0),
  num('NumberOfEmployees', 'Employees', 'int', 8, 0),
  reference('OwnerId', 'Owner ID', ['Group', 'User'], 'Owner', { defaulted: true }),
  bool('IsConverted', 'Converted', { readOnly: true }),
  date('ConvertedDate', 'Converted Date', { readOnly: true }),
  reference('ConvertedAccountId', 'Converted Account ID', ['Account'], 'ConvertedAccount', { readOnly: true }),
  reference('ConvertedContactId', 'Converted Contact ID', ['Contact'], 'ConvertedContact', { readOnly: true }),
  reference('ConvertedOpportunityId', 'Converted Opportunity ID', ['Opportunity'], 'ConvertedOpportunity', {
    readOnly: true,
  }),
  bool('IsUnreadByOwner', 'Unread By Owner'),
]);

export const CONTACT = standardObject(
  'Contact',
  { label: 'Contact', labelPlural: 'Contacts', keyPrefix: KEY_PREFIXES.Contact },
  [
    reference('MasterRecordId', 'Master Record ID', ['Contact'], 'MasterRecord', { readOnly: true }),
    reference('AccountId', 'Account ID', ['Account'], 'Account'),
    ...person(),
    text('Department', 'Department', 80),
    date('Birthdate', 'Birthdate'),
    ...address('Mailing'),
    reference('OwnerId', 'Owner ID', ['User'], 'Owner', { defaulted: true }),
  ],
);

export const ACCOUNT = standardObject(
  'Account',
  { label: 'Account', labelPlural: 'Accounts', keyPrefix: KEY_PREFIXES.Account },
  [
    reference('MasterRecordId', 'Master Record ID', ['Account'], 'MasterRecord', { readOnly: true }),
    text('Name', 'Account Name', 255, { required: true, nameField: true }),
    picklist('Type', 'Account Type', [
      'Prospect',
      'Customer - Direct',
      'Customer - Channel',
      'Channel Partner / Reseller',
      'Installation Partner',
      'Technology Partner',
      'Other',
    ]),
    reference('ParentId', 'Parent Account ID', ['Account'], 'Parent'),
    ...address('Billing'),
    text('Phone', 'Account Phone', 40, {}, 'phone'),
    text('Website', 'Website', 255, {}, 'url'),
    picklist('Industry', 'Industry', INDUSTRIES),
    picklist('AccountSource', 'Account Source', LEAD_SOURCES),
    picklist('Rating', 'Account Rating', RATINGS),
    num('AnnualRevenue', 'Annual Revenue', 'currency', 18, 0),
    num('NumberOfEmployees', 'Employees', 'int', 8, 0),
    text('Description', 'Account Description', 32000, {}, 'textarea'),
    reference('OwnerId', 'Owner ID', ['User'], 'Owner', { defaulted: true }),
    date('LastActivityDate', 'Last Activity', { readOnly: true }),
  ],
);

export const OPPORTUNITY = standardObject(
  'Opportunity',
  { label: 'Opportunity', labelPlural: 'Opportunities', keyPrefix: KEY_PREFIXES.Opportunity },
  [
    reference('AccountId', 'Account ID', ['Account'], 'Account'),
    text('Name', 'Name', 120, { required: true, nameField: true }),
    text('Description', 'Description', 32000, {}, 'textarea'),
    picklist(
      'StageName',
      'Stage',
      OPPORTUNITY_STAGES.map((s) => s.name),
      { restricted: true, required: true },
    ),
    num('Amount', 'Amount', 'currency', 18, 2),
    num('Probability', 'Probability (%)', 'percent', 3, 0, { defaulted: true }),
    date('CloseDate', 'Close Date', { required: true }),
    picklist('Type', 'Opportunity Type', [
      'Existing Customer - Upgrade',
      'Existing Customer - Replacement',
      'Existing Customer - Downgrade',
      'New Customer',
    ]),
    text('NextStep', 'Next Step', 255),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    bool('IsClosed', 'Closed', { readOnly: true }),
    bool('IsWon', 'Won', { readOnly: true }),
    picklist('ForecastCategoryName', 'Forecast Category', ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed'], {
      defaulted: true,
    }),
    reference('CampaignId', 'Campaign ID', ['Campaign'], 'Campaign'),
    reference('OwnerId', 'Owner ID', ['User'], 'Owner', { defaulted: true }),
    date('LastActivityDate', 'Last Activity', { readOnly: true }),
  ],
);
