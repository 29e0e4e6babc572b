import { rejection, useFreshOrg } from './support';

const V = 'v62.0';
const BASE = `/services/data/${V}`;

interface BatchAnswer {
  hasErrors: boolean;
  results: { statusCode: number; result: unknown }[];
}
interface GraphAnswer {
  graphs: {
    graphId: string;
    isSuccessful: boolean;
    graphResponse: { compositeResponse: { httpStatusCode: number }[] };
  }[];
}
interface TreeAnswer {
  hasErrors: boolean;
  results: { referenceId: string; id?: string; errors?: { statusCode: string }[] }[];
}

describe('Salesforce simulator: Composite Batch, Composite Graph and sObject Tree with jsforce', () => {
  const { sim, conn } = useFreshOrg();

  const leads = () => sim().records('Lead');

  it('runs batch subrequests independently, as one API call: a failure leaves the others done', async () => {
    const before = sim().calls().total;
    const answer = await conn().requestPost<BatchAnswer>('/composite/batch', {
      batchRequests: [
        { method: 'POST', url: `${V}/sobjects/Lead`, richInput: { LastName: 'Kept', Company: 'C' } },
        { method: 'POST', url: `${V}/sobjects/Lead`, richInput: { Company: 'No last name' } },
        { method: 'GET', url: `${V}/query?q=SELECT+Id+FROM+Lead` },
      ],
    });
    expect(answer.hasErrors).toBe(true);
    expect(answer.results.map((r) => r.statusCode)).toEqual([201, 400, 200]);
    expect(leads().map((l) => l['LastName'])).toEqual(['Kept']);
    expect(sim().calls().total - before).toBe(1);
  });

  it('stops at the first failure with haltOnError, answering the rest 412 BATCH_PROCESSING_HALTED', async () => {
    const answer = await conn().requestPost<BatchAnswer>('/composite/batch', {
      haltOnError: true,
      batchRequests: [
        { method: 'GET', url: `${V}/sobjects/Lead/00Q000000000000AAA` },
        { method: 'POST', url: `${V}/sobjects/Lead`, richInput: { LastName: 'Never', Company: 'C' } },
      ],
    });
    expect(answer.results.map((r) => r.statusCode)).toEqual([404, 412]);
    expect(answer.results[1]?.result).toEqual([expect.objectContaining({ errorCode: 'BATCH_PROCESSING_HALTED' })]);
    expect(leads()).toEqual([]);
  });

  it('refuses a batch of more than 25 subrequests', async () => {
    const batchRequests = Array.from({ length: 26 }, () => ({ method: 'GET', url: `${V}/limits` }));
    const failure = await rejection(conn().requestPost('/composite/batch', { batchRequests }));
    expect(failure.errorCode).toBe('INVALID_BATCH_REQUEST');
  });

  it('rolls back a failing graph alone; the other graph keeps its records', async () => {
    const answer = await conn().requestPost<GraphAnswer>('/composite/graph', {
      graphs: [
        {
          graphId: 'good',
          compositeRequest: [
            {
              method: 'POST',
              url: `${BASE}/sobjects/Lead`,
              referenceId: 'a',
              body: { LastName: 'Good', Company: 'C' },
            },
          ],
        },
        {
          graphId: 'bad',
          compositeRequest: [
            {
              method: 'POST',
              url: `${BASE}/sobjects/Lead`,
              referenceId: 'b',
              body: { LastName: 'Undone', Company: 'C' },
            },
            { method: 'POST', url: `${BASE}/sobjects/Lead`, referenceId: 'c', body: { Company: 'No last name' } },
          ],
        },
      ],
    });
    expect(answer.graphs.map((g) => [g.graphId, g.isSuccessful])).toEqual([
      ['good', true],
      ['bad', false],
    ]);
    expect(leads().map((l) => l['LastName'])).toEqual(['Good']);
  });

  it('creates a tree, linking children to their parent through the child relationship', async () => {
    const answer = await conn().requestPost<TreeAnswer>('/composite/tree/Account', {
      records: [
        {
          attributes: { type: 'Account', referenceId: 'acme' },
          Name: 'Acme',
          Contacts: {
            records: [
              { attributes: { type: 'Contact', referenceId: 'ada' }, LastName: 'Lovelace' },
              { attributes: { type: 'Contact', referenceId: 'alan' }, LastName: 'Turing' },
            ],
          },
        },
      ],
    });
    expect(answer.hasErrors).toBe(false);
    const ids = Object.fromEntries(answer.results.map((r) => [r.referenceId, r.id]));
    const contacts = sim().records('Contact');
    expect(contacts.map((c) => c['AccountId'])).toEqual([ids['acme'], ids['acme']]);
  });

  it('creates nothing when one record of the tree fails, and names it', async () => {
    const failure = await rejection(
      conn().requestPost('/composite/tree/Account', {
        records: [
          {
            attributes: { type: 'Account', referenceId: 'acme' },
            Name: 'Acme',
            Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'nameless' }, FirstName: 'No' }] },
          },
        ],
      }),
    );
    expect(failure.name).toBe('ERROR_HTTP_400');
    expect(sim().records('Account')).toEqual([]);
  });

  it('refuses a duplicate referenceId and a root of another type than the URL names', async () => {
    const duplicate = await rejection(
      conn().requestPost('/composite/tree/Account', {
        records: [
          { attributes: { type: 'Account', referenceId: 'x' }, Name: 'One' },
          { attributes: { type: 'Account', referenceId: 'x' }, Name: 'Two' },
        ],
      }),
    );
    expect(duplicate.errorCode).toBe('INVALID_INPUT');
    const wrongType = await rejection(
      conn().requestPost('/composite/tree/Account', {
        records: [{ attributes: { type: 'Lead', referenceId: 'l' }, LastName: 'L', Company: 'C' }],
      }),
    );
    expect(wrongType.errorCode).toBe('INVALID_INPUT');
  });
});
