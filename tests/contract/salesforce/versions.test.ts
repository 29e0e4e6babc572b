import { rejection, tokenConnection, useSimulator } from './support';

interface Version {
  label: string;
  url: string;
  version: string;
}

/** The Versions resource (REST API Developer Guide, "Versions"): GET /services/data. */
describe('Salesforce simulator: the API versions it serves', () => {
  const sim = useSimulator();

  it('lists every version from 20.0 to the configured one, oldest first, with release labels', async () => {
    const versions = await tokenConnection(sim()).request<Version[]>('/services/data');
    expect(versions).toHaveLength(62 - 20 + 1);
    expect(versions[0]).toEqual({ label: "Winter '11", url: '/services/data/v20.0', version: '20.0' });
    const byVersion = Object.fromEntries(versions.map((v) => [v.version, v.label]));
    expect(byVersion).toMatchObject({ '36.0': "Spring '16", '58.0': "Summer '23", '61.0': "Summer '24" });
    expect(versions.at(-1)).toEqual({ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' });
  });

  it('answers every listed version, and none after the newest', async () => {
    const conn = tokenConnection(sim());
    const versions = await conn.request<Version[]>('/services/data');
    for (const url of ['/services/data/v20.0', '/services/data/v40.0', '/services/data/v62.0']) {
      expect(versions.map((v) => v.url)).toContain(url);
      expect(await conn.request<Record<string, string>>(`${url}/sobjects/Lead`)).toHaveProperty('objectDescribe');
    }
    expect((await rejection(conn.request('/services/data/v63.0/sobjects/Lead'))).errorCode).toBe('NOT_FOUND');
  });
});
