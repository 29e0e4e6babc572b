import {
  isStandardType,
  type PropertyDefinition,
  type PropertyGroup,
  type PropertyOption,
  type PropertyType,
  type SimObjectType,
  type StandardObjectType,
} from './property-model';

interface Spec {
  readonly name: string;
  readonly label: string;
  readonly type: PropertyType;
  readonly fieldType: string;
  readonly group: string;
  readonly options?: readonly (readonly [value: string, label: string])[] | undefined;
  readonly readOnly?: boolean;
  readonly dynamic?: 'owners';
}

const text = (name: string, label: string, group: string, readOnly = false): Spec => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  group,
  readOnly,
});
const num = (name: string, label: string, group: string, readOnly = false): Spec => ({
  name,
  label,
  type: 'number',
  fieldType: 'number',
  group,
  readOnly,
});
const stamp = (name: string, label: string, group: string, readOnly = true): Spec => ({
  name,
  label,
  type: 'datetime',
  fieldType: 'date',
  group,
  readOnly,
});
const pick = (name: string, label: string, group: string, options: Spec['options'], readOnly = false): Spec => ({
  name,
  label,
  type: 'enumeration',
  fieldType: 'select',
  group,
  options,
  readOnly,
});
const owner = (group: string, label = 'Contact owner'): Spec => ({
  name: 'hubspot_owner_id',
  label,
  type: 'enumeration',
  fieldType: 'select',
  group,
  dynamic: 'owners',
});

/** HubSpot's default lifecycle stages, in funnel order (the order the forward-only rule follows). */
export const LIFECYCLE_STAGES: readonly (readonly [string, string])[] = [
  ['subscriber', 'Subscriber'],
  ['lead', 'Lead'],
  ['marketingqualifiedlead', 'Marketing Qualified Lead'],
  ['salesqualifiedlead', 'Sales Qualified Lead'],
  ['opportunity', 'Opportunity'],
  ['customer', 'Customer'],
  ['evangelist', 'Evangelist'],
  ['other', 'Other'],
];

const LEAD_STATUS: Spec['options'] = [
  ['NEW', 'New'],
  ['OPEN', 'Open'],
  ['IN_PROGRESS', 'In Progress'],
  ['OPEN_DEAL', 'Open Deal'],
  ['UNQUALIFIED', 'Unqualified'],
  ['ATTEMPTED_TO_CONTACT', 'Attempted to Contact'],
  ['CONNECTED', 'Connected'],
  ['BAD_TIMING', 'Bad Timing'],
];

/** hs_analytics_source: "Original Source" (https://knowledge.hubspot.com/reports/understand-hubspots-original-source-data). */
export const ANALYTICS_SOURCES: Spec['options'] = [
  ['ORGANIC_SEARCH', 'Organic Search'],
  ['PAID_SEARCH', 'Paid Search'],
  ['EMAIL_MARKETING', 'Email Marketing'],
  ['SOCIAL_MEDIA', 'Organic Social'],
  ['REFERRALS', 'Referrals'],
  ['OTHER_CAMPAIGNS', 'Other Campaigns'],
  ['DIRECT_TRAFFIC', 'Direct Traffic'],
  ['OFFLINE', 'Offline Sources'],
  ['PAID_SOCIAL', 'Paid Social'],
  ['AI_REFERRALS', 'AI Referrals'],
];

const EMPLOYEE_BANDS: Spec['options'] = [
  ['1-5', '1-5'],
  ['5-25', '5-25'],
  ['25-50', '25-50'],
  ['50-100', '50-100'],
  ['100-500', '100-500'],
  ['500-1000', '500-1000'],
  ['1000+', '1000+'],
];

const DEAL_STAGES: Spec['options'] = [
  ['appointmentscheduled', 'Appointment Scheduled'],
  ['qualifiedtobuy', 'Qualified To Buy'],
  ['presentationscheduled', 'Presentation Scheduled'],
  ['decisionmakerboughtin', 'Decision Maker Bought-In'],
  ['contractsent', 'Contract Sent'],
  ['closedwon', 'Closed Won'],
  ['closedlost', 'Closed Lost'],
];

