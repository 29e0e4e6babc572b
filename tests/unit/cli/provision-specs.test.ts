import { changedNothing, webhookSubscriptions } from '../../../src/app/provision';
import { shippedProtocol } from './protocol-fixture';

describe('what `leadpact provision` subscribes to and reports', () => {
  const protocol = shippedProtocol();

  it('subscribes to contact events and to changes of every property the protocol reads', () => {
    const subscriptions = webhookSubscriptions(protocol);
    expect(subscriptions).toEqual(
      expect.arrayContaining([
        { eventType: 'contact.creation' },
        { eventType: 'contact.privacyDeletion' },
        { eventType: 'contact.merge' },
      ]),
    );
    const watched = subscriptions.flatMap((s) => (s.propertyName === undefined ? [] : [s.propertyName]));
    expect(watched).toEqual(
      expect.arrayContaining(['demo_requested_date', 'industry', 'country', 'email', 'utm_campaign']),
    );
  });

  it('says nothing changed only when nothing was created or updated', () => {
    const unchanged = { created: [], updated: [], unchanged: ['a'] };
    const salesforce = { ...unchanged, access: { ...unchanged, salesUsers: [], notFound: [] } };
    expect(changedNothing({ salesforce, hubspot: unchanged, hubspotObject: unchanged })).toBe(true);
    expect(changedNothing({ salesforce, hubspot: unchanged, hubspotObject: { skipped: 'no custom objects' } })).toBe(
      true,
    );
    expect(
      changedNothing({
        salesforce,
        hubspot: { ...unchanged, updated: ['property:leadpact_stage'] },
        hubspotObject: unchanged,
      }),
    ).toBe(false);
    expect(
      changedNothing({
        salesforce,
        hubspot: unchanged,
        hubspotObject: { ...unchanged, created: ['leadpact_campaign_metrics'] },
      }),
    ).toBe(false);
    expect(
      changedNothing({
        salesforce: {
          ...salesforce,
          access: { ...salesforce.access, created: ['"leadpact Sales" assigned to Avery Chen'] },
        },
        hubspot: unchanged,
        hubspotObject: unchanged,
      }),
    ).toBe(false);
  });
});
