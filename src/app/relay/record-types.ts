import type { ActiveRecordType, SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { HandoffEffect, HandoffWrite, Protocol } from '../../protocol';
import type { Clock } from '../../shared/clock';
import type { SalesforceId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';

/**
 * The record type a new Lead or Contact gets, as the protocol's `salesforceOrg.recordTypes` names
 * it (by DeveloperName: the territory's, else the default), resolved to its id through one query
 * on RecordType that is kept for a while. A name the org lacks is not the lead's fault: the record
 * is created with the org's default record type, the name is logged once, and `leadpact doctor`
 * names it with its fix.
 */

/** How long the org's record types are kept before they are read again (an admin may add one). */
const KEEP_MS = 10 * 60_000;

type Choice = Protocol['salesforceOrg']['recordTypes'];

/** The DeveloperName the protocol gives a new record of this object in this territory; null: the org's default. */
export function chosenRecordType(choice: Choice, object: 'Lead' | 'Contact', territory: string): string | null {
  const forObject = object === 'Lead' ? choice.lead : choice.contact;
  return forObject?.byTerritory[territory] ?? forObject?.default ?? null;
}

export interface RecordTypeDeps {
  readonly port: Pick<SalesforcePort, 'findRecordTypes'>;
  readonly protocol: Pick<Protocol, 'salesforceOrg'>;
  readonly clock: Pick<Clock, 'now'>;
  readonly logger: Logger;
}

export class RecordTypeIds {
  private read: { readonly at: number; readonly types: readonly ActiveRecordType[] } | undefined;
  private readonly warned = new Set<string>();

  constructor(private readonly deps: RecordTypeDeps) {}

  /** The plans' new records with the RecordTypeId the protocol chose; the org is read only when one is named. */
  async apply<P extends { readonly effect: HandoffEffect; write: HandoffWrite }>(plans: readonly P[]): Promise<void> {
    const choice = this.deps.protocol.salesforceOrg.recordTypes;
    const named = plans.flatMap((plan) => {
      if (plan.write.kind !== 'upsert') return [];
      const name = chosenRecordType(choice, plan.write.object, plan.effect.routing.territory);
      return name === null ? [] : [{ plan, name }];
    });
    if (named.length === 0) return;
    const types = await this.types();
    for (const { plan, name } of named) {
      const id = this.idOf(types, plan.write.object, name);
      if (id !== undefined) plan.write = { ...plan.write, fields: { ...plan.write.fields, RecordTypeId: id } };
    }
  }

  private async types(): Promise<readonly ActiveRecordType[]> {
    const now = this.deps.clock.now();
    if (this.read === undefined || now - this.read.at >= KEEP_MS)
      this.read = { at: now, types: await this.deps.port.findRecordTypes() };
    return this.read.types;
  }

  private idOf(types: readonly ActiveRecordType[], object: 'Lead' | 'Contact', name: string): SalesforceId | undefined {
    // DeveloperName is unique per object and compared case-insensitively, as SOQL compares it.
    const found = types.find((t) => t.object === object && t.developerName.toLowerCase() === name.toLowerCase());
    if (found === undefined && !this.warned.has(`${object}.${name}`)) {
      this.warned.add(`${object}.${name}`);
      this.deps.logger.warn(
        { object, recordType: name },
        `the protocol names the ${object} record type "${name}", which is not an active record type in this org: new records get the org's default record type; run leadpact doctor`,
      );
    }
    return found?.id;
  }
}