const CONTACT_SPECS: readonly Spec[] = [
  text('email', 'Email', 'contactinformation'),
  text('firstname', 'First Name', 'contactinformation'),
  text('lastname', 'Last Name', 'contactinformation'),
  text('company', 'Company Name', 'contactinformation'),
  text('jobtitle', 'Job Title', 'contactinformation'),
  { name: 'phone', label: 'Phone Number', type: 'string', fieldType: 'phonenumber', group: 'contactinformation' },
  text('website', 'Website URL', 'contactinformation'),
  text('city', 'City', 'contactinformation'),
  text('state', 'State/Region', 'contactinformation'),
  text('country', 'Country/Region', 'contactinformation'),
  text('industry', 'Industry', 'contactinformation'),
  pick('numemployees', 'Number of Employees', 'contactinformation', EMPLOYEE_BANDS),
  text('annualrevenue', 'Annual Revenue', 'contactinformation'),
  {
    name: 'lifecyclestage',
    label: 'Lifecycle Stage',
    type: 'enumeration',
    fieldType: 'radio',
    group: 'contactinformation',
    options: LIFECYCLE_STAGES,
  },
  {
    name: 'hs_lead_status',
    label: 'Lead Status',
    type: 'enumeration',
    fieldType: 'radio',
    group: 'sales_properties',
    options: LEAD_STATUS,
  },
  owner('sales_properties'),
  num('hubspotscore', 'HubSpot Score', 'contactinformation', true),
  pick('hs_analytics_source', 'Original Source', 'analyticsinformation', ANALYTICS_SOURCES, true),
  text('hs_analytics_source_data_1', 'Original Source Drill-Down 1', 'analyticsinformation', true),
  text('hs_analytics_source_data_2', 'Original Source Drill-Down 2', 'analyticsinformation', true),
  pick('hs_latest_source', 'Latest Traffic Source', 'analyticsinformation', ANALYTICS_SOURCES, true),
  num('hs_analytics_num_page_views', 'Number of Pageviews', 'analyticsinformation', true),
  num('hs_analytics_num_visits', 'Number of Sessions', 'analyticsinformation', true),
  stamp('hs_analytics_first_timestamp', 'Time First Seen', 'analyticsinformation'),
  num('num_conversion_events', 'Number of Form Submissions', 'conversioninformation', true),
  num('num_unique_conversion_events', 'Number of Unique Forms Submitted', 'conversioninformation', true),
  text('first_conversion_event_name', 'First Conversion', 'conversioninformation', true),
  stamp('first_conversion_date', 'First Conversion Date', 'conversioninformation'),
  text('recent_conversion_event_name', 'Recent Conversion', 'conversioninformation', true),
  stamp('recent_conversion_date', 'Recent Conversion Date', 'conversioninformation'),
  ...LIFECYCLE_STAGES.map(([value, label]) =>
    stamp(`hs_lifecyclestage_${value}_date`, `Became a ${label} Date`, 'contactinformation'),
  ),
  text('hs_email_domain', 'Email Domain', 'emailinformation', true),
  // Marketing email engagement, which HubSpot's email tool records on the contact.
  stamp('hs_email_last_send_date', 'Last marketing email send date', 'emailinformation'),
  stamp('hs_email_last_open_date', 'Last marketing email open date', 'emailinformation'),
  stamp('hs_email_last_click_date', 'Last marketing email click date', 'emailinformation'),
  text('hs_additional_emails', 'Additional email addresses', 'contactinformation', true),
  text('hs_merged_object_ids', 'Merged Record IDs', 'contactinformation', true),
  text('hs_object_source', 'Record source', 'contactinformation', true),
  text('hs_object_source_id', 'Record source ID', 'contactinformation', true),
  num('hs_object_id', 'Record ID', 'contactinformation', true),
  stamp('createdate', 'Create Date', 'contactinformation'),
  stamp('lastmodifieddate', 'Last Modified Date', 'contactinformation'),
];

const COMPANY_SPECS: readonly Spec[] = [
  text('name', 'Company name', 'companyinformation'),
  text('domain', 'Company Domain Name', 'companyinformation'),
  text('industry', 'Industry', 'companyinformation'),
  text('city', 'City', 'companyinformation'),
  text('country', 'Country/Region', 'companyinformation'),
  num('numberofemployees', 'Number of Employees', 'companyinformation'),
  num('annualrevenue', 'Annual Revenue', 'companyinformation'),
  {
    name: 'lifecyclestage',
    label: 'Lifecycle Stage',
    type: 'enumeration',
    fieldType: 'radio',
    group: 'companyinformation',
    options: LIFECYCLE_STAGES,
  },
  owner('companyinformation'),
  text('hs_merged_object_ids', 'Merged Record IDs', 'companyinformation', true),
  num('hs_object_id', 'Record ID', 'companyinformation', true),
  stamp('createdate', 'Create Date', 'companyinformation'),
  stamp('hs_lastmodifieddate', 'Last Modified Date', 'companyinformation'),
];

