import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { createHubSpotConnector, type HubSpotConnector } from '../../../connectors/hubspot/hubspot-connector';
import { hubspotInspection } from '../../../connectors/hubspot/portal-inspection';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../connectors/hubspot/simulator';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { idChecksum } from '../../../connectors/salesforce/simulator/schema/ids';
import { runDoctor, type DoctorDeps } from '../../../src/app/doctor/doctor';
import { preflight } from '../../../src/app/doctor/preflight';
import { provision } from '../../../src/app/provision';
import { loadProtocol } from '../../../src/config/load-protocol';
import { MARKETING_PROPERTIES } from '../../../src/demo/marketing-properties';
import { protocolTextForOrg } from '../../../src/demo/simulated-org';
import type { Protocol } from '../../../src/protocol';
import { LeadpactError } from '../../../src/shared/errors';
import { connectorFor, tokenConnection } from '../../contract/salesforce/support';
import { silentLogger } from '../../../src/shared/logger';

const PUBLIC_URL = 'https://leadpact.example.com';
const FOLLOWED = ['Lead', 'Contact', 'Opportunity', 'Task', 'Event'] as const;

const EXAMPLE = readFileSync(join(__dirname, '..', '..', '..', 'config', 'protocol.example.yaml'), 'utf8');

function load(text: string): Protocol {
  const loaded = loadProtocol(text, 'protocol.yaml');
  if (!loaded.ok) throw loaded.error;
  return loaded.value;
}

/** A well-formed user id (right prefix, right checksum) that no user of the org has. */
function strangerId(): string {
  const id15 = '005000000STRANG';
  return `${id15}${idChecksum(id15)}`;
}

