import { ownerNames } from '../../../src/app/alerts/owner-names';
import { refreshOwnerNames } from '../../../src/app/owner-names/refresh-owner-names';
import { salesforceId } from '../../../src/shared/ids';
import { renderReport } from '../../../src/app/report';
import { migrate } from '../../../src/store/migrate';
import { createOwnerNameRepository } from '../../../src/store/owner-name-repository';
import { connectorFor, useSimulator } from '../../contract/salesforce/support';
import { openTestDatabase, type TestDatabase } from '../../support/databases';
import { NOW, THRESHOLDS } from './ledger-fixture';
import { GONE_USER, seedNamedOrg, type NamedOrg } from './named-org-fixture';

const SETTINGS = { thresholds: THRESHOLDS, timeZone: 'UTC' };

const sim = useSimulator();

describe.each(['pglite', 'postgres'] as const)('owner names and record links from the simulated org, on %s', (kind) => {
  let t: TestDatabase;
  let org: NamedOrg;
  let connector: Awaited<ReturnType<typeof connectorFor>>;
  let realNow = Date.now();

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await migrate(t.db);
    org = await seedNamedOrg(t.db, sim());
    connector = await connectorFor(sim());
  });

  afterAll(async () => {
    await connector.close();
    await t.dispose();
  });

  const refresh = () =>
    refreshOwnerNames({
      db: t.db,
      directory: connector.inspection,
      instanceUrl: () => connector.instanceUrl(),
      now: () => realNow,
    });
  const report = async (kind: 'scorecard' | 'pack', format: 'text' | 'html' | 'markdown') => {
    const request =
      kind === 'pack'
        ? ({ kind, format: format === 'markdown' ? 'markdown' : 'html', period: '2026-03' } as const)
        : ({ kind, format: format === 'markdown' ? 'html' : format, period: '2026-03' } as const);
    const rendered = await renderReport(t.db, request, SETTINGS, NOW);
    if (!rendered.ok) throw new Error(rendered.error);
    return rendered.value;
  };

  it('before any name is read, shows owners as their ids and the leads by name, without links', async () => {
    const text = await report('scorecard', 'text');
    expect(text).toContain(
      `Ada Lovelace, Analytical Engines: accepted, not pursued, owner ${org.avery} (unknown user)`,
    );
    expect(text).not.toContain('/lightning/');
  });

  it('reads the users and the queue that own leads, then nothing until an hour has passed', async () => {
    const before = sim().calls().total;
    expect(await refresh()).toEqual({ read: 3 });
    // One query for the users, one for the queue and one for its members (the inspection doctor uses).
    expect(sim().calls().total - before).toBe(3);
    const stored = await createOwnerNameRepository(t.db).all();
    expect(stored.map((o) => [o.id, o.kind, o.name])).toEqual(
      expect.arrayContaining([
        [org.avery, 'user', 'Avery Chen'],
        [org.queue, 'queue', 'Lead Queue'],
        [GONE_USER, 'user', null],
      ]),
    );
    const settled = sim().calls().total;
    expect(await refresh()).toEqual({ read: 0 });
    expect(sim().calls().total).toBe(settled);
    realNow += 3_600_001;
    expect(await refresh()).toEqual({ read: 3 });
  });

  it('shows the owners by name on the scorecard page, a deleted one as its id, and links each lead to its record', async () => {
    const html = await report('scorecard', 'html');
    expect(html).toContain(`<tr data-key="${org.avery}"><td>Avery Chen</td>`);
    expect(html).toContain(`<tr data-key="${org.queue}"><td>Lead Queue (queue)</td>`);
    expect(html).toContain(`<td class="text" data-owner="${GONE_USER}">${GONE_USER} (unknown user)</td>`);
    expect(html).toContain(
      `<a class="record" href="${sim().url}/lightning/r/Lead/${org.adaLead}/view" target="_blank" rel="noopener noreferrer" title="Open in Salesforce">Ada Lovelace</a>`,
    );
    expect(html).toContain(`href="${sim().url}/lightning/r/Contact/${org.graceContact}/view"`);
    expect(html).toContain('<td class="text">Hopper Systems</td>');
  });

  it('shows the same names and links in the monthly pack and in the text report', async () => {
    const pack = await report('pack', 'html');
    expect(pack).toContain(`<a href="${sim().url}/lightning/r/Lead/${org.adaLead}/view"`);
    expect(pack).toContain('<td class="text">Avery Chen</td>');
    const markdown = await report('pack', 'markdown');
    expect(markdown).toContain(
      `| [Grace Hopper](<${sim().url}/lightning/r/Contact/${org.graceContact}/view>) | Hopper Systems |`,
    );
    const text = await report('scorecard', 'text');
    expect(text).toContain(
      `  Ada Lovelace, Analytical Engines: accepted, not pursued, owner Avery Chen\n    ${sim().url}/lightning/r/Lead/${org.adaLead}/view`,
    );
  });

  it('gives SLA alerts the same names, a queue’s included, without asking Salesforce again', async () => {
    const name = ownerNames(connector, t.db);
    const before = sim().calls().total;
    expect(await name(salesforceId(org.queue))).toBe('Lead Queue');
    expect(await name(salesforceId(org.avery))).toBe('Avery Chen');
    expect(sim().calls().total).toBe(before);
  });
});
