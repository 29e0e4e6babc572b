import { CONNECTOR_OBJECTS } from '../../../connectors/salesforce/provision-access';
import type { SalesforceInspection } from '../../../connectors/salesforce/org-inspection';
import type { Protocol } from '../../protocol';
import { ok, type Finding } from './finding';

const SF = 'Salesforce' as const;

/**
 * What the org's own rules will do to leadpact's writes, and what leadpact does about each: the
 * facts an admin needs before the first lead, none of them a problem in itself.
 */
export async function checkOrgRules(protocol: Protocol, org: SalesforceInspection): Promise<Finding[]> {
  const rules = await org.orgRules();
  const { owner, onDuplicate } = protocol.salesforceOrg;
  const findings: Finding[] = [];
  if (rules.assignmentRules === null)
    findings.push({
      crm: SF,
      severity: 'warning',
      message: 'Could not read the lead assignment rules (the integration user may not read AssignmentRule).',
      fix: 'Check Setup → Lead Assignment Rules yourself; leadpact sends Sforce-Auto-Assign: FALSE either way.',
    });
  else if (rules.assignmentRules.length > 0)
    findings.push(
      ok(
        SF,
        owner === 'routing'
          ? `Assignment rule "${rules.assignmentRules.join('", "')}" is active; leadpact's routing chooses the owner and its writes say Sforce-Auto-Assign: FALSE, so the rule does not replace it.`
          : `Assignment rule "${rules.assignmentRules.join('", "')}" is active and the protocol lets it choose the owner (salesforceOrg.owner: assignment_rules); leadpact reads the owner back for the SLA clock.`,
      ),
    );
  else if (owner === 'assignment_rules')
    findings.push({
      crm: SF,
      severity: 'error',
      message:
        "The protocol leaves the owner to the org's assignment rules (salesforceOrg.owner: assignment_rules), but no lead assignment rule is active: new Leads would stay with the integration user.",
      fix: 'Activate a rule in Setup → Lead Assignment Rules, or set salesforceOrg.owner to routing.',
    });
  if (rules.duplicateRules !== null && rules.duplicateRules.length > 0) {
    const policy = {
      link: 'links the hand-off to the record the rule found',
      allow_save: 'saves the new record anyway (allowSave)',
      hold: "holds the lead for Marketing's merge review",
    }[onDuplicate];
    findings.push(
      ok(
        SF,
        `Duplicate rules active (${rules.duplicateRules.join(', ')}); on a match leadpact ${policy} (salesforceOrg.onDuplicate: ${onDuplicate}).`,
      ),
    );
  }
  findings.push(
    ok(
      SF,
      rules.countryPicklists
        ? 'State and country picklists are on: leadpact writes CountryCode and StateCode as ISO codes; a value it cannot map goes back to Marketing to fix.'
        : 'State and country picklists are off: leadpact writes Country and State as HubSpot holds them.',
    ),
  );
  return findings;
}

/** The objects leadpact creates or edits: their validation rules can refuse its writes. */
export const WRITTEN_OBJECTS: readonly string[] = CONNECTOR_OBJECTS.filter((o) => o.create || o.edit).map(
  (o) => o.object,
);

/** What becomes of a write a validation rule refuses, per object. */
function outcomeOf(object: string): string {
  if (object === 'Lead' || object === 'Contact')
    return "when it refuses a hand-off or an update, leadpact sends the lead back to Marketing with this message as fix-data feedback (HubSpot's leadpact_sales_feedback) and starts Marketing's fix-data clock; nothing is retried";
  if (object === 'Campaign')
    return "when it refuses leadpact's metrics, that campaign's numbers are not written and the metrics run's log names it with this message; the next run tries again";
  return 'when it refuses a write, the write is a dead letter with this message (`leadpact dlq`); fix the data or the rule, then `leadpact replay`';
}

/**
 * The org's active validation rules on the objects leadpact writes, each with the admin's message
 * and what leadpact does when it refuses a write: facts for the admin, not problems.
 */
export async function checkValidationRules(org: SalesforceInspection): Promise<Finding[]> {
  const rules = await org.validationRules(WRITTEN_OBJECTS);
  if (rules === null)
    return [
      {
        crm: SF,
        severity: 'warning',
        message:
          "Could not read the org's validation rules (the Tooling API's ValidationRule needs the integration user's View Setup and Configuration permission).",
        fix: `Look them up in Setup → Object Manager → ${WRITTEN_OBJECTS.join(', ')} → Validation Rules; a Lead or Contact write one refuses still reaches Marketing as fix-data feedback.`,
      },
    ];
  if (rules.length === 0)
    return [ok(SF, `Validation rules: none active on ${WRITTEN_OBJECTS.join(', ')}, the objects leadpact writes.`)];
  return rules.map((rule) =>
    ok(
      SF,
      `Validation rule "${rule.name}" on ${rule.object} is active: "${rule.message}"${rule.field === null ? '' : ` (at ${rule.field})`}; ${outcomeOf(rule.object)}.`,
    ),
  );
}

/**
 * Each record type the protocol names (salesforceOrg.recordTypes) is an active record type of its
 * object. A missing one does not stop leads: their records get the org's default record type.
 */
export async function checkRecordTypes(protocol: Protocol, org: SalesforceInspection): Promise<Finding[]> {
  const named = (['lead', 'contact'] as const).flatMap((key) => {
    const choice = protocol.salesforceOrg.recordTypes[key];
    const object = key === 'lead' ? 'Lead' : 'Contact';
    const path = `salesforceOrg.recordTypes.${key}`;
    return [
      ...(choice?.default === undefined ? [] : [{ object, name: choice.default, path: `${path}.default` }]),
      ...Object.entries(choice?.byTerritory ?? {}).map(([territory, name]) => ({
        object,
        name,
        path: `${path}.byTerritory.${territory}`,
      })),
    ];
  });
  if (named.length === 0) return [];
  const types = await org.recordTypes();
  if (types === null)
    return [
      {
        crm: SF,
        severity: 'warning',
        message: 'Could not read the record types (the integration user may not read RecordType).',
        fix: `Check in Setup → Object Manager → Lead / Contact → Record Types that ${[...new Set(named.map((n) => n.name))].join(', ')} exist and are active.`,
      },
    ];
  const findings = named.flatMap(({ object, name, path }): Finding[] => {
    const found = types.find((t) => t.object === object && t.developerName.toLowerCase() === name.toLowerCase());
    if (found?.active === true) return [];
    return [
      {
        crm: SF,
        severity: 'warning',
        message:
          found === undefined
            ? `${path}: the org has no ${object} record type "${name}", so those ${object}s are created with the org's default record type.`
            : `${path}: the ${object} record type "${found.name}" (${name}) is inactive, so those ${object}s are created with the org's default record type.`,
        fix:
          found === undefined
            ? `Put the Record Type Name (DeveloperName) of an existing ${object} record type in the protocol file (Setup → Object Manager → ${object} → Record Types${
                types.some((t) => t.object === object)
                  ? `: ${types
                      .filter((t) => t.object === object && t.active)
                      .map((t) => t.developerName)
                      .join(', ')}`
                  : ''
              }), or create it there.`
            : `Activate "${found.name}" in Setup → Object Manager → ${object} → Record Types, or name another record type in the protocol file.`,
      },
    ];
  });
  if (findings.length > 0) return findings;
  return [
    ok(
      SF,
      `Record types: ${[...new Set(named.map((n) => `${n.object} ${n.name}`))].join(', ')} exist and are active; new records get the one the protocol names for their territory.`,
    ),
  ];
}
