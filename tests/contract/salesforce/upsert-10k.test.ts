import { run } from '../../../bench/salesforce-upsert';

describe('Salesforce connector at volume', () => {
  it('upserts 10,000 leads in 50 collection calls, as the simulator counts them', async () => {
    const figures = await run();
    expect(figures).toMatchObject({
      leads: 10_000,
      leadsStored: 10_000,
      createPassCollectionCalls: 50,
      createPassApiCalls: 50,
      createPassFailedRecords: 0,
      updatePassCollectionCalls: 50,
      updatePassFailedRecords: 0,
    });
  });
});
