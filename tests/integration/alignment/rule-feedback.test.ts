import { randomUUID } from 'node:crypto';
import { projectLead } from '../../../src/app/apply-events/lead-projection';
import { ruleFeedbackReport } from '../../../src/app/rule-feedback';
import { describeProtocolDiff, newLead, type Lead } from '../../../src/protocol';
import { contactProperties } from '../../../src/protocol/field-sync';
import { qualify } from '../../../src/protocol/qualification';
import { activateProtocol } from '../../../src/service/protocol-source';
import { leadId } from '../../../src/shared/ids';
import { repositories } from '../../../src/store';
import { migrate } from '../../../src/store/migrate';
import { PROTOCOL_TEXT, shippedProtocol } from '../../unit/cli/protocol-fixture';
import { openTestDatabase, type TestDatabase } from '../../support/databases';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-04-10T12:00:00Z');
const AT = NOW - 20 * DAY_MS;
const protocol = shippedProtocol();

/** A contact judged by the shipped protocol at AT, handed off when qualified, accepted when asked. */
function judgedLead(n: number, jobtitle: string, industry: string, accepted: boolean, campaign: string): Lead {
  const base = newLead({ id: leadId(randomUUID()), at: AT, protocolVersion: protocol.version });
  const hubspot = {
    email: `buyer${n}@acme-${n}.io`,
    company: `Acme ${n}`,
    country: 'United Kingdom',
    industry,
    numberofemployees: 400,
    jobtitle,
    demo_requested_date: AT - DAY_MS,
  };
  const lead: Lead = { ...base, campaign, source: 'webinar', crm: { ...base.crm, hubspot } };
  const judged = qualify(contactProperties(lead), [], protocol.qualification, AT);
  const mql = judged.qualified ? AT : null;
  return {
    ...lead,
    stage: !judged.qualified ? 'nurturing' : accepted ? 'accepted' : 'rejected',
    qualification: {
      fit: { ...judged.fit, hits: [...judged.fit.hits] },
      readiness: { ...judged.readiness, hits: [...judged.readiness.hits] },
      qualified: judged.qualified,
      evaluatedAt: AT,
    },
    mqlAt: mql,
    handedOffAt: mql,
    acceptedAt: mql !== null && accepted ? AT + DAY_MS : null,
    rejectedAt: mql !== null && !accepted ? AT + DAY_MS : null,
  };
}

describe('rule feedback over the stored leads', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await migrate(t.db);
    await activateProtocol(t.db, { protocol, text: PROTOCOL_TEXT }, 'config/protocol.yaml');
    // Senior product people: 18 of 20 accepted. Growth managers (no senior title): 6 of 20.
    // Five senior people outside the ICP industries score 40 and do not qualify.
    const leads = [
      ...Array.from({ length: 20 }, (_, i) => judgedLead(i, 'VP Product', 'COMPUTER_SOFTWARE', i < 18, 'Spring')),
      ...Array.from({ length: 20 }, (_, i) => judgedLead(100 + i, 'Growth Manager', 'RETAIL', i < 6, 'Autumn')),
      ...Array.from({ length: 5 }, (_, i) => judgedLead(200 + i, 'Head of Sales', 'EDUCATION', false, 'Spring')),
    ];
    for (const lead of leads) {
      const saved = await repositories(t.db).leads.insert(projectLead(lead, protocol, 0, null));
      if (!saved.ok) throw new Error(saved.error.kind);
    }
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('compares the leads of each rule and campaign with the others, and proposes changes with their dry run', async () => {
    const report = await ruleFeedbackReport(t.db, { period: '30d' }, NOW);
    if (!report.ok) throw new Error(report.error);
    const { feedback, proposals } = report.value;
    expect(feedback.leads).toBe(40);
    const senior = feedback.rules.find((r) => r.key === 'fit senior-title');
    expect(senior).toMatchObject({
      fired: { leads: 20, acceptance: 0.9, wastage: 0.1 },
      others: { leads: 20, acceptance: 0.3, wastage: 0.7 },
      note: null,
    });
    expect(feedback.rules.find((r) => r.key === 'readiness demo-request')?.note).toBe(
      'too few leads: 0 without (10 needed)',
    );
    expect(feedback.campaigns.map((c) => [c.key, c.fired.acceptance])).toEqual([
      ['Autumn', 0.3],
      ['Spring', 0.9],
    ]);
    expect(proposals.map((p) => [p.rule, p.from, p.to])).toEqual([['fit senior-title', 20, 30]]);
    const replay = proposals[0]?.dryRun;
    if (replay === undefined) throw new Error('no dry run');
    expect(replay).toMatchObject({ diff: { leads: 45, qualifiedBefore: 40, qualifiedAfter: 45 } });
    expect(describeProtocolDiff(replay.diff, replay)).toContain(
      'qualified: 40 -> 45 (+5; 5 would qualify, 0 would not any more)',
    );
  });
});
