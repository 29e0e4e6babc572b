import { failureOf, sdk, useSimulator } from './hubspot-fixtures';

const sim = useSimulator();

const emails = (count: number, prefix = 'b'): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}@example.com`);

describe('HubSpot simulator: batch endpoints through @hubspot/api-client', () => {
  it('creates 100 contacts in one call (201) and refuses 101 with 400', async () => {
    const client = sdk(sim());
    const created = await client.crm.contacts.batchApi.create({
      inputs: emails(100).map((email) => ({ properties: { email }, associations: [] })),
    });
    expect(created.results).toHaveLength(100);
    const tooMany = await failureOf(
      client.crm.contacts.batchApi.create({
        inputs: emails(101, 'c').map((email) => ({ properties: { email }, associations: [] })),
      }),
    );
    expect(tooMany.code).toBe(400);
    expect(sim().contacts()).toHaveLength(100);
  });

  it('fails a whole batch create on one bad input, unless every input carries objectWriteTraceId (then 207)', async () => {
    const client = sdk(sim());
    const inputs = [
      { properties: { email: 'ok@example.com' }, associations: [] },
      { properties: { email: 'bad@example.com', nope: 'x' }, associations: [] },
    ];
    const whole = await failureOf(client.crm.contacts.batchApi.create({ inputs }));
    expect(whole.code).toBe(400);
    expect(sim().contacts()).toHaveLength(0);
    const traced = await client.crm.contacts.batchApi.create({
      inputs: inputs.map((input, i) => ({ ...input, objectWriteTraceId: `t${i}` })),
    });
    expect(traced.results.map((r) => r.properties['email'])).toEqual(['ok@example.com']);
    expect('errors' in traced && traced.errors?.[0]?.context).toMatchObject({
      objectWriteTraceId: ['t1'],
      propertyName: ['nope'],
    });
  });

  it('reads in batch by id or email; missing ids come back as one OBJECT_NOT_FOUND error (207)', async () => {
    const { contacts: ids } = sim().seed({ contacts: emails(3).map((email) => ({ email, firstname: 'Batch' })) });
    const client = sdk(sim());
    const read = await client.crm.contacts.batchApi.read({
      inputs: [...ids, '424242'].map((id) => ({ id })),
      properties: ['firstname'],
      propertiesWithHistory: [],
    });
    expect(read.results.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect('errors' in read && read.errors?.[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { ids: ['424242'] },
    });
    const byEmail = await client.crm.contacts.batchApi.read({
      inputs: [{ id: 'b1@example.com' }],
      idProperty: 'email',
      properties: [],
      propertiesWithHistory: [],
    });
    expect(byEmail.results[0]?.id).toBe(ids[1]);
  });

  it('updates in batch: unknown ids are per-input OBJECT_NOT_FOUND errors echoing the trace id, the rest commit', async () => {
    const { contacts: ids } = sim().seed({ contacts: emails(2).map((email) => ({ email })) });
    const inputs = [...ids, '424242'].map((id, i) => ({
      id,
      properties: { jobtitle: `T${i}` },
      objectWriteTraceId: String(i),
    }));
    const updated = await sdk(sim()).crm.contacts.batchApi.update({ inputs });
    expect(updated.results.map((r) => r.objectWriteTraceId).sort()).toEqual(['0', '1']);
    expect('errors' in updated && updated.errors?.[0]?.context).toMatchObject({
      ids: ['424242'],
      objectWriteTraceId: ['2'],
    });
    expect(
      sim()
        .contacts()
        .map((c) => c.properties['jobtitle'])
        .sort(),
    ).toEqual(['T0', 'T1']);
  });

  it('upserts by email: creates what is missing (new: true) and updates what exists (new: false)', async () => {
    sim().seed({ contacts: [{ email: 'old@example.com', firstname: 'Old' }] });
    const upserted = await sdk(sim()).crm.contacts.batchApi.upsert({
      inputs: [
        { id: 'old@example.com', idProperty: 'email', properties: { firstname: 'Renewed' } },
        { id: 'new@example.com', idProperty: 'email', properties: { firstname: 'New' } },
      ],
    });
    const byEmail = Object.fromEntries(upserted.results.map((r) => [r.properties['email'], r._new]));
    expect(byEmail).toEqual({ 'old@example.com': false, 'new@example.com': true });
    expect(
      sim()
        .contacts()
        .map((c) => c.properties['firstname'])
        .sort(),
    ).toEqual(['New', 'Renewed']);
  });

  it('archives in batch (204) and the archived contacts disappear from reads', async () => {
    const { contacts: ids } = sim().seed({ contacts: emails(3).map((email) => ({ email })) });
    await sdk(sim()).crm.contacts.batchApi.archive({ inputs: ids.slice(0, 2).map((id) => ({ id })) });
    expect(
      sim()
        .contacts()
        .map((c) => c.id),
    ).toEqual([ids[2]]);
  });
});
