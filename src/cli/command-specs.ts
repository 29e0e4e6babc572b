/**
 * What each command is, without what it does: its name, summary, options and needs. `src/main.ts`
 * lists and parses the commands from these alone and loads a command's implementation
 * (`*-command.ts`, which pulls in the CRM clients, BullMQ, the store...) only when it runs, so
 * `leadpact backfill` does not load the HTTP server and `--help` loads almost nothing. Import only
 * cheap modules here.
 */
import { DEFAULT_NOT_PURSUED_DAYS } from '../app/report-defaults';
import { DEFAULT_SHARE_DAYS } from '../app/share-links';
import { DEFAULT_SEED, DEFAULT_SPEED } from '../demo/demo-options';
import { PERIOD_HELP } from '../metrics/period';
import { DEFAULT_FEEDBACK_MINIMUM } from '../metrics/rule-feedback';
import type { ServiceRoles } from '../service/service';
import type { CommandSpec } from './command';

/** A service command: its needs follow from the roles it runs. */
export interface ServiceSpec extends CommandSpec {
  readonly roles: ServiceRoles;
}

function serviceSpec(name: string, summary: string, roles: ServiceRoles): ServiceSpec {
  return { name, summary, synopsis: '', options: {}, needs: { crm: roles.workers, webhooks: roles.http }, roles };
}

export const startSpec = serviceSpec('start', 'Run the HTTP ingress and the workers in one process.', {
  http: true,
  workers: true,
});
export const serveSpec = serviceSpec(
  'serve',
  'Run the HTTP ingress only (webhooks, admin API, health); scale it on its own.',
  {
    http: true,
    workers: false,
  },
);
export const workSpec = serviceSpec('work', 'Run the queue workers only; run as many as the load needs.', {
  http: false,
  workers: true,
});

export const demoSpec: CommandSpec = {
  name: 'demo',
  summary:
    'Simulated HubSpot and Salesforce, the whole service and a synthetic market on an accelerated clock, with live progress; then the scorecard, ' +
    'checked against the CRMs, and its page. Redis from REDIS_URL, else a local one, else a redis-server it starts; DATA_DIR and ADMIN_TOKEN if set.',
  synopsis: '[--duration 60s] [--seed N] [--speed N] [--json]',
  options: {
    duration: {
      type: 'string',
      description: 'Stop by itself after this long (60s, 2m, 90) and exit 0',
      default: 'until Ctrl-C; the page then stays up until a second Ctrl-C',
    },
    seed: {
      type: 'string',
      description: 'The story: the same seed plays the same market',
      default: String(DEFAULT_SEED),
    },
    speed: {
      type: 'string',
      description: 'Simulated seconds per real second',
      default: `${DEFAULT_SPEED}, two simulated hours a second`,
    },
    json: {
      type: 'boolean',
      description: 'End with one JSON line: the counts as the CRMs hold them and as the scorecard shows them',
    },
  },
  needs: {},
};

export const simSpec: CommandSpec = {
  name: 'sim',
  summary:
    "Run the Salesforce and HubSpot simulators; print one JSON line with their URLs, the credentials they accept and the HubSpot token's scopes. Stops on SIGTERM or Ctrl-C.",
  synopsis: '[--salesforce-port N] [--hubspot-port N] [--webhook-url URL] [--salesforce-changes cdc|outbound|both]',
  options: {
    'salesforce-port': { type: 'string', description: 'Port of the Salesforce simulator', default: 'a free port' },
    'hubspot-port': { type: 'string', description: 'Port of the HubSpot simulator', default: 'a free port' },
    'webhook-url': {
      type: 'string',
      description:
        "leadpact's base URL: signed webhooks go to URL/webhooks/hubspot, outbound messages to URL/webhooks/salesforce",
    },
    'salesforce-changes': {
      type: 'string',
      description:
        'How the simulated org reports changes: cdc (Change Data Capture on its Pub/Sub endpoint, named in the JSON line), outbound (outbound messages to the webhook URL) or both',
      default: 'both',
    },
  },
  needs: {},
};

export const provisionSpec: CommandSpec = {
  name: 'provision',
  summary:
    'Create the Salesforce custom fields and the HubSpot property group and properties leadpact writes. Idempotent: a second run changes nothing and says so.',
  synopsis: '[--verbose]',
  options: {
    verbose: { type: 'boolean', description: 'Also list what was already in place' },
  },
  needs: { crm: true },
};

export const doctorSpec: CommandSpec = {
  name: 'doctor',
  summary:
    'Check the live CRMs against the protocol and the configuration before any lead moves: the users and queue the routing names, the fields and properties leadpact reads and writes and the access to them, webhook subscriptions, API allocation. Prints each problem with its fix; exit 1 when any would stop leads from moving.',
  synopsis: '',
  options: {},
  needs: { crm: true },
};

