import { rejection, tokenConnection, useFreshOrg } from './support';

describe('Salesforce simulator: platform event channels and members in the Tooling API (jsforce)', () => {
  const { sim, conn } = useFreshOrg();

  const channels = () => conn().tooling.sobject('PlatformEventChannel');
  const members = () => conn().tooling.sobject('PlatformEventChannelMember');

  async function createChannel(fullName = 'LeadSync__chn'): Promise<string> {
    const result = await channels().create({
      FullName: fullName,
      Metadata: { channelType: 'data', label: 'Lead sync' },
    });
    if (!result.success) throw new Error('channel not created');
    return result.id;
  }

  it('creates a custom channel and a member selecting a change event, both queryable and readable', async () => {
    const channelId = await createChannel();
    const member = await members().create({
      FullName: 'LeadSync_chn_LeadChangeEvent',
      Metadata: { eventChannel: 'LeadSync__chn', selectedEntity: 'LeadChangeEvent' },
    });
    expect(member.success).toBe(true);
    const found = await conn().tooling.query(
      "SELECT Id, EventChannel, SelectedEntity FROM PlatformEventChannelMember WHERE SelectedEntity = 'LeadChangeEvent'",
    );
    expect(found.records).toEqual([expect.objectContaining({ EventChannel: 'LeadSync__chn' })]);
    const channel = await channels().retrieve(channelId);
    expect(channel).toMatchObject({ DeveloperName: 'LeadSync', ChannelType: 'data', Metadata: { label: 'Lead sync' } });
  });

  it('takes members on the standard ChangeEvents channel without creating it', async () => {
    const member = await members().create({
      FullName: 'ChangeEvents_ContactChangeEvent',
      Metadata: { eventChannel: 'ChangeEvents', selectedEntity: 'ContactChangeEvent' },
    });
    expect(member.success).toBe(true);
  });

  it('refuses a channel name without __chn, an unknown channel, an entity that is not a change event, a repeat', async () => {
    const badName = await rejection(
      channels().create({ FullName: 'Plain', Metadata: { channelType: 'data', label: 'x' } }),
    );
    expect(badName.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    const noChannel = await rejection(
      members().create({
        FullName: 'm',
        Metadata: { eventChannel: 'Missing__chn', selectedEntity: 'LeadChangeEvent' },
      }),
    );
    expect(noChannel.message).toMatch(/Missing__chn/);
    await createChannel();
    const notAnEvent = await rejection(
      members().create({ FullName: 'm', Metadata: { eventChannel: 'LeadSync__chn', selectedEntity: 'Lead' } }),
    );
    expect(notAnEvent.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    const body = { FullName: 'm', Metadata: { eventChannel: 'LeadSync__chn', selectedEntity: 'LeadChangeEvent' } };
    await members().create(body);
    expect((await rejection(members().create(body))).errorCode).toBe('DUPLICATE_VALUE');
  });

  it('deletes a member, then its channel; a channel with members is kept', async () => {
    const channelId = await createChannel();
    const member = await members().create({
      FullName: 'm',
      Metadata: { eventChannel: 'LeadSync__chn', selectedEntity: 'LeadChangeEvent' },
    });
    if (!member.success) throw new Error('member not created');
    expect((await rejection(channels().destroy(channelId))).errorCode).toBe('DELETE_FAILED');
    await members().destroy(member.id);
    await channels().destroy(channelId);
    expect((await conn().tooling.query('SELECT Id FROM PlatformEventChannel')).totalSize).toBe(0);
  });

  // DeveloperName: a letter first, letters, digits and single underscores, no trailing one, unique in the org.
  // https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_platformeventchannel.htm
  it('refuses a channel or member name Salesforce refuses, and a name already taken', async () => {
    for (const fullName of ['Lead__Sync__chn', 'LeadSync___chn', '9Lead__chn', 'Lead Sync__chn'])
      expect((await rejection(createChannel(fullName))).errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    await createChannel();
    expect((await rejection(createChannel())).errorCode).toBe('DUPLICATE_DEVELOPER_NAME');
    const member = (FullName: string, selectedEntity: string) =>
      members().create({ FullName, Metadata: { eventChannel: 'LeadSync__chn', selectedEntity } });
    expect((await rejection(member('LeadSync__chn_Lead', 'LeadChangeEvent'))).errorCode).toBe(
      'FIELD_INTEGRITY_EXCEPTION',
    );
    await member('LeadSync_chn_LeadChangeEvent', 'LeadChangeEvent');
    expect((await rejection(member('LeadSync_chn_LeadChangeEvent', 'ContactChangeEvent'))).errorCode).toBe(
      'DUPLICATE_DEVELOPER_NAME',
    );
  });

  // Special Access Rules: create and delete take Customize Application; query and retrieve, View Setup and Configuration.
  it('refuses a user without Customize Application or View Setup', async () => {
    const rep =
      sim()
        .defaults()
        .userIds.find((id) => id !== sim().defaults().integrationUserId) ?? '';
    const repConn = tokenConnection(sim(), rep);
    const refused = await rejection(
      repConn.tooling
        .sobject('PlatformEventChannel')
        .create({ FullName: 'Mine__chn', Metadata: { channelType: 'data', label: 'mine' } }),
    );
    expect(refused.errorCode).toBe('INSUFFICIENT_ACCESS');
    expect(refused.message).toMatch(/Customize Application/);
    expect((await rejection(repConn.tooling.query('SELECT Id FROM PlatformEventChannel'))).message).toMatch(
      /View Setup and Configuration/,
    );
  });

  it('describes the channel objects through the Tooling API', async () => {
    const member = await members().describe();
    expect(member.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['EventChannel', 'SelectedEntity']));
    const info = await conn().tooling.request<{ objectDescribe: { name: string } }>(
      '/tooling/sobjects/PlatformEventChannel',
    );
    expect(info.objectDescribe.name).toBe('PlatformEventChannel');
  });

  it('forgets channels on reset', async () => {
    await createChannel();
    sim().reset();
    const fresh = await conn().tooling.query('SELECT Id FROM PlatformEventChannel');
    expect(fresh.totalSize).toBe(0);
  });
});
