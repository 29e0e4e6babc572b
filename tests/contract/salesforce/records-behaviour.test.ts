import type { Connection } from 'jsforce';
import { normalizeId, startSalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { tokenConnection, useSimulator } from './support';

describe('Salesforce simulator: system fields and platform behaviours', () => {
  let now = Date.parse('2024-05-01T09:00:00.250Z');
  const sim = useSimulator({ clock: () => now });
  let conn: Connection;

  beforeEach(() => {
    sim().reset();
    now = Date.parse('2024-05-01T09:00:00.250Z');
    conn = tokenConnection(sim());
  });

  // The same person twice (the merge test wants a duplicate): the standard duplicate rule's alert is acknowledged.
  async function lead(): Promise<string> {
    return (
      (
        await conn
          .sobject('Lead')
          .create(
            { FirstName: 'Grace', LastName: 'Hopper', Company: 'Navy', Email: 'grace@navy.test' },
            { headers: { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' } },
          )
      ).id ?? ''
    );
  }

  it('maintains ids with key prefixes and checksums, audit dates at second precision, and the last modifier', async () => {
    const id = await lead();
    expect(normalizeId(id.slice(0, 15))).toBe(id);
    now += 61_000;
    await conn.sobject('Lead').update({ Id: id, Title: 'Rear Admiral' });
    const row = await conn.sobject('Lead').retrieve(id);
    expect(row).toMatchObject({
      CreatedDate: '2024-05-01T09:00:00.000+0000',
      LastModifiedDate: '2024-05-01T09:01:01.000+0000',
      SystemModstamp: '2024-05-01T09:01:01.000+0000',
      CreatedById: sim().defaults().adminUserId,
      LastModifiedById: sim().defaults().adminUserId,
      IsDeleted: false,
    });
    const converted = sim().convertLead(id);
    const campaign = (await conn.sobject('Campaign').create({ Name: 'Spring webinar' })).id ?? '';
    const member =
      (await conn.sobject('CampaignMember').create({ CampaignId: campaign, ContactId: converted.contactId })).id ?? '';
    const task = (await conn.sobject('Task').create({ WhoId: converted.contactId, Subject: 'Call' })).id ?? '';
    const ids = [
      id,
      converted.accountId,
      converted.contactId,
      converted.opportunityId ?? '',
      campaign,
      member,
      task,
      sim().defaults().integrationUserId,
    ];
    expect(ids.map((value) => value.slice(0, 3))).toEqual(['00Q', '001', '003', '006', '701', '00v', '00T', '005']);
    expect(ids.every((value) => normalizeId(value.slice(0, 15)) === value)).toBe(true);
  });

  it('converts a lead into an account, a contact and an opportunity', async () => {
    const id = await lead();
    const result = sim().convertLead(id, {
      opportunity: { amount: 50_000, stageName: 'Qualification', name: 'Navy - Compilers' },
    });
    const converted = await conn.sobject('Lead').retrieve(id);
    expect(converted).toMatchObject({
      IsConverted: true,
      ConvertedDate: '2024-05-01',
      Status: 'Closed - Converted',
      ConvertedAccountId: result.accountId,
      ConvertedContactId: result.contactId,
      ConvertedOpportunityId: result.opportunityId,
    });
    expect(await conn.sobject('Opportunity').retrieve(result.opportunityId ?? '')).toMatchObject({
      Name: 'Navy - Compilers',
      Amount: 50_000,
      StageName: 'Qualification',
      IsClosed: false,
      IsWon: false,
      Probability: 10,
      AccountId: result.accountId,
    });
    expect(await conn.sobject('Contact').retrieve(result.contactId)).toMatchObject({
      Email: 'grace@navy.test',
      AccountId: result.accountId,
    });
    expect(await conn.sobject('Account').retrieve(result.accountId)).toMatchObject({ Name: 'Navy' });
  });

  it('derives IsClosed, IsWon and Probability from the opportunity stage', async () => {
    const { opportunityId } = sim().convertLead(await lead());
    await conn.sobject('Opportunity').update({ Id: opportunityId ?? '', StageName: 'Closed Won' });
    expect(await conn.sobject('Opportunity').retrieve(opportunityId ?? '')).toMatchObject({
      IsClosed: true,
      IsWon: true,
      Probability: 100,
      ForecastCategoryName: 'Closed',
    });
  });

  it('merges duplicates: the losers are deleted with MasterRecordId set, their tasks follow the master', async () => {
    const master = await lead();
    const duplicate = await lead();
    const task = await conn
      .sobject('Task')
      .create({ WhoId: duplicate, Subject: 'Call', Status: 'Completed', ActivityDate: '2024-04-30' });
    sim().merge(master, [duplicate]);
    const all = await conn
      .query(`SELECT Id, IsDeleted, MasterRecordId FROM Lead WHERE Id = '${duplicate}'`)
      .scanAll(true);
    expect(all.records).toEqual([expect.objectContaining({ IsDeleted: true, MasterRecordId: master })]);
    expect((await conn.query(`SELECT Id FROM Lead WHERE Id = '${duplicate}'`)).totalSize).toBe(0);
    expect((await conn.sobject('Task').retrieve(task.id ?? ''))['WhoId']).toBe(master);
  });

  it("sets a lead's LastActivityDate when a task logged against it is completed", async () => {
    const id = await lead();
    await conn
      .sobject('Task')
      .create({ WhoId: id, Subject: 'Intro call', ActivityDate: '2024-04-29', Status: 'Not Started' });
    expect((await conn.sobject('Lead').retrieve(id))['LastActivityDate']).toBeNull();
    const done = await conn
      .sobject('Task')
      .create({ WhoId: id, Subject: 'Demo', ActivityDate: '2024-04-30', Status: 'Completed' });
    expect(await conn.sobject('Task').retrieve(done.id ?? '')).toMatchObject({
      IsClosed: true,
      CompletedDateTime: '2024-05-01T09:00:00.250+0000',
    });
    expect((await conn.sobject('Lead').retrieve(id))['LastActivityDate']).toBe('2024-04-30');
  });

  it('hides a change from queries until its commit is visible (query lag)', async () => {
    const lagging = await startSalesforceSimulator({ queryLagMs: 5_000, clock: () => now });
    try {
      const laggingConn = tokenConnection(lagging);
      const { id } = await laggingConn.sobject('Lead').create({ LastName: 'Late', Company: 'Commit' });
      expect((await laggingConn.query('SELECT Id FROM Lead')).totalSize).toBe(0);
      now += 5_000;
      expect((await laggingConn.query('SELECT Id FROM Lead')).records.map((r) => r.Id)).toEqual([id]);
    } finally {
      await lagging.close();
    }
  });
});
