import type { HubSpotSimulator } from '../../connectors/hubspot/simulator';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import type { CommittedChange, SalesforceSimulator } from '../../connectors/salesforce/simulator';
import { addBusinessMinutes, route, type Protocol } from '../protocol';
import type { Clock } from '../shared/clock';
import { salesforceId } from '../shared/ids';
import type { Logger } from '../shared/logger';
import { Agenda, type Act } from './agenda';
import { Market, type MarketContact } from './market';
import { touchWrite } from './market-plans';
import { arrivalActs, handoffActs, reassignmentActs, type Calendars } from './schedule';

export interface MarketDriverDeps {
  readonly sf: SalesforceSimulator;
  readonly hs: HubSpotSimulator;
  /** Sales acts through the API as the reps' tools do. */
  readonly salesforce: SalesforcePort;
  readonly protocol: Protocol;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly seed: number;
  readonly startAt: number;
}

interface Tracked {
  readonly contact: MarketContact;
  hubspotId: string | null;
  leadId: string | null;
  ownerId: string | null;
  opportunityId: string | null;
  calendars: Calendars | null;
  reassigned: boolean;
  /** Merged into its original (a duplicate, once): a second merge request finds nothing to do. */
  merged: boolean;
}

/**
 * Plays the market against the simulators: marketers' and prospects' doings in HubSpot, the reps'
 * in Salesforce, each at its planned protocol instant. It learns that a lead reached Sales the way
 * a rep does, by the Lead appearing in Salesforce, and never looks inside leadpact.
 */
export class MarketDriver {
  private readonly agenda = new Agenda();
  private readonly market: Market;
  private readonly tracked = new Map<string, Tracked>();
  private readonly keyByHubSpotId = new Map<string, string>();
  private readonly stopListening: () => void;
  private failures = 0;

  constructor(private readonly deps: MarketDriverDeps) {
    this.market = new Market(deps.seed, deps.startAt);
    this.stopListening = deps.sf.onCommit((changes) => this.observe(changes));
  }

