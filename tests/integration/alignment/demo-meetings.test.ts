import { alignmentPackData } from '../../../src/app/scorecard-data';
import { reportThresholds } from '../../../src/app/report';
import { JointMeetings } from '../../../src/demo/joint-meetings';
import { DEMO_START } from '../../../src/demo/demo-options';
import { renderAlignmentPack } from '../../../src/metrics/render-pack';
import { migrate } from '../../../src/store/migrate';
import { shippedProtocol } from '../../unit/cli/protocol-fixture';
import { openTestDatabase, type TestDatabase } from '../../support/databases';

const HOUR_MS = 3_600_000;

describe("the demo's joint meetings", () => {
  let t: TestDatabase;
  const protocol = shippedProtocol();

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await migrate(t.db);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('meets, follows the actions up as the clock runs, and the pack says done, late and dropped', async () => {
    const meetings = new JointMeetings(t.db, DEMO_START, protocol);
    expect(await meetings.tick(DEMO_START + HOUR_MS)).toEqual([]);
    const told: string[] = [];
    for (let hours = 2; hours <= 60; hours += 2) told.push(...(await meetings.tick(DEMO_START + hours * HOUR_MS)));
    expect(told).toEqual([
      'Marketing and Sales meet: 2 decisions, 3 actions, each with an owner and a due date',
      'Lee Chen sends Sales the webinar attendee list: that action is done, in time',
      'Dana Whitfield drops the student rule: the rule feedback will say whether it is needed',
      'The next joint meeting follows up the actions of the first (see the monthly pack)',
    ]);
    const now = DEMO_START + 60 * HOUR_MS;
    const pack = await alignmentPackData(
      t.db,
      { period: 'calendar-month', thresholds: reportThresholds(protocol) },
      now,
    );
    if (!pack.ok) throw new Error(pack.error);
    const md = renderAlignmentPack(pack.value.current, pack.value.previous, 'markdown');
    expect(md).toContain('Joint meetings in the period: 2 held of 1 agreed (monthly).');
    expect(md).toContain('| Send Sales the webinar attendee list | Lee Chen | 2026-03-02 | 2026-03-03 | done |');
    expect(md).toContain(
      '| Call back every lead left waiting a day | Marcus Oyelaran | 2026-03-02 | 2026-03-02 | late |',
    );
    expect(md).toContain('| Add a fit rule for students | Dana Whitfield | 2026-03-02 | 2026-03-05 | dropped |');
  });
});
