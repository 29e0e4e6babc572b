import type { RecordError } from './types';
import type { ObjectSchema } from '../schema/registry';
import type { Row } from '../schema/values';
import { allStateCodes, checkAddress, configuredCountries } from './address-picklists';
import { assignedOwner, autoAssignHeader, ruleToRun, type AutoAssign } from './assignment';
import { DEFAULT_ORG_RULES, EMPTY_ORG_RULES, type OrgRulesConfig } from './config';
import { duplicateError } from './duplicates';
import { ADDRESS_PREFIXES, addressCodeFields, ORG_RULE_OBJECTS, recordTypeIdField } from './objects';
import { recordTypeErrors, syncRecordTypes } from './record-types';
import type { RuleRequest, RulesOrg, Save, SyncRows } from './types';
import { validationErrors } from './validation-rules';
import { toolingSetup, VALIDATION_RULE_KEY_PREFIX, type ToolingSetup } from './tooling';

export type { OrgRulesConfig } from './config';
export { DEFAULT_ORG_RULES, EMPTY_ORG_RULES, STANDARD_DUPLICATE_RULES } from './config';
export { ORG_RULE_OBJECTS } from './objects';
export type { RuleRequest, RulesOrg } from './types';
export type { ToolingSetup } from './tooling';

/**
 * The Sforce-Auto-Assign and Sforce-Duplicate-Rule-Header headers of a request ("allowSave=true;
 * includeRecordDetails=false", every field false by default).
 * https://developer.salesforce.com/docs/platform/api-rest/guide/headers-duplicaterules.html
 */
export function ruleRequest(headers: Readonly<Record<string, string | undefined>>, version: string): RuleRequest {
  const duplicates = headers['sforce-duplicate-rule-header'] ?? '';
  return {
    autoAssign: autoAssignHeader(headers['sforce-auto-assign']),
    allowSave: /(?:^|[;\s])allowSave\s*=\s*true\b/i.test(duplicates),
    version,
  };
}

/** The org's own rules: configured once, switchable for experiments, run on every API write. */
export class OrgRules {
  private readonly initial: OrgRulesConfig;
  private config: OrgRulesConfig;
  /** Each validation rule's Tooling id, by Object.Name, kept while the simulator runs. */
  private readonly validationRuleIds = new Map<string, string>();

  constructor(given: Partial<OrgRulesConfig> | 'none' | undefined) {
    this.initial = given === 'none' ? EMPTY_ORG_RULES : { ...DEFAULT_ORG_RULES, ...given };
    this.config = this.initial;
  }

  /** Back to the rules the org started with (a reset). */
  restore(): void {
    this.config = this.initial;
  }

  current(): OrgRulesConfig {
    return this.config;
  }

  /** Changes some of the rules; the setup objects and address fields follow. */
  update(org: RulesOrg, change: Partial<OrgRulesConfig>): void {
    this.config = { ...this.config, ...change };
    this.install(org);
  }

  /** Puts the configuration into the org: setup rows, address code fields, RecordTypeId. */
  install(org: RulesOrg): void {
    for (const def of ORG_RULE_OBJECTS) org.registry.define(def);
    syncSetupRows(org, this.config);
    for (const rule of this.config.validationRules) {
      const key = `${rule.object}.${rule.name}`;
      if (!this.validationRuleIds.has(key)) this.validationRuleIds.set(key, org.ids.next(VALIDATION_RULE_KEY_PREFIX));
    }
    const countryCodes = [...configuredCountries().keys()];
    const stateCodes = allStateCodes();
    for (const [object, prefix] of Object.entries(ADDRESS_PREFIXES)) {
      const schema = org.registry.object(object);
      if (schema === undefined) continue;
      for (const field of addressCodeFields(prefix, countryCodes, stateCodes))
        toggle(schema, field.name, this.config.stateCountryPicklists ? field : undefined);
    }
    for (const object of ['Lead', 'Contact']) {
      const schema = org.registry.object(object);
      const has = this.config.recordTypes.some((type) => type.object === object);
      if (schema !== undefined) toggle(schema, 'RecordTypeId', has ? recordTypeIdField() : undefined);
    }
  }

  /** The validation rules as Tooling API setup objects (ValidationRule, EntityDefinition). */
  tooling(): ToolingSetup {
    return toolingSetup(this.config.validationRules, (key) => this.validationRuleIds.get(key) ?? key);
  }