export const backfillSpec: CommandSpec = {
  name: 'backfill',
  summary:
    'Initial sync of the existing HubSpot contacts and Salesforce leads and contacts, within the API budget. Resumes where it stopped if interrupted.',
  synopsis: '[--since DATE] [--drain-timeout SECONDS]',
  options: {
    since: {
      type: 'string',
      description:
        'Only records changed since this date (YYYY-MM-DD or an ISO 8601 instant); another --since starts a new backfill',
      default: 'all history',
    },
    'drain-timeout': {
      type: 'string',
      description: 'How long to wait at the end for the CRM writes to be sent',
      default: '300',
    },
  },
  needs: { crm: true },
};

export const dlqSpec: CommandSpec = {
  name: 'dlq',
  summary:
    'List failed work (CRM writes and jobs that ran out of attempts) with the reason; re-drive it with `leadpact replay`.',
  synopsis: '[--all] [--limit N] [--json]',
  options: {
    all: { type: 'boolean', description: 'Include dead letters already replayed' },
    limit: { type: 'string', description: 'Show at most N, oldest first', default: '100' },
    json: { type: 'boolean', description: 'One JSON object per line instead of a table' },
  },
  needs: {},
};

export const replaySpec: CommandSpec = {
  name: 'replay',
  summary:
    'Re-drive dead letters listed by `leadpact dlq`: failed CRM writes go back to the outbox, failed jobs back to their queue. Each is replayed once.',
  synopsis: 'ID... | --all',
  options: {
    all: { type: 'boolean', description: 'Replay every open dead letter' },
  },
  needs: {},
};

export const reportSpec: CommandSpec = {
  name: 'report',
  summary: 'Print the alignment scorecard (or, with --pack, the monthly alignment pack) from the stored leads.',
  synopsis: '[--period 30d | --from WHEN [--to WHEN]] [--format text|json|html] [--pack]',
  options: {
    period: { type: 'string', description: `The period: ${PERIOD_HELP}`, default: '30d; previous-month with --pack' },
    from: {
      type: 'string',
      description: 'The start of the period: a date (2026-03-01) or an ISO 8601 instant (2026-03-02T09:00:00.000Z)',
    },
    to: {
      type: 'string',
      description:
        'Its end (a date counts whole); the scorecard is computed as of then, so a report for a past span ' +
        'prints the same numbers whenever it runs',
      default: 'now',
    },
    format: {
      type: 'string',
      description: 'text, json or html; with --pack: html or markdown',
      default: 'text; html with --pack',
    },
    pack: {
      type: 'boolean',
      description: 'The monthly alignment pack: what improved, what got worse, the leads left behind',
    },
    'time-zone': { type: 'string', description: 'IANA time zone in which calendar periods start', default: 'UTC' },
    'not-pursued-days': {
      type: 'string',
      description: 'A hand-off neither touched nor rejected within this many days counts as not pursued',
      default: String(DEFAULT_NOT_PURSUED_DAYS),
    },
  },
  needs: {},
};

export const shareSpec: CommandSpec = {
  name: 'share',
  summary:
    'Make a read-only link to the scorecard, the monthly pack and the questionnaire, for people without the admin token; list or revoke links.',
  synopsis: '[--days N] [--for sales|marketing] | --list | --revoke ID',
  options: {
    days: { type: 'string', description: 'How long the link stays open', default: String(DEFAULT_SHARE_DAYS) },
    for: {
      type: 'string',
      description: 'sales or marketing: the questionnaire answered through the link counts for that team',
    },
    list: { type: 'boolean', description: 'List the links made, open or not (never their tokens)' },
    revoke: { type: 'string', description: 'Close the link with this id at once' },
  },
  needs: {},
};

export const rulesSpec: CommandSpec = {
  name: 'rules',
  summary:
    'Rule feedback: for each qualification rule, campaign and source, how Sales treated its leads against the others, and the point changes the numbers suggest, each replayed as check --dry-run replays a file.',
  synopsis: '[--period 90d] [--minimum N] [--json]',
  options: {
    period: { type: 'string', description: `The marketing-qualified leads of: ${PERIOD_HELP}`, default: '90d' },
    minimum: {
      type: 'string',
      description: 'Handed-off leads each side needs before two rates are compared',
      default: String(DEFAULT_FEEDBACK_MINIMUM),
    },
    json: { type: 'boolean', description: 'The same as one JSON document' },
  },
  needs: {},
};

export const checkSpec: CommandSpec = {
  name: 'check',
  summary:
    'Validate a lead protocol file offline, reporting every problem with its line: Salesforce ids, territories ' +
    'no lead can reach, countries listed twice, misspelt HubSpot properties, and (with DATABASE_URL) a version ' +
    'name reused for another text. With --dry-run, show what it would change for the stored leads.',
  synopsis: '[FILE] [--dry-run]',
  options: {
    'dry-run': {
      type: 'boolean',
      description:
        'Replay each stored lead as of when it was judged, under the live protocol and under FILE; print the ' +
        'differences per rule, per territory and per SLA outcome, naming leads by e-mail',
    },
  },
  needs: {},
};
