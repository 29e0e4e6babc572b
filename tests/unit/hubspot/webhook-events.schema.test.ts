import { hubSpotWebhookBodySchema, isOwnChange } from '../../../connectors/hubspot/webhook-events.schema';

const common = {
  eventId: 1,
  subscriptionId: 2001,
  portalId: 62515,
  appId: 54321,
  occurredAt: 1_700_000_000_000,
  attemptNumber: 0,
};

describe('hubSpotWebhookBodySchema', () => {
  it('parses every contact event type leadpact handles, with branded string ids', () => {
    const body = hubSpotWebhookBodySchema.parse([
      {
        ...common,
        subscriptionType: 'contact.creation',
        objectId: 101,
        changeFlag: 'CREATED',
        changeSource: 'CRM_UI',
        sourceId: 'userId:45678',
      },
      {
        ...common,
        subscriptionType: 'contact.propertyChange',
        objectId: 101,
        propertyName: 'email',
        propertyValue: 'a@b.c',
        changeSource: 'INTEGRATION',
        sourceId: '54321',
      },
      { ...common, subscriptionType: 'contact.deletion', objectId: 101, changeFlag: 'DELETED' },
      {
        ...common,
        subscriptionType: 'contact.merge',
        objectId: 103,
        primaryObjectId: 101,
        mergedObjectIds: [102],
        newObjectId: 103,
        numberOfPropertiesMoved: 4,
        changeFlag: 'MERGED',
      },
      {
        ...common,
        subscriptionType: 'contact.associationChange',
        associationType: 'CONTACT_TO_COMPANY',
        fromObjectId: 101,
        toObjectId: 9001,
        associationRemoved: false,
        isPrimaryAssociation: true,
      },
      { ...common, subscriptionType: 'contact.restore', objectId: 101 },
      { ...common, subscriptionType: 'contact.privacyDeletion', objectId: 101 },
    ]);
    expect(body.every((event) => event.known)).toBe(true);
    const [creation, change, , merge] = body;
    expect(creation).toMatchObject({ known: true, subscriptionType: 'contact.creation', objectId: '101' });
    expect(change).toMatchObject({ propertyName: 'email', propertyValue: 'a@b.c' });
    expect(merge).toMatchObject({
      objectId: '103',
      primaryObjectId: '101',
      mergedObjectIds: ['102'],
      newObjectId: '103',
    });
    expect(isOwnChange(change!, '54321')).toBe(true);
    expect(isOwnChange(creation!, '54321')).toBe(false);
  });

  it('keeps events of types it does not handle, marked unknown', () => {
    const [event] = hubSpotWebhookBodySchema.parse([
      { ...common, subscriptionType: 'deal.creation', objectId: 7, dealStage: 'x' },
    ]);
    expect(event).toMatchObject({ known: false, subscriptionType: 'deal.creation', objectId: 7 });
  });

  it('refuses a known type with missing fields, a body of more than 100 events, and a non-array body', () => {
    expect(
      hubSpotWebhookBodySchema.safeParse([{ ...common, subscriptionType: 'contact.propertyChange', objectId: 101 }])
        .success,
    ).toBe(false);
    expect(
      hubSpotWebhookBodySchema.safeParse([{ ...common, subscriptionType: 'contact.creation', objectId: -1 }]).success,
    ).toBe(false);
    expect(
      hubSpotWebhookBodySchema.safeParse(
        Array.from({ length: 101 }, (_, i) => ({
          ...common,
          eventId: i,
          subscriptionType: 'contact.creation',
          objectId: 101,
        })),
      ).success,
    ).toBe(false);
    expect(
      hubSpotWebhookBodySchema.safeParse({ ...common, subscriptionType: 'contact.creation', objectId: 101 }).success,
    ).toBe(false);
  });
});
