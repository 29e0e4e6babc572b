import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { AlertRelay } from '../../../src/app/alerts/alert-relay';
import { alertTransports } from '../../../src/app/alerts/transports';
import { applyToLead, type ApplyDeps } from '../../../src/app/apply-events/apply-events';
import { fireTimer } from '../../../src/app/fire-timers';
import type { Lead, LeadEvent, Protocol } from '../../../src/protocol';
import { alertsSchema } from '../../../src/protocol/schema/alerts.schema';
import { hubSpotContactId, leadId, salesforceId, type LeadId } from '../../../src/shared/ids';
import { silentLogger } from '../../../src/shared/logger';
import { migrate } from '../../../src/store/migrate';
import { openTestDatabase, type TestDatabase } from '../../support/databases';
import { eventually } from '../../support/pipeline-harness';
import { exampleProtocol } from '../../unit/protocol/fixtures';
import { ny, qualifiedProperties, REP } from '../../unit/protocol/engine-harness';

const INSTANCE_URL = 'https://corvid.my.salesforce.com';
const SLACK_VARIABLE = 'SLACK_WEBHOOK_SDR';

/** A Slack incoming webhook as far as leadpact can tell: answers "ok", or fails the next `failNext` posts. */
class SlackReceiver {
  readonly messages: string[] = [];
  requests = 0;
  failNext = 0;
  failWith = 500;
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      this.requests += 1;
      if (this.failNext > 0) {
        this.failNext -= 1;
        res
          .writeHead(this.failWith, { 'content-type': 'text/plain' })
          .end(this.failWith === 404 ? 'no_service' : 'oops');
        return;
      }
      this.messages.push(String((JSON.parse(body) as { text?: unknown }).text));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/services/T000/B000/secret`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A local SMTP server that keeps what it accepts, or answers 451 (try later) to the next `deferNext` recipients. */
class MailReceiver {
  readonly messages: string[] = [];
  deferNext = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (_address, _session, callback) => {
      if (this.deferNext > 0) {
        this.deferNext -= 1;
        callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData: (stream, _session, callback) => {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      stream.on('end', () => {
        this.messages.push(unfoldQuotedPrintable(text));
        callback();
      });
    },
  });

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The message as a mail client shows it: quoted-printable soft line breaks and escapes undone (RFC 2045 §6.7). */
function unfoldQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function alertingProtocol(smtpPort: number): Protocol {
  const protocol = exampleProtocol();
  return {
    ...protocol,
    alerts: alertsSchema.parse({
      channels: {
        'sdr-slack': { slack: { webhookUrlEnv: SLACK_VARIABLE } },
        managers: {
          email: {
            from: 'leadpact@corvid.io',
            to: ['sales-managers@corvid.io'],
            smtp: { host: '127.0.0.1', port: smtpPort },
          },
        },
      },
      routes: [{ pools: ['americas-sdr'], events: ['breach'], channels: ['sdr-slack', 'managers'] }],
    }),
  };
}

let sequence = 0;
/** Protocol time: each event is decided at its own instant, as the jobs would. */
let now = 0;

/** A lead Corvid's protocol hands to the Americas pool on Monday 1 June 2026, 10:00 New York, taken by REP. */
async function handedOffLead(deps: ApplyDeps, name: string): Promise<Lead> {
  sequence += 1;
  const at = ny('2026-06-01T10:00');
  const id = leadId(`3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b${String(sequence).padStart(2, '0')}`);
  const contactId = hubSpotContactId(String(900 + sequence));
  const properties = { ...qualifiedProperties(at), firstname: name, email: `${name.toLowerCase()}@acme.io` };
  const changed: LeadEvent = {
    type: 'hubspot.contact.changed',
    id: `hs-${sequence}`,
    at,
    leadId: id,
    contactId,
    properties,
  };
  now = at;
  const first = await applyToLead(deps, { kind: 'hubspot', id: contactId }, () => [changed]);
  now = at + 5_000;
  const completed: LeadEvent = {
    type: 'salesforce.handoff.completed',
    id: `handoff-${sequence}`,
    at: at + 5_000,
    handoffKey: first.lead?.pendingHandoff ?? '',
    salesforceId: salesforceId(`00Q00000000000${sequence}AAA`),
    object: 'Lead',
    ownerId: REP,
    created: true,
  };
  const done = await applyToLead(deps, { kind: 'lead', id }, () => [completed]);
  if (done.lead?.sla === null || done.lead === null) throw new Error('the lead was not handed off');
  return done.lead;
}

/** Fires the lead's acceptance deadline as the timer job would. */
async function breach(deps: ApplyDeps, lead: Lead): Promise<void> {
  const timer = lead.timers.find((t) => t.timer.kind === 'sla_due' && t.timer.clock === 'accept');
  if (timer === undefined) throw new Error('no acceptance deadline pending');
  now = timer.fireAt;
  await fireTimer(deps, { leadId: lead.id, key: timer.key, fireAt: timer.fireAt, timer: timer.timer });
}

describe('SLA breaches where people are: Slack and e-mail', () => {
  let database: TestDatabase;
  let deps: ApplyDeps;
  const slack = new SlackReceiver();
  const mail = new MailReceiver();
  let slackUrl: string;
  const relays: AlertRelay[] = [];

  function relay(): AlertRelay {
    const created = new AlertRelay({
      db: database.db,
      transports: alertTransports(deps.protocol.alerts.channels, (name) =>
        name === SLACK_VARIABLE ? slackUrl : undefined,
      ),
      clock: deps.clock,
      logger: silentLogger(),
      instanceUrl: () => INSTANCE_URL,
      ownerName: (id) => Promise.resolve(id === REP ? 'Riley Chen' : null),
      settings: { pollMs: 20, retryDelayMs: 20, maxRetryDelayMs: 50 },
    });
    relays.push(created);
    return created;
  }

  async function deliveries(lead: LeadId) {
    const result = await database.db.query<{ channel: string; attempts: number; sent: boolean; last_error: string }>(
      `SELECT channel, attempts, sent_at IS NOT NULL AS sent, last_error FROM alert_deliveries
       WHERE lead_id = $1 ORDER BY channel`,
      [lead],
    );
    return result.rows;
  }

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await migrate(database.db);
    slackUrl = await slack.listen();
    const smtpPort = await mail.listen();
    deps = {
      db: database.db,
      protocol: alertingProtocol(smtpPort),
      clock: { now: () => now, realDelayUntil: () => 0 },
      timers: { schedule: () => Promise.resolve(), cancel: () => Promise.resolve() },
      logger: silentLogger(),
    };
  });

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.close()));
    await Promise.all([slack.close(), mail.close()]);
    await database.dispose();
  });

  it('arrives once on each channel, even when its timer fires twice and two relays run', async () => {
    const lead = await handedOffLead(deps, 'Jane');
    await breach(deps, lead);
    await breach(deps, lead); // the sweep fires a timer whose job was slow: the engine finds nothing pending
    expect((await deliveries(lead.id)).map((d) => d.channel)).toEqual(['managers', 'sdr-slack']);

    const [a, b] = [relay(), relay()];
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    expect(await a.runOnce()).toBe(0);

    expect(slack.messages).toHaveLength(1);
    expect(mail.messages).toHaveLength(1);
    const link = `${INSTANCE_URL}/lightning/r/Lead/${lead.salesforce?.id ?? ''}/view`;
    expect(slack.messages[0]).toContain('*SLA breached: Jane Doe was not accepted in time*');
    expect(slack.messages[0]).toContain('Lead: Jane Doe, Acme, jane@acme.io');
    expect(slack.messages[0]).toContain('Due: Mon 1 Jun, 14:00 (America/New_York), territory americas');
    expect(slack.messages[0]).toContain('Owner: Riley Chen');
    expect(slack.messages[0]).toContain(`<${link}|Open in Salesforce>`);
    expect(mail.messages[0]).toContain('Subject: SLA breached: Jane Doe was not accepted in time');
    expect(mail.messages[0]).toContain('Due: Mon 1 Jun, 14:00 (America/New_York), territory americas');
    expect(mail.messages[0]).toContain(`Open in Salesforce: ${link}`);
    expect(mail.messages[0]).toMatch(/Message-ID: <[0-9a-f]{32}@leadpact\.alerts>/i);
    expect((await deliveries(lead.id)).every((d) => d.sent)).toBe(true);
  });

  it('retries a channel that failed, alone: still exactly once on each', async () => {
    const [slackBefore, mailBefore] = [slack.messages.length, mail.messages.length];
    const requestsBefore = slack.requests;
    slack.failNext = 2;
    mail.deferNext = 1;
    const lead = await handedOffLead(deps, 'Omar');
    await breach(deps, lead);
    const running = relay();
    running.start();
    await eventually(
      async () => ((await deliveries(lead.id)).every((d) => d.sent) ? true : undefined),
      10_000,
      'both deliveries sent',
    );
    await running.close();
    expect(slack.requests - requestsBefore).toBe(3);
    expect(slack.messages.slice(slackBefore)).toEqual([expect.stringContaining('Omar Doe')]);
    expect(mail.messages.slice(mailBefore)).toEqual([expect.stringContaining('Omar Doe')]);
    expect((await deliveries(lead.id)).map((d) => [d.channel, d.attempts])).toEqual([
      ['managers', 1],
      ['sdr-slack', 2],
    ]);
  });

  it('gives up on a webhook Slack no longer knows, and says what to do', async () => {
    slack.failNext = 1;
    slack.failWith = 404;
    const lead = await handedOffLead(deps, 'Ines');
    await breach(deps, lead);
    const once = relay();
    while ((await once.runOnce()) > 0);
    const [managers, slackDelivery] = await deliveries(lead.id);
    expect(managers?.sent).toBe(true);
    expect(slackDelivery?.sent).toBe(false);
    expect(slackDelivery?.last_error).toBe(
      `Slack refused the message with 404 (no_service): the webhook in ${SLACK_VARIABLE} was removed, its channel ` +
        `archived, or the URL is wrong. Create a new incoming webhook for the channel and set ${SLACK_VARIABLE} to its URL.`,
    );
    expect(slackDelivery?.last_error).not.toContain('secret');
  });
});
