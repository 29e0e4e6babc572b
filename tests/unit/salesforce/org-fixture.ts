import { AccessModel } from '../../../connectors/salesforce/simulator/access/access-model';
import { insertRecord } from '../../../connectors/salesforce/simulator/dml';
import { IdFactory } from '../../../connectors/salesforce/simulator/schema/ids';
import type { Actor } from '../../../connectors/salesforce/simulator/org';
import { restCatalog } from '../../../connectors/salesforce/simulator/rest-catalog';
import { SchemaRegistry } from '../../../connectors/salesforce/simulator/schema/registry';
import { seedDefaults } from '../../../connectors/salesforce/simulator/seed';
import { RecordStore, type Value } from '../../../connectors/salesforce/simulator/store';
import { executeSoql, type SoqlResult } from '../../../connectors/salesforce/simulator/soql/evaluator';

export const FIXED_NOW = Date.parse('2024-03-15T12:00:00Z');

/** An in-memory org with the default users, a settable clock, and helpers to insert and query. */
export function makeOrg(start = FIXED_NOW) {
  let now = start;
  const ids = new IdFactory();
  const registry = new SchemaRegistry();
  const clock = () => now;
  const store = new RecordStore(clock);
  const permissions = new AccessModel(store, 'enforced');
  const base = { orgId: '00D5g000001LPctEAG', registry, store, ids, now: clock, permissions };
  const { integrationUserId: userId } = seedDefaults(base, 'integration@leadpact.sim');
  const actor: Actor = { ...base, userId };
  return {
    actor,
    setNow: (ms: number) => {
      now = ms;
    },
    insert(object: string, fields: Record<string, Value>): string {
      const outcome = insertRecord(actor, object, new Map(Object.entries(fields)));
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      return outcome.id;
    },
    query(text: string, includeDeleted = false): SoqlResult {
      return executeSoql(restCatalog(actor), text, {
        includeDeleted,
        urlFor: (object, id) => `/services/data/v62.0/sobjects/${object}/${id}`,
      });
    },
  };
}
