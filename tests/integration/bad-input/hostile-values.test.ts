import { repositories } from '../../../src/store';
import { handedOff, hubspotContact, qualifiedContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

type Row = Readonly<Record<string, unknown>>;

/** Strings a form, an import or a careless integration puts into CRM fields. */
const SOQL_COMPANY = "Acme' OR Name != '";
const SOQL_LASTNAME = "O'Brien\\'); DELETE FROM Lead WHERE Id != '";
const UNICODE_COMPANY = '🦄 Ünïcödé 株式会社 \u200D\u0301 עברית';
const RTL_TITLE = 'Head of \u202Eevil\u202C Growth';
/** 100 kB of UTF-8 in 50,000 characters: within HubSpot's limit, far over Salesforce's field lengths. */
const HUNDRED_KB = 'é'.repeat(50_000);

function leadOf(h: Harness, contactId: string): Row | undefined {
  return h.sf.records('Lead').find((l) => l.HubSpot_Contact_Id__c === contactId);
}

describe('hostile values in contacts go through the whole pipeline without harm', () => {
  let h: Harness;
  let victimLeadId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness();
    // Records an injected match query would find: neither may be touched by anyone else's hand-off.
    [victimLeadId = ''] = h.sf.seed('Lead', [
      { LastName: 'Victim', Company: 'Victim Co', Email: 'victim@victim.io', Status: 'Working - Contacted' },
    ]);
    h.sf.seed('Account', [{ Name: 'Victim Account', Website: 'https://victim.io' }]);
    const contacts: Record<string, Record<string, string>> = {
      soql: { company: SOQL_COMPANY, lastname: SOQL_LASTNAME, jobtitle: "%' OR Title LIKE '%" },
      soqlEmail: { email: "x'OR'Email'!='@evil-soql.io" },
      soqlDomain: { email: "x@victim.io'OR'Name'!='" },
      unicode: { company: UNICODE_COMPANY, jobtitle: RTL_TITLE, lastname: 'Zalgơ̷͉̼' },
      nul: { company: 'Nul\u0000Corp', lastname: 'Nul\u0000' },
      surrogate: { company: 'Lone\uD800Surrogate' },
      hundredKb: { company: HUNDRED_KB, jobtitle: HUNDRED_KB },
      longEmail: { email: `${'a'.repeat(100_000)}@long-email.io` },
    };
    // All in one burst, with ordinary contacts, so they share webhook deliveries, jobs and batches.
    for (const [name, overrides] of Object.entries(contacts))
      ids[name] = h.hs.user.createContact(qualifiedContact(name, overrides)).id;
    for (let i = 0; i < 5; i++) ids[`plain${i}`] = h.hs.user.createContact(qualifiedContact(`plain${i}`)).id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('the contacts around them are handed off as usual', async () => {
    for (let i = 0; i < 5; i++) await eventually(() => leadOf(h, ids[`plain${i}`] ?? ''), 20_000, `plain contact ${i}`);
  });

  it('SOQL-shaped values reach Salesforce as the very text, and match nothing but themselves', async () => {
    const soql = await eventually(() => leadOf(h, ids.soql ?? ''), 20_000, 'the SOQL-shaped Lead');
    expect({ Company: soql.Company, LastName: soql.LastName, Title: soql.Title }).toEqual({
      Company: SOQL_COMPANY,
      LastName: SOQL_LASTNAME,
      Title: "%' OR Title LIKE '%",
    });
    const byEmail = await eventually(
      () => leadOf(h, ids.soqlEmail ?? ''),
      20_000,
      'the Lead with a SOQL-shaped e-mail',
    );
    expect(byEmail.Email).toBe("x'OR'Email'!='@evil-soql.io");
    // The domain is victim.io'or'name'!=' — no Account's; so a new Lead, not a Contact on the victim's Account.
    await eventually(() => leadOf(h, ids.soqlDomain ?? ''), 20_000, 'the Lead with a SOQL-shaped domain');
    expect(h.sf.records('Contact')).toHaveLength(0);
    const victim = h.sf.records('Lead').find((l) => l.Id === victimLeadId);
    expect(victim).toMatchObject({
      LastName: 'Victim',
      Company: 'Victim Co',
      Status: 'Working - Contacted',
      HubSpot_Contact_Id__c: null,
    });
  });

  it('unusual unicode arrives intact; NUL characters and lone surrogates, which no store can hold, are cleaned', async () => {
    const unicode = await eventually(() => leadOf(h, ids.unicode ?? ''), 20_000, 'the unicode Lead');
    expect({ Company: unicode.Company, Title: unicode.Title, LastName: unicode.LastName }).toEqual({
      Company: UNICODE_COMPANY,
      Title: RTL_TITLE,
      LastName: 'Zalgơ̷͉̼',
    });
    const nul = await eventually(() => leadOf(h, ids.nul ?? ''), 20_000, 'the Lead with NUL characters');
    expect({ Company: nul.Company, LastName: nul.LastName }).toEqual({ Company: 'NulCorp', LastName: 'Nul' });
    const surrogate = await eventually(() => leadOf(h, ids.surrogate ?? ''), 20_000, 'the Lead with a lone surrogate');
    expect(surrogate.Company).toBe('Lone\uFFFDSurrogate');
  });

  it('values longer than Salesforce allows are refused, not cut: Marketing, who owns them, is told which field and its limit', async () => {
    for (const name of ['hundredKb', 'longEmail']) {
      const contactId = ids[name] ?? '';
      const told = await eventually(
        () => {
          const properties = hubspotContact(h, contactId);
          return /Hand-off failed: Salesforce refused the Lead \(.*\): .*max length=/.test(
            properties?.leadpact_sales_feedback ?? '',
          )
            ? properties
            : undefined;
        },
        20_000,
        `the feedback on ${name}`,
      );
      expect(told?.leadpact_stage).toBe('mql');
      expect(leadOf(h, contactId)).toBeUndefined();
    }
    // The data is Marketing's to fix (issue 23): feedback naming the field and its limit, no dead letter to replay.
    expect(hubspotContact(h, ids.hundredKb ?? '')?.leadpact_sales_feedback).toMatch(/Company: .*max length=255/);
    expect(hubspotContact(h, ids.longEmail ?? '')?.leadpact_sales_feedback).toMatch(/Email: .*max length=80/);
    expect(await repositories(h.db).deadLetters.list({ limit: 50 })).toEqual([]);
  });

  it('once Marketing fixes the data, the same lead is handed off', async () => {
    h.hs.user.updateContact(ids.hundredKb ?? '', { company: 'Hundred Kilobyte Ltd', jobtitle: 'VP Product' });
    const lead = await eventually(() => leadOf(h, ids.hundredKb ?? ''), 20_000, 'the Lead after the fix');
    expect(lead.Company).toBe('Hundred Kilobyte Ltd');
  });

  it('hostile text Sales types into a field it owns reaches HubSpot intact', async () => {
    const { contactId, lead } = await handedOff(h, 'sales-title');
    const title = "Chief '); DROP TABLE contacts; -- 👩‍💻";
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Title: title } }]);
    await eventually(
      () => (hubspotContact(h, contactId)?.jobtitle === title ? true : undefined),
      20_000,
      'the title in HubSpot',
    );
  });
});
