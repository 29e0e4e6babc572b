import { parseDocument } from 'yaml';
import { type Protocol } from '../protocol';
import { loadProtocol } from '../config/load-protocol';
import { salesforceId, type SalesforceId } from '../shared/ids';

/** The people of an org the protocol routes to: active sales users and the lead queue. */
export interface OrgPeople {
  readonly activeUserIds: readonly SalesforceId[];
  readonly leadQueueId: SalesforceId;
}

/**
 * The protocol with its routing pointed at an org's real user and queue ids. A protocol file names
 * the users of the org it was written for; a simulated org (or a sandbox) has other ids, so the
 * demo and the tests re-point each pool, owner and the fallback queue, keeping everything else.
 */
export function protocolForOrg(protocol: Protocol, people: OrgPeople): Protocol {
  const users = people.activeUserIds;
  if (users.length === 0) throw new RangeError('the org has no active user to route leads to');
  let turn = 0;
  const next = (): string => users[turn++ % users.length] as string;
  const pools = Object.fromEntries(
    Object.entries(protocol.routing.pools).map(([name, pool]) => [
      name,
      { ...pool, members: pool.members.map(() => next()) },
    ]),
  );
  const territories = protocol.routing.territories.map((territory) =>
    territory.assign.owner === undefined ? territory : { ...territory, assign: { ...territory.assign, owner: next() } },
  );
  return {
    ...protocol,
    routing: {
      ...protocol.routing,
      pools,
      territories,
      fallback: { ...protocol.routing.fallback, queueId: salesforceId(people.leadQueueId) },
    },
  };
}

/**
 * The protocol file's text with its routing re-pointed as protocolForOrg does it, everything else
 * (comments included) kept: for a leadpact process, which reads its protocol from PROTOCOL_FILE.
 * An invalid text throws the ConfigError that `leadpact check` would report.
 */
export function protocolTextForOrg(text: string, people: OrgPeople): string {
  const loaded = loadProtocol(text, 'protocol');
  if (!loaded.ok) throw loaded.error;
  const { routing } = protocolForOrg(loaded.value, people);
  const document = parseDocument(text);
  for (const [name, pool] of Object.entries(routing.pools))
    document.setIn(['routing', 'pools', name, 'members'], [...pool.members]);
  routing.territories.forEach((territory, index) => {
    if (territory.assign.owner !== undefined)
      document.setIn(['routing', 'territories', index, 'assign', 'owner'], territory.assign.owner);
  });
  document.setIn(['routing', 'fallback', 'queueId'], routing.fallback.queueId);
  return document.toString();
}
