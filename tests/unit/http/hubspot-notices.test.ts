import { hubSpotWebhookBodySchema } from '../../../connectors/hubspot/webhook-events.schema';
import { hubspotNoticeSchema } from '../../../src/app/inbound/inbound.schema';
import { noticesOf } from '../../../src/http/hubspot-notices';

const base = { subscriptionId: 1, portalId: 62515, appId: 54321, occurredAt: 1_700_000_000_000, attemptNumber: 0 };
const events = (...extra: Record<string, unknown>[]) =>
  hubSpotWebhookBodySchema.parse(extra.map((event, i) => ({ ...base, eventId: i + 1, objectId: 901, ...event })));

// One event of each kind leadpact handles, with the optional fields HubSpot may send.
const everyKind = events(
  { subscriptionType: 'contact.creation', changeSource: 'CRM_UI' },
  { subscriptionType: 'contact.deletion' },
  { subscriptionType: 'contact.privacyDeletion' },
  { subscriptionType: 'contact.restore' },
  {
    subscriptionType: 'contact.propertyChange',
    propertyName: 'jobtitle',
    propertyValue: 'CTO',
    changeSource: 'INTEGRATION',
    sourceId: '999',
  },
  {
    subscriptionType: 'contact.merge',
    primaryObjectId: 901,
    mergedObjectIds: [902, 903],
    newObjectId: 904,
  },
  {
    subscriptionType: 'contact.associationChange',
    associationType: 'CONTACT_TO_COMPANY',
    fromObjectId: 905,
    toObjectId: 77,
    associationRemoved: false,
  },
  { subscriptionType: 'deal.creation' },
);

describe('noticesOf: the body is validated once, the notices by what the worker adds', () => {
  it('builds a notice of each kind that the worker’s notice schema accepts, and leaves unknown types out', () => {
    const { notices, problem } = noticesOf(everyKind, undefined);
    expect(problem).toBeUndefined();
    expect(notices.map((n) => n.kind)).toEqual([
      'creation',
      'deletion',
      'privacyDeletion',
      'restore',
      'propertyChange',
      'merge',
      'associationChange',
    ]);
    for (const notice of notices) expect(hubspotNoticeSchema.safeParse(notice).success).toBe(true);
  });

  it('leaves out our own app’s property changes coming back', () => {
    expect(noticesOf(everyKind, '999').notices.map((n) => n.kind)).not.toContain('propertyChange');
  });

  it.each([
    ['propertyName', { subscriptionType: 'contact.propertyChange', propertyName: "email' OR 1=1", propertyValue: 'x' }],
    ['changeSource', { subscriptionType: 'contact.creation', changeSource: '\u202EIU_MRC' }],
    ['sourceId', { subscriptionType: 'contact.creation', sourceId: 's'.repeat(201) }],
    [
      'mergedObjectIds',
      {
        subscriptionType: 'contact.merge',
        primaryObjectId: 901,
        mergedObjectIds: Array.from({ length: 101 }, (_, i) => 1000 + i),
        newObjectId: 901,
      },
    ],
  ])('refuses what the worker would refuse: %s, naming the event and the field', (field, event) => {
    const [good, bad] = events({ subscriptionType: 'contact.creation' }, event);
    const { notices, problem } = noticesOf([good!, bad!], undefined);
    expect(problem).toContain(`at event 1 (${field})`);
    // The worker's schema agrees: the same notice, built without the check, fails there.
    expect(notices).toHaveLength(1);
    expect(
      hubspotNoticeSchema.safeParse({ ...notices[0], [field]: (bad as Record<string, unknown>)[field] }).success,
    ).toBe(false);
  });
});
