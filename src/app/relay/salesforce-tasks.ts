import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import { salesforceTaskEffectSchema } from '../../protocol';
import type { SalesforceId } from '../../shared/ids';
import type { OutboxRow } from '../../store';
import { writeOutcome, type RowOutcome } from './outbox-relay';

const USER_PREFIX = '005';

/**
 * Creates the Tasks the protocol asks for (escalations, dormancy notices). A task for the owner's
 * manager goes to the User's ManagerId, or to the owner when there is none (a queue has none).
 */
export async function sendTasks(
  port: SalesforcePort,
  rows: readonly OutboxRow[],
  outcomes: Map<string, RowOutcome>,
): Promise<void> {
  const tasks = rows.flatMap((row) => {
    const parsed = salesforceTaskEffectSchema.safeParse(row.payload);
    if (parsed.success) return [{ row, effect: parsed.data }];
    outcomes.set(row.id, {
      kind: 'dead',
      code: 'JOB_DATA_INVALID',
      message: 'outbox row is not a salesforce.task effect',
    });
    return [];
  });
  if (tasks.length === 0) return;
  const managerOf = await managers(
    port,
    tasks.flatMap(({ effect }) =>
      effect.recipient === 'owner_manager' && effect.ownerId !== null ? [effect.ownerId] : [],
    ),
  );
  const records = tasks.map(({ effect }) => {
    const assignee =
      effect.recipient === 'owner_manager' && effect.ownerId !== null
        ? (managerOf.get(effect.ownerId) ?? effect.ownerId)
        : effect.ownerId;
    const fields: Record<string, string | null> = {
      Subject: effect.subject.slice(0, 255),
      Description: effect.description.slice(0, 32_000),
      WhoId: effect.whoId,
      Status: 'Not Started',
      Priority: effect.reason === 'sla_escalation' ? 'High' : 'Normal',
    };
    if (assignee !== null && assignee.startsWith(USER_PREFIX)) fields.OwnerId = assignee;
    return { fields };
  });
  const results = await port.create('Task', records);
  tasks.forEach(({ row }, i) => outcomes.set(row.id, writeOutcome(results[i])));
}

async function managers(
  port: SalesforcePort,
  ownerIds: readonly SalesforceId[],
): Promise<Map<SalesforceId, SalesforceId>> {
  const users = [...new Set(ownerIds.filter((id) => id.startsWith(USER_PREFIX)))];
  if (users.length === 0) return new Map();
  const records = await port.retrieve('User', users, ['ManagerId']);
  return new Map(
    records.flatMap((record) =>
      typeof record.fields.ManagerId === 'string'
        ? [[record.id, record.fields.ManagerId as SalesforceId] as const]
        : [],
    ),
  );
}