describe('leadpact doctor against the simulators', () => {
  let sf: SalesforceSimulator;
  let hs: HubSpotSimulator;
  let hubspot: HubSpotConnector;
  let salesforce: Awaited<ReturnType<typeof connectorFor>>;
  let orgText: string;

  beforeAll(async () => {
    sf = await startSalesforceSimulator();
    hs = await startHubSpotSimulator();
    salesforce = await connectorFor(sf);
    hubspot = createHubSpotConnector({
      accessToken: hs.credentials.accessToken,
      baseUrl: hs.url,
      developerApiKey: hs.credentials.developerApiKey,
    });
    const { userIds, leadQueueId } = sf.defaults();
    // The example protocol, copied and pointed at this org's active reps and its lead queue.
    const active = sf
      .records('User')
      .filter((u) => u['IsActive'] === true && userIds.includes(String(u['Id'])))
      .map((u) => String(u['Id']) as never);
    orgText = protocolTextForOrg(EXAMPLE, { activeUserIds: active, leadQueueId: leadQueueId as never });
    await hubspot.provision(MARKETING_PROPERTIES);
    await provision({ protocol: load(orgText), salesforce, hubspot });
    // As an admin sets them up in Setup: one outbound message per followed object, sending to leadpact.
    sf.setOutbound({ url: `${PUBLIC_URL}/webhooks/salesforce`, objects: [...FOLLOWED] });
  });
  afterAll(async () => {
    hubspot.close();
    await Promise.all([sf.close(), hs.close()]);
  });

  function deps(protocol: Protocol, extra: Partial<DoctorDeps> = {}): DoctorDeps {
    return {
      protocol,
      salesforce: salesforce.inspection,
      hubspot: hubspotInspection({ accessToken: hs.credentials.accessToken, baseUrl: hs.url }),
      publicUrl: PUBLIC_URL,
      ...extra,
    };
  }

  /** The org's protocol text with one edit made through its YAML document. */
  function edited(edit: (doc: ReturnType<typeof parseDocument>) => void): Protocol {
    const doc = parseDocument(orgText);
    edit(doc);
    return load(doc.toString());
  }

  it('finds nothing wrong with a provisioned org and the protocol pointed at its people', async () => {
    const report = await runDoctor(deps(load(orgText)));
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.findings.filter((f) => f.severity === 'ok').map((f) => f.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Routing: /),
        expect.stringMatching(/^Field access: /),
        // The simulated org is a typical one: an active assignment rule, the standard duplicate rules, picklists on.
        expect.stringMatching(/^Assignment rule ".+" is active; leadpact's routing chooses the owner/),
        expect.stringMatching(/^Duplicate rules active \(.*Lead: .*\); on a match leadpact links the hand-off/),
        expect.stringMatching(/^State and country picklists are on/),
        expect.stringMatching(/^Outbound messages: Lead, Contact, Opportunity, Task, Event each send to https:/),
      ]),
    );
  });

  it('names a wrong user id and a misspelt property, each with its fix, and start refuses the id', async () => {
    const protocol = edited((doc) => {
      doc.setIn(['routing', 'pools', 'americas-sdr', 'members', 1], strangerId());
      doc.setIn(['qualification', 'fit', 'rules', 0, 'property'], 'jobtitel');
    });
    const report = await runDoctor(deps(protocol));
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          crm: 'Salesforce',
          stopsStart: true,
          message: expect.stringContaining(`routing.pools.americas-sdr.members[1]: no user ${strangerId()}`),
          fix: expect.stringContaining('Setup → Users'),
        }),
        expect.objectContaining({
          crm: 'HubSpot',
          message: expect.stringContaining('"jobtitel"'),
          fix: expect.stringContaining('Replace "jobtitel" with "jobtitle"'),
        }),
      ]),
    );
    expect(report.stopsStart).toHaveLength(1);

    const refused = preflight({ ...deps(protocol), logger: silentLogger() });
    await expect(refused).rejects.toBeInstanceOf(LeadpactError);
    await expect(refused).rejects.toMatchObject({
      code: 'CRM_NOT_READY',
      message: expect.stringContaining(strangerId()),
    });
  });

  it('names an inactive owner by name and a queue that is not there', async () => {
    const casey = sf.records('User').find((u) => u['LastName'] === 'Brooks');
    const protocol = edited((doc) => {
      doc.setIn(['routing', 'pools', 'americas-sdr', 'members', 0], String(casey?.['Id']));
      doc.setIn(['routing', 'fallback', 'queueId'], `00G000000NOQUEU${idChecksum('00G000000NOQUEU')}`);
    });
    const report = await runDoctor(deps(protocol));
    const messages = report.stopsStart.map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/members\[0\]: Casey Brooks \(cbrooks@.*\) is inactive/),
        expect.stringMatching(/^routing\.fallback\.queueId: no queue 00G000000NOQUEU/),
      ]),
    );
  });

  it("checks the app's webhook subscriptions against what the protocol listens to", async () => {
    const protocol = load(orgText);
    const target = {
      appId: hs.credentials.appId,
      developerApiKey: hs.credentials.developerApiKey,
      publicUrl: 'https://leadpact.example.com',
    };
    const before = await runDoctor(deps(protocol, { webhooks: target }));
    expect(before.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          crm: 'HubSpot',
          severity: 'error',
          message: expect.stringContaining('no target URL'),
        }),
        expect.objectContaining({ message: expect.stringContaining('contact.privacyDeletion') }),
      ]),
    );
    await provision({ protocol, salesforce, hubspot, webhooks: target });
    const after = await runDoctor(deps(protocol, { webhooks: target }));
    expect(after.errors).toBe(0);
    expect(after.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'ok', message: expect.stringMatching(/^Webhooks: /) }),
      ]),
    );
  });

  it('names a scope the HubSpot token lacks before any lead moves, and start refuses it', async () => {
    const granted = hs.scopes();
    hs.setScopes(granted.filter((scope) => scope !== 'crm.objects.contacts.write'));
    try {
      const report = await runDoctor(deps(load(orgText)));
      expect(report.stopsStart).toEqual([
        expect.objectContaining({
          crm: 'HubSpot',
          message: expect.stringContaining('lacks crm.objects.contacts.write'),
          fix: expect.stringContaining('Settings → Integrations → Private Apps'),
        }),
      ]);
      await expect(preflight({ ...deps(load(orgText)), logger: silentLogger() })).rejects.toMatchObject({
        code: 'CRM_NOT_READY',
      });
    } finally {
      hs.setScopes(granted);
    }
  });

  it('names a field whose permission an admin took away, with the permission set to fix', async () => {
    const admin = tokenConnection(sf);
    const grant = await admin.query<{ Id: string }>(
      "SELECT Id FROM FieldPermissions WHERE Field = 'Contact.SLA_Status__c' AND Parent.Name = 'leadpact_Integration'",
    );
    await admin.sobject('FieldPermissions').destroy(grant.records[0]?.Id ?? '');
    try {
      const report = await runDoctor(deps(load(orgText)));
      expect(report.stopsStart).toEqual([
        expect.objectContaining({
          crm: 'Salesforce',
          message: 'Contact: the integration user lacks access to SLA_Status__c (Read and Edit).',
          fix: expect.stringContaining('permission set "leadpact Integration"'),
        }),
      ]);
    } finally {
      await provision({ protocol: load(orgText), salesforce, hubspot });
    }
    expect((await runDoctor(deps(load(orgText)))).errors).toBe(0);
  });

  it('names an object no outbound message sends to leadpact', async () => {
    sf.setOutbound({ url: `${PUBLIC_URL}/webhooks/salesforce`, objects: ['Lead', 'Contact', 'Opportunity', 'Event'] });
    try {
      const report = await runDoctor(deps(load(orgText)));
      const outbound = report.findings.filter((f) => f.message.includes('outbound message'));
      expect(outbound).toEqual([
        expect.objectContaining({
          severity: 'error',
          message: `No outbound message sends Task changes to ${PUBLIC_URL}/webhooks/salesforce: Sales' answers there reach leadpact only at the next reconciliation.`,
          fix: expect.stringContaining('Setup → Outbound Messages'),
        }),
      ]);
      expect(report.stopsStart).toEqual([]);
    } finally {
      sf.setOutbound({ url: `${PUBLIC_URL}/webhooks/salesforce`, objects: [...FOLLOWED] });
    }
  });

  it('says a check could not run, and runs the others, when one CRM does not answer', async () => {
    const report = await runDoctor(
      deps(load(orgText), { hubspot: hubspotInspection({ accessToken: 'pat-na1-x', baseUrl: 'http://127.0.0.1:9' }) }),
    );
    expect(report.findings.filter((f) => f.crm === 'HubSpot').map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Could not check the contact properties: /)]),
    );
    expect(report.findings.some((f) => f.crm === 'Salesforce' && f.severity === 'ok')).toBe(true);
    expect(report.stopsStart).toEqual([]);
  });
});
