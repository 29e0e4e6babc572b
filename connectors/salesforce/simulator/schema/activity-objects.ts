import { KEY_PREFIXES } from './ids';
import { bool, computedName, date, datetime, num, picklist, reference, text, standardObject } from './field';

/** Task statuses of a new org; "Completed" is the one closed status. */
export const TASK_STATUSES = [
  'Not Started',
  'In Progress',
  'Completed',
  'Waiting on someone else',
  'Deferred',
] as const;
export const CLOSED_TASK_STATUS = 'Completed';
export const RESPONDED_MEMBER_STATUS = 'Responded';

export const CAMPAIGN = standardObject(
  'Campaign',
  { label: 'Campaign', labelPlural: 'Campaigns', keyPrefix: KEY_PREFIXES.Campaign },
  [
    text('Name', 'Name', 80, { required: true, nameField: true }),
    reference('ParentId', 'Parent Campaign ID', ['Campaign'], 'Parent'),
    picklist('Type', 'Type', [
      'Conference',
      'Webinar',
      'Trade Show',
      'Public Relations',
      'Partners',
      'Referral Program',
      'Advertisement',
      'Banner Ads',
      'Direct Mail',
      'Email',
      'Telemarketing',
      'Other',
    ]),
    picklist('Status', 'Status', ['Planned', 'In Progress', 'Completed', 'Aborted']),
    date('StartDate', 'Start Date'),
    date('EndDate', 'End Date'),
    num('ExpectedRevenue', 'Expected Revenue in Campaign', 'currency', 18, 0),
    num('BudgetedCost', 'Budgeted Cost in Campaign', 'currency', 18, 0),
    num('ActualCost', 'Actual Cost in Campaign', 'currency', 18, 0),
    bool('IsActive', 'Active'),
    text('Description', 'Description', 32000, {}, 'textarea'),
    reference('OwnerId', 'Owner ID', ['User'], 'Owner', { defaulted: true }),
  ],
);

export const CAMPAIGN_MEMBER = standardObject(
  'CampaignMember',
  { label: 'Campaign Member', labelPlural: 'Campaign Members', keyPrefix: KEY_PREFIXES.CampaignMember },
  [
    reference('CampaignId', 'Campaign ID', ['Campaign'], 'Campaign', { required: true, createOnly: true }),
    reference('LeadId', 'Lead ID', ['Lead'], 'Lead', { createOnly: true }),
    reference('ContactId', 'Contact ID', ['Contact'], 'Contact', { createOnly: true }),
    picklist('Status', 'Status', ['Sent', RESPONDED_MEMBER_STATUS], { defaultValue: 'Sent' }),
    bool('HasResponded', 'Responded', { readOnly: true }),
    date('FirstRespondedDate', 'First Responded Date', { readOnly: true }),
  ],
);

export const TASK = standardObject('Task', { label: 'Task', labelPlural: 'Tasks', keyPrefix: KEY_PREFIXES.Task }, [
  reference('WhoId', 'Name ID', ['Contact', 'Lead'], 'Who'),
  reference('WhatId', 'Related To ID', ['Account', 'Campaign', 'Opportunity'], 'What'),
  text('Subject', 'Subject', 255),
  date('ActivityDate', 'Due Date Only'),
  picklist('Status', 'Status', TASK_STATUSES, { restricted: true, required: true, defaultValue: 'Not Started' }),
  picklist('Priority', 'Priority', ['High', 'Normal', 'Low'], {
    restricted: true,
    required: true,
    defaultValue: 'Normal',
  }),
  bool('IsClosed', 'Closed', { readOnly: true }),
  reference('OwnerId', 'Assigned To ID', ['User'], 'Owner', { defaulted: true }),
  text('Description', 'Description', 32000, {}, 'textarea'),
  picklist('Type', 'Type', ['Call', 'Email', 'Meeting', 'Other']),
  picklist('TaskSubtype', 'Task Subtype', ['Task', 'Email', 'Call'], { createOnly: true, defaultValue: 'Task' }),
  datetime('CompletedDateTime', 'Completed Date/Time', { readOnly: true }),
  num('CallDurationInSeconds', 'Call Duration', 'int', 8, 0),
]);

/** A meeting on the calendar; with a WhoId it is a sales touch like a Task. */
export const EVENT = standardObject('Event', { label: 'Event', labelPlural: 'Events', keyPrefix: KEY_PREFIXES.Event }, [
  reference('WhoId', 'Name ID', ['Contact', 'Lead'], 'Who'),
  reference('WhatId', 'Related To ID', ['Account', 'Campaign', 'Opportunity'], 'What'),
  text('Subject', 'Subject', 255),
  datetime('StartDateTime', 'Start Date Time'),
  datetime('EndDateTime', 'End Date Time'),
  num('DurationInMinutes', 'Duration', 'int', 8, 0),
  reference('OwnerId', 'Assigned To ID', ['User'], 'Owner', { defaulted: true }),
  text('Description', 'Description', 32000, {}, 'textarea'),
  picklist('Type', 'Type', ['Call', 'Email', 'Meeting', 'Other']),
]);

export const USER = standardObject(
  'User',
  { label: 'User', labelPlural: 'Users', keyPrefix: KEY_PREFIXES.User },
  [
    text('Username', 'Username', 80, { required: true, unique: true }),
    text('LastName', 'Last Name', 80, { required: true }),
    text('FirstName', 'First Name', 40),
    computedName(121),
    text('Email', 'Email', 128, { required: true }, 'email'),
    text('Alias', 'Alias', 8, { required: true }),
    bool('IsActive', 'Active'),
    text('Title', 'Title', 80),
    text('Department', 'Department', 80),
    picklist(
      'TimeZoneSidKey',
      'Time Zone',
      ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Paris', 'Asia/Tokyo'],
      { defaultValue: 'America/Los_Angeles' },
    ),
    reference('ManagerId', 'Manager ID', ['User'], 'Manager'),
    // Required on the platform; a user seeded without one gets the Standard User profile (access/seed.ts).
    reference('ProfileId', 'Profile ID', ['Profile'], 'Profile', { defaulted: true }),
  ],
  { deletable: false, softDelete: false },
);

/** Only what a lead queue needs: a Group of Type Queue can own Leads. */
export const GROUP = standardObject(
  'Group',
  { label: 'Group', labelPlural: 'Groups', keyPrefix: KEY_PREFIXES.Group },
  [
    text('Name', 'Name', 40, { required: true, nameField: true }),
    text('DeveloperName', 'Developer Name', 80, { required: true }),
    picklist('Type', 'Type', ['Regular', 'Queue', 'Role', 'Organization'], { restricted: true, required: true }),
    text('Email', 'Email', 255, {}, 'email'),
  ],
  { createable: false, updateable: false, deletable: false, softDelete: false },
);