const DEAL_SPECS: readonly Spec[] = [
  text('dealname', 'Deal Name', 'dealinformation'),
  num('amount', 'Amount', 'dealinformation'),
  pick('dealstage', 'Deal Stage', 'dealinformation', DEAL_STAGES),
  pick('pipeline', 'Pipeline', 'dealinformation', [['default', 'Sales Pipeline']]),
  stamp('closedate', 'Close Date', 'dealinformation', false),
  owner('dealinformation'),
  num('hs_object_id', 'Record ID', 'dealinformation', true),
  stamp('createdate', 'Create Date', 'dealinformation'),
  stamp('hs_lastmodifieddate', 'Last Modified Date', 'dealinformation'),
];

const SPECS: Readonly<Record<StandardObjectType, readonly Spec[]>> = {
  contacts: CONTACT_SPECS,
  companies: COMPANY_SPECS,
  deals: DEAL_SPECS,
};

const GROUPS: Readonly<Record<StandardObjectType, readonly (readonly [string, string])[]>> = {
  contacts: [
    ['contactinformation', 'Contact information'],
    ['sales_properties', 'Sales properties'],
    ['analyticsinformation', 'Web analytics history'],
    ['conversioninformation', 'Conversion information'],
    ['emailinformation', 'Email information'],
  ],
  companies: [['companyinformation', 'Company information']],
  deals: [['dealinformation', 'Deal information']],
};

/** The properties each v3 object returns when a request names none. */
const DEFAULT_READ_PROPERTIES: Readonly<Record<StandardObjectType, readonly string[]>> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: [
    'amount',
    'closedate',
    'createdate',
    'dealname',
    'dealstage',
    'hs_lastmodifieddate',
    'hs_object_id',
    'pipeline',
  ],
};

/** A custom object's records carry hs_ system properties: hs_createdate rather than createdate. */
const CUSTOM_CREATED = 'hs_createdate';
const CUSTOM_LAST_MODIFIED = 'hs_lastmodifieddate';

export function defaultReadProperties(type: SimObjectType): readonly string[] {
  return isStandardType(type) ? DEFAULT_READ_PROPERTIES[type] : [CUSTOM_CREATED, CUSTOM_LAST_MODIFIED, 'hs_object_id'];
}

/** The property each object type stamps on every write. */
export function lastModifiedOf(type: SimObjectType): string {
  return type === 'contacts' ? 'lastmodifieddate' : CUSTOM_LAST_MODIFIED;
}

/** The property holding when a record was created. */
export function createdOf(type: SimObjectType): string {
  return isStandardType(type) ? 'createdate' : CUSTOM_CREATED;
}

export function optionsOf(pairs: Spec['options']): PropertyOption[] {
  return (pairs ?? []).map(([value, label], index) => ({
    label,
    value,
    description: '',
    displayOrder: index,
    hidden: false,
  }));
}

/** The system properties HubSpot gives every custom object, in the object's own group. */
function customSpecs(group: string): Spec[] {
  return [
    num('hs_object_id', 'Record ID', group, true),
    stamp(CUSTOM_CREATED, 'Object create date/time', group),
    stamp(CUSTOM_LAST_MODIFIED, 'Object last modified date/time', group),
    owner(group, 'Owner'),
  ];
}

export function defaultDefinitions(type: StandardObjectType, now: number): PropertyDefinition[] {
  return definitionsOf(SPECS[type], now);
}

export function customObjectDefinitions(group: string, now: number): PropertyDefinition[] {
  return definitionsOf(customSpecs(group), now);
}

function definitionsOf(specs: readonly Spec[], now: number): PropertyDefinition[] {
  return specs.map((spec, index) => ({
    name: spec.name,
    label: spec.label,
    type: spec.type,
    fieldType: spec.fieldType,
    groupName: spec.group,
    description: '',
    options: optionsOf(spec.options),
    displayOrder: index,
    calculated: spec.readOnly === true,
    externalOptions: spec.dynamic !== undefined,
    hasUniqueValue: false,
    hidden: false,
    hubspotDefined: true,
    formField: spec.readOnly !== true,
    readOnlyValue: spec.readOnly === true,
    readOnlyDefinition: true,
    ...(spec.dynamic === undefined ? {} : { dynamicOptions: spec.dynamic }),
    createdAt: now,
    updatedAt: now,
    archived: false,
  }));
}

export function defaultGroups(type: StandardObjectType): PropertyGroup[] {
  return GROUPS[type].map(([name, label], index) => ({ name, label, displayOrder: index, archived: false }));
}
