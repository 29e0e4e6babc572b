import { z } from 'zod';
import { rejection, useFreshOrg } from './support';

const compositeResponse = z.object({
  compositeResponse: z.array(
    z.object({
      body: z.unknown(),
      httpHeaders: z.record(z.string(), z.string()),
      httpStatusCode: z.number(),
      referenceId: z.string(),
    }),
  ),
});

const V = '/services/data/v62.0';

describe('Salesforce simulator: Composite with jsforce', () => {
  const { sim, conn } = useFreshOrg();

  async function composite(body: object) {
    return compositeResponse.parse(await conn().requestPost('/composite', body));
  }

  it('runs subrequests in order, resolving @{ref} references, as one API call', async () => {
    const before = sim().calls().total;
    const result = await composite({
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Acme' } },
        {
          method: 'POST',
          url: `${V}/sobjects/Contact`,
          referenceId: 'person',
          body: { LastName: 'Doe', AccountId: '@{acct.id}' },
        },
        {
          method: 'GET',
          url: `${V}/query?q=SELECT+Id,+Account.Name+FROM+Contact+WHERE+Id+=+'@{person.id}'`,
          referenceId: 'check',
        },
      ],
    });
    const [acct, person, check] = result.compositeResponse;
    expect(acct).toMatchObject({
      httpStatusCode: 201,
      referenceId: 'acct',
      httpHeaders: { Location: expect.stringMatching(/\/sobjects\/Account\/001/) },
    });
    expect(person?.httpStatusCode).toBe(201);
    expect(check?.body).toMatchObject({ totalSize: 1, records: [{ Account: { Name: 'Acme' } }] });
    expect(sim().calls().total - before).toBe(1);
  });

  it('rolls back every subrequest when allOrNone is true and one fails', async () => {
    const result = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Acme' } },
        { method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'bad', body: { FirstName: 'No last name' } },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'never', body: { Name: 'Never' } },
      ],
    });
    expect(result.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400, 400]);
    expect(result.compositeResponse[0]?.body).toEqual([
      {
        errorCode: 'PROCESSING_HALTED',
        message: 'The transaction was rolled back since another operation in the same transaction failed.',
      },
    ]);
    expect(result.compositeResponse[1]?.body).toEqual([
      {
        message: 'Required fields are missing: [LastName, Company]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['LastName', 'Company'],
      },
    ]);
    expect(sim().records('Account')).toHaveLength(0);
  });

  it('without allOrNone keeps what succeeded and halts only the subrequests that depend on a failure', async () => {
    const result = await composite({
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'bad', body: { FirstName: 'No last name' } },
        { method: 'PATCH', url: `${V}/sobjects/Lead/@{bad.id}`, referenceId: 'dependent', body: { Title: 'x' } },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'fine', body: { Name: 'Fine' } },
      ],
    });
    expect(result.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400, 201]);
    expect(result.compositeResponse[1]?.body).toEqual([expect.objectContaining({ errorCode: 'PROCESSING_HALTED' })]);
    expect(sim().records('Account')).toHaveLength(1);
  });

  it('refuses more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({
      method: 'GET',
      url: `${V}/limits`,
      referenceId: `r${i}`,
    }));
    const failure = await rejection(conn().requestPost('/composite', { compositeRequest }));
    expect(failure.errorCode).toBe('INVALID_BATCH_REQUEST');
  });
});