  /** Plays everything due by now; the caller ticks it often (each tick is a few protocol minutes). */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    for (const contact of this.market.arrivalsUntil(now)) this.arrive(contact);
    for (const { act } of this.agenda.takeDue(now)) await this.play(act);
  }

  /** Acts that failed (a record gone, a conversion refused): logged, and the story goes on. */
  get failed(): number {
    return this.failures;
  }

  stop(): void {
    this.stopListening();
  }

  /** "Northwind Labs, Germany": how the narration names a contact's lead, without personal data. */
  describe(hubspotId: string): string | null {
    const key = this.keyByHubSpotId.get(hubspotId);
    const properties = key === undefined ? undefined : this.tracked.get(key)?.contact.properties;
    return properties === undefined ? null : `${properties.company ?? '?'}, ${properties.country ?? '?'}`;
  }

  private arrive(contact: MarketContact): void {
    this.tracked.set(contact.key, {
      contact,
      hubspotId: null,
      leadId: null,
      ownerId: null,
      opportunityId: null,
      calendars: null,
      reassigned: false,
      merged: false,
    });
    this.agenda.add(arrivalActs(contact));
  }

  private observe(changes: readonly CommittedChange[]): void {
    for (const change of changes) {
      if (change.object !== 'Lead') continue;
      const hubspotId = change.record[this.deps.protocol.writeBack.salesforce.hubspotContactId];
      const key = typeof hubspotId === 'string' ? this.keyByHubSpotId.get(hubspotId) : undefined;
      const tracked = key === undefined ? undefined : this.tracked.get(key);
      if (tracked === undefined) continue;
      const owner = typeof change.record.OwnerId === 'string' ? change.record.OwnerId : null;
      if (tracked.leadId === null) {
        this.handedOff(tracked, change.id, owner);
      } else if (
        !tracked.reassigned &&
        tracked.leadId === change.id &&
        owner !== tracked.ownerId &&
        change.record[this.deps.protocol.writeBack.salesforce.slaStatus] === 'Breached'
      ) {
        // The SLA ladder handed the lead to another rep: what that rep does, once.
        tracked.reassigned = true;
        if (tracked.calendars !== null)
          this.agenda.add(reassignmentActs(tracked.contact, this.deps.clock.now(), tracked.calendars));
      }
    }
  }

  private handedOff(tracked: Tracked, leadId: string, owner: string | null): void {
    const { protocol } = this.deps;
    tracked.leadId = leadId;
    tracked.ownerId = owner;
    const routed = route(tracked.contact.properties, protocol.routing);
    const calendar = (name: string) => {
      const found = protocol.calendars[name];
      if (found === undefined) throw new Error(`the protocol has no calendar ${name}`);
      return found;
    };
    tracked.calendars = { sales: calendar(routed.calendar), marketing: calendar(protocol.sla.marketing.calendar) };
    this.agenda.add(handoffActs(tracked.contact, this.deps.clock.now(), tracked.calendars));
    if (tracked.contact.role === 'duplicated')
      this.arrive(this.market.duplicateOf(tracked.contact, this.deps.clock.now()));
  }

  private async play(act: Act): Promise<void> {
    const tracked = this.tracked.get(act.key);
    if (tracked === undefined) return;
    try {
      await this.perform(act, tracked);
    } catch (error) {
      this.failures++;
      this.deps.logger.warn({ err: error, act: act.kind, contact: act.key }, 'a market act failed; the story goes on');
    }
  }

  private async perform(act: Act, tracked: Tracked): Promise<void> {
    const { hs, protocol } = this.deps;
    const contact = tracked.contact;
    switch (act.kind) {
      case 'arrive': {
        const created = hs.user.createContact(contact.properties);
        tracked.hubspotId = created.id;
        this.keyByHubSpotId.set(created.id, contact.key);
        // In an org with Salesforce's standard duplicate rules the duplicate never reaches Sales:
        // leadpact sends it back to Marketing to merge, which the marketer does within half a day.
        if (contact.role === 'duplicate')
          this.agenda.add([{ at: this.marketingLater(240), act: { kind: 'merge', key: contact.key } }]);
        return;
      }
      case 'touch': {
        const write = touchWrite(act.touch, this.deps.clock.now(), contact.campaign);
        const id = this.hubspotId(tracked);
        if (write.activity !== undefined) hs.user.recordActivity(id, write.activity);
        if (write.properties !== undefined) hs.user.updateContact(id, write.properties);
        return;
      }
      case 'marketer_edit':
        // The marketer "fixes" the title back to what the form said; Salesforce owns Title.
        hs.user.updateContact(this.hubspotId(tracked), { jobtitle: contact.properties.jobtitle ?? '' });
        return;
      case 'merge': {
        const original = contact.original === null ? undefined : this.tracked.get(contact.original);
        if (original === undefined || tracked.merged) return;
        tracked.merged = true;
        // HubSpot may give the merged record a new id; the original person carries on under it.
        const survivor = hs.user.mergeContacts(this.hubspotId(original), this.hubspotId(tracked));
        original.hubspotId = survivor.id;
        this.keyByHubSpotId.set(survivor.id, original.contact.key);
        return;
      }
      case 'accept':
        return this.updateLead(tracked, {
          [protocol.salesStatus.leadField]: protocol.salesStatus.accepted[0] ?? 'Working - Contacted',
        });
      case 'reject':
        return this.updateLead(tracked, {
          [protocol.salesStatus.leadField]: protocol.salesStatus.rejected[0] ?? 'Closed - Not Converted',
          [protocol.writeBack.salesforce.rejectionCode]: act.code,
        });
      case 'add_code':
        return this.updateLead(tracked, { [protocol.writeBack.salesforce.rejectionCode]: act.code });
      case 'first_touch':
        return this.firstTouch(tracked);
      case 'convert':
        return this.convert(tracked);
      case 'close':
        return this.close(tracked, act.won);
    }
  }

  /** An instant `minutes` business minutes from now on Marketing's calendar. */
  private marketingLater(minutes: number): number {
    const { protocol, clock } = this.deps;
    const calendar = protocol.calendars[protocol.sla.marketing.calendar];
    if (calendar === undefined) throw new Error(`the protocol has no calendar ${protocol.sla.marketing.calendar}`);
    return addBusinessMinutes(clock.now(), minutes, calendar);
  }

  private hubspotId(tracked: Tracked): string {
    if (tracked.hubspotId === null) throw new Error(`contact ${tracked.contact.key} has not arrived`);
    return tracked.hubspotId;
  }

  private leadId(tracked: Tracked): string {
    if (tracked.leadId === null) throw new Error(`contact ${tracked.contact.key} has no Lead`);
    return tracked.leadId;
  }

  private async updateLead(tracked: Tracked, fields: Readonly<Record<string, string | null>>): Promise<void> {
    const [outcome] = await this.deps.salesforce.update('Lead', [{ id: salesforceId(this.leadId(tracked)), fields }]);
    if (outcome !== undefined && !outcome.ok) throw new Error(`Salesforce refused the Lead update: ${outcome.code}`);
  }

  /** The rep who works a Lead: its owner, or the first rep of the team while it sits in a queue. */
  private repOf(leadId: string): string | undefined {
    const owner = this.deps.sf.records('Lead').find((lead) => lead.Id === leadId)?.OwnerId;
    const team = this.deps.sf.defaults();
    return typeof owner === 'string' && owner.startsWith('005')
      ? owner
      : team.userIds.find((id) => id !== team.integrationUserId);
  }

  /** The first call: a completed Task on the Lead, and the title the rep learnt on it. */
  private async firstTouch(tracked: Tracked): Promise<void> {
    const leadId = this.leadId(tracked);
    const today = new Date(this.deps.clock.now()).toISOString().slice(0, 10);
    // The rep logs the call as themselves: leadpact tells its own Tasks from Sales' by CreatedById.
    const rep = this.repOf(leadId);
    this.deps.sf.seed(
      'Task',
      [
        {
          WhoId: leadId,
          Subject: 'Discovery call',
          Status: 'Completed',
          TaskSubtype: 'Call',
          ActivityDate: today,
          OwnerId: rep,
          CreatedById: rep,
        },
      ],
      { notify: true },
    );
    const plan = tracked.contact.plan;
    if (plan.kind === 'accept' && plan.correctedTitle !== null)
      await this.updateLead(tracked, { Title: plan.correctedTitle });
  }

  private convert(tracked: Tracked): Promise<void> {
    const plan = tracked.contact.plan;
    if (plan.kind !== 'accept' || plan.deal === null) return Promise.resolve();
    const company = tracked.contact.properties.company ?? 'New business';
    const leadId = this.leadId(tracked);
    const converted = this.deps.sf.convertLead(leadId, {
      opportunity: { amount: plan.deal.amount, stageName: 'Qualification', name: `${company} - analytics platform` },
      asUser: this.repOf(leadId),
    });
    tracked.opportunityId = converted.opportunityId;
    return Promise.resolve();
  }

  private async close(tracked: Tracked, won: boolean): Promise<void> {
    if (tracked.opportunityId === null) throw new Error(`contact ${tracked.contact.key} has no opportunity`);
    const today = new Date(this.deps.clock.now()).toISOString().slice(0, 10);
    const [outcome] = await this.deps.salesforce.update('Opportunity', [
      {
        id: salesforceId(tracked.opportunityId),
        fields: { StageName: won ? 'Closed Won' : 'Closed Lost', CloseDate: today },
      },
    ]);
    if (outcome !== undefined && !outcome.ok)
      throw new Error(`Salesforce refused the Opportunity update: ${outcome.code}`);
  }
}