  /**
   * The rules a REST write runs before its record is saved, in the platform's order: system checks
   * (address picklists, record types), validation rules, duplicate rules, then assignment rules,
   * which may change OwnerId in place. Any error fails the save.
   */
  onSave(org: RulesOrg, request: RuleRequest, save: Save): RecordError[] {
    const prefix = ADDRESS_PREFIXES[save.object];
    const system = [
      ...(prefix !== undefined && this.config.stateCountryPicklists
        ? checkAddress(save.record, prefix, save.changed)
        : []),
      ...recordTypeErrors(this.config.recordTypes, org, save),
    ];
    if (system.length > 0) return system;
    const scope = { record: save.record, before: save.before };
    const invalid = validationErrors(this.config.validationRules, save.object, scope);
    if (invalid.length > 0) return invalid;
    const duplicate = duplicateError(
      this.config.duplicateRules,
      save.object,
      save.record,
      save.before === undefined,
      request.allowSave,
      {
        withValue: (object, field, value) => withValue(org, object, field, value),
        accountName: (id) => {
          const name = typeof id === 'string' ? org.store.get('Account', id)?.['Name'] : undefined;
          return typeof name === 'string' ? name : null;
        },
        version: request.version,
      },
    );
    if (duplicate !== undefined) return [duplicate];
    if (save.object === 'Lead') assign(org, this.config, request.autoAssign, save);
    return [];
  }
}

/** Records whose field equals `value` case-insensitively; a Contact's Company is its Account's name. */
function withValue(org: RulesOrg, object: string, field: string, value: string): Row[] {
  if (value === '') return [];
  const rows = (target: string, name: string, wanted: string): Row[] =>
    org.store.lookup(target, name, wanted, false).flatMap((id): Row[] => {
      const row = org.store.get(target, id);
      return row === undefined ? [] : [row];
    });
  if (object === 'Account' && field === 'Company') return rows('Account', 'Name', value);
  if (object !== 'Contact' || field !== 'Company') return rows(object, field, value);
  return rows('Account', 'Name', value).flatMap((account) => rows('Contact', 'AccountId', String(account['Id'])));
}

function assign(org: RulesOrg, config: OrgRulesConfig, header: AutoAssign, save: Save): void {
  const rule = ruleToRun(config.assignmentRules, header, org.store.rows('AssignmentRule'));
  if (rule === undefined) return;
  const owner = assignedOwner(rule, { record: save.record, before: save.before }, (developerName) => {
    const queue = org.store.rows('Group').find((row) => row['DeveloperName'] === developerName);
    return typeof queue?.['Id'] === 'string' ? queue['Id'] : undefined;
  });
  if (owner !== undefined) save.record['OwnerId'] = owner;
}

function toggle(schema: ObjectSchema, name: string, field: Parameters<ObjectSchema['add']>[0] | undefined): void {
  if (field !== undefined) schema.add(field);
  else if (schema.field(name) !== undefined) schema.remove(name);
}

/** Keeps one setup row per configured rule, by name; a rule no longer configured is left inactive. */
function syncSetupRows(org: RulesOrg, config: OrgRulesConfig): void {
  syncRows(
    org,
    'AssignmentRule',
    'Name',
    config.assignmentRules.map((rule) => ({ Name: rule.name, SobjectType: 'Lead', Active: rule.active })),
    { Active: false },
  );
  syncRows(
    org,
    'DuplicateRule',
    'DeveloperName',
    config.duplicateRules.map((rule) => ({
      DeveloperName: rule.name,
      MasterLabel: rule.name.replace(/_/g, ' '),
      SobjectType: rule.object,
      IsActive: rule.active,
    })),
    { IsActive: false },
  );
  syncRecordTypes(org, config.recordTypes, syncRows);
}

const syncRows: SyncRows = (org, object, key, wanted, retired) => {
  const schema = org.registry.object(object);
  if (schema === undefined) return;
  const existing = org.store.rows(object);
  const now = Math.floor(org.now() / 1000) * 1000;
  for (const values of wanted) {
    const row = existing.find((r) => r[key] === values[key]);
    const stamp = { LastModifiedDate: now, SystemModstamp: now };
    if (row !== undefined) org.store.put(object, { ...row, ...values, ...stamp });
    else org.store.put(object, { ...values, ...stamp, Id: org.ids.next(schema.def.keyPrefix), CreatedDate: now });
  }
  for (const row of existing)
    if (!wanted.some((values) => values[key] === row[key])) org.store.put(object, { ...row, ...retired });
};
