import { Connection, OAuth2 } from 'jsforce';
import { API_VERSION, passwordConnection, tokenConnection, useSimulator } from '../../contract/salesforce/support';

/**
 * jsforce, unmodified, on the simulator's org-level resources: describe, limits, the Tooling API's
 * custom fields and platform event channels, and OAuth with the identity service.
 */

describe('Salesforce simulator with jsforce: describe, limits, tooling, OAuth', () => {
  const sim = useSimulator();
  let conn: Connection;

  beforeAll(() => {
    sim().reset();
    conn = tokenConnection(sim());
  });

  it('describes the org (describeGlobal)', async () => {
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((o) => o.name)).toEqual(expect.arrayContaining(['Lead', 'Contact', 'Organization']));
  });

  it('describes Lead with fields, child relationships and record types', async () => {
    const lead = await conn.sobject('Lead').describe();
    expect(lead.fields.find((f) => f.name === 'Email')).toMatchObject({ type: 'email' });
    expect(Array.isArray(lead.childRelationships)).toBe(true);
    expect(lead.recordTypeInfos).toEqual([expect.objectContaining({ master: true, developerName: 'Master' })]);
  });

  it('describes Account with its Contacts child relationship', async () => {
    const account = await conn.sobject('Account').describe();
    expect(account.childRelationships).toEqual(
      expect.arrayContaining([expect.objectContaining({ childSObject: 'Contact', relationshipName: 'Contacts' })]),
    );
  });

  it('reads the org limits (the documented set)', async () => {
    const limits = await conn.limits();
    for (const name of ['DailyApiRequests', 'DailyBulkV2QueryJobs', 'DataStorageMB', 'DailyStreamingApiEvents'])
      expect(limits).toHaveProperty(`${name}.Max`);
  });

  it('reads record counts (/limits/recordCount)', async () => {
    await conn.sobject('Lead').create({ LastName: 'Count', Company: 'C' });
    const counts = await conn.request<{ sObjects: { name: string; count: number }[] }>(
      '/limits/recordCount?sObjects=Lead',
    );
    expect(counts.sObjects).toEqual([{ name: 'Lead', count: expect.any(Number) }]);
  });

  it('creates and reads a custom field with the Tooling API', async () => {
    const created = await conn.tooling.sobject('CustomField').create({
      FullName: 'Lead.Conformance_Score__c',
      Metadata: { label: 'Conformance Score', type: 'Number', precision: 5, scale: 0 },
    });
    expect(created.success).toBe(true);
    const found = await conn.tooling.query<{ Id: string }>(
      "SELECT Id, DeveloperName FROM CustomField WHERE DeveloperName = 'Conformance_Score'",
    );
    expect(found.records.map((r) => r.Id)).toEqual([created.success ? created.id : '']);
  });

  it('describes the Tooling API and its CustomField object', async () => {
    const global = await conn.tooling.describeGlobal();
    expect(global.sobjects.map((o) => o.name)).toEqual(expect.arrayContaining(['CustomField', 'PlatformEventChannel']));
    const customField = await conn.tooling.sobject('CustomField').describe();
    expect(customField.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['DeveloperName', 'Metadata']));
    expect(customField.urls['describe']).toBe(`/services/data/v${API_VERSION}/tooling/sobjects/CustomField/describe`);
  });

  it('creates a platform event channel and a member with the Tooling API', async () => {
    const channel = await conn.tooling.sobject('PlatformEventChannel').create({
      FullName: 'LeadSync__chn',
      Metadata: { channelType: 'data', label: 'Lead sync' },
    });
    expect(channel.success).toBe(true);
    const member = await conn.tooling.sobject('PlatformEventChannelMember').create({
      FullName: 'LeadSync_chn_LeadChangeEvent',
      Metadata: { eventChannel: 'LeadSync__chn', selectedEntity: 'LeadChangeEvent' },
    });
    expect(member.success).toBe(true);
    const members = await conn.tooling.query('SELECT Id, EventChannel, SelectedEntity FROM PlatformEventChannelMember');
    expect(members.records).toEqual([expect.objectContaining({ SelectedEntity: 'LeadChangeEvent' })]);
  });

  it('lists the version root with the identity URL', async () => {
    const root = await conn.request<Record<string, string>>('/');
    expect(root).toMatchObject({ sobjects: expect.any(String), limits: expect.any(String) });
    expect(root['identity']).toMatch(/\/id\/00D[A-Za-z0-9]+\/005[A-Za-z0-9]+$/);
  });

  it('answers identity() on a token connection, with urls', async () => {
    const identity = await conn.identity();
    expect(identity).toMatchObject({
      organization_id: sim().credentials.orgId,
      user_id: expect.stringMatching(/^005/),
    });
    const full = await conn.request<{ urls: Record<string, string>; photos: Record<string, string> }>(identity.id);
    expect(full.urls).toMatchObject({ rest: expect.any(String), query: expect.any(String) });
    expect(full.photos).toMatchObject({ picture: expect.any(String), thumbnail: expect.any(String) });
  });

  it('logs in with the username-password flow', async () => {
    const login = await passwordConnection(sim());
    expect(login.userInfo?.organizationId).toBe(sim().credentials.orgId);
  });

  it('refreshes a session with a refresh token', async () => {
    const { clientId, clientSecret } = sim().credentials;
    const oauth2 = new OAuth2({ clientId, clientSecret, loginUrl: sim().url });
    const refreshed = await oauth2.refreshToken(sim().mintRefreshToken());
    expect(refreshed.access_token).toEqual(expect.any(String));
  });

  it('grants client credentials sent with HTTP Basic', async () => {
    const { clientId, clientSecret } = sim().credentials;
    const response = await fetch(`${sim().url}/services/oauth2/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; instance_url: string };
    const viaToken = new Connection({
      instanceUrl: body.instance_url,
      accessToken: body.access_token,
      version: API_VERSION,
    });
    expect((await viaToken.query('SELECT Id FROM User LIMIT 1')).totalSize).toBe(1);
  });

  it('answers the OpenID Connect userinfo endpoint', async () => {
    const response = await fetch(`${sim().url}/services/oauth2/userinfo`, {
      headers: { Authorization: `Bearer ${sim().mintAccessToken()}` },
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ organization_id: sim().credentials.orgId, preferred_username: expect.any(String) });
  });

  it('revokes a token, after which the session is refused', async () => {
    const token = sim().mintAccessToken();
    const { clientId, clientSecret } = sim().credentials;
    await new OAuth2({ clientId, clientSecret, loginUrl: sim().url }).revokeToken(token);
    const revoked = new Connection({ instanceUrl: sim().url, accessToken: token, version: API_VERSION });
    await expect(revoked.query('SELECT Id FROM Lead')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });
});
