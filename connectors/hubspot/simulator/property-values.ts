import type { PropertyDefinition } from './property-model';

/** One entry of HubSpot's "Property values were not valid: [...]" list. */
export interface ValueProblem {
  readonly name: string;
  /** PROPERTY_DOESNT_EXIST, INVALID_OPTION, INVALID_LONG, INVALID_DATE, ... */
  readonly error: string;
  readonly message: string;
}

export interface WriteRules {
  readonly lookup: (name: string) => PropertyDefinition | undefined;
  readonly ownerIds: ReadonlySet<string>;
  /** HubSpot itself (and the simulator's control surface) may set calculated properties. */
  readonly allowReadOnly: boolean;
}

export interface CheckedWrite {
  /** Normalised values; null clears the property. */
  readonly values: ReadonlyMap<string, string | null>;
  readonly problems: readonly ValueProblem[];
}

type Checked = { readonly value: string | null } | { readonly problem: ValueProblem };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DIGITS = /^-?\d+$/;

/** Validates a write the way HubSpot does: every problem is collected, none is fixed silently. */
export function checkWrite(properties: Readonly<Record<string, unknown>>, rules: WriteRules): CheckedWrite {
  const values = new Map<string, string | null>();
  const problems: ValueProblem[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    const checked = checkOne(name, raw, rules);
    if ('problem' in checked) problems.push(checked.problem);
    else values.set(name, checked.value);
  }
  return { values, problems };
}

function checkOne(name: string, raw: unknown, rules: WriteRules): Checked {
  const definition = rules.lookup(name);
  if (definition === undefined || definition.archived) {
    return problem(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
  }
  if (definition.readOnlyValue && !rules.allowReadOnly) {
    return problem(name, 'READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`);
  }
  if (raw === null) return { value: null };
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
    return problem(name, 'INVALID_VALUE', `${JSON.stringify(raw)} is not a valid value for ${name}`);
  }
  const text = String(raw);
  return text === '' ? { value: null } : normalise(definition, text, rules);
}

function normalise(definition: PropertyDefinition, text: string, rules: WriteRules): Checked {
  const { name } = definition;
  switch (definition.type) {
    case 'number':
      return NUMBER.test(text.trim())
        ? { value: text.trim() }
        : problem(name, 'INVALID_LONG', `${text} was not a valid long.`);
    case 'bool': {
      const lower = text.toLowerCase();
      return lower === 'true' || lower === 'false'
        ? { value: lower }
        : problem(name, 'INVALID_BOOLEAN', `${text} was not a valid boolean.`);
    }
    case 'enumeration':
      return checkOptions(definition, text, rules);
    case 'date':
      return checkDate(name, text);
    case 'datetime':
      return checkDatetime(name, text);
    case 'string':
    case 'phone_number':
      return name === 'email' && !EMAIL.test(text)
        ? problem(name, 'INVALID_EMAIL', `Email address ${text} is invalid`)
        : { value: text };
  }
}

function checkOptions(definition: PropertyDefinition, text: string, rules: WriteRules): Checked {
  const allowed =
    definition.dynamicOptions === 'owners' ? rules.ownerIds : new Set(definition.options.map((option) => option.value));
  // Checkbox (multi-select) values are ';'-separated; the others take exactly one option.
  const chosen = definition.fieldType === 'checkbox' ? text.split(';').filter((part) => part !== '') : [text];
  const bad = chosen.find((value) => !allowed.has(value));
  if (bad === undefined) return { value: chosen.join(';') };
  return problem(
    definition.name,
    'INVALID_OPTION',
    `${bad} was not one of the allowed options: [${[...allowed].join(', ')}]`,
  );
}

function checkDate(name: string, text: string): Checked {
  if (ISO_DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return { value: text };
  if (!DIGITS.test(text)) return problem(name, 'INVALID_DATE', `${text} is not a valid date`);
  const instant = new Date(Number(text));
  const iso = instant.toISOString();
  // HubSpot's own wording for a date property given a time of day.
  if (!iso.endsWith('T00:00:00.000Z'))
    return problem(name, 'INVALID_DATE', `${text} is at ${iso.slice(11, 23)} UTC, not midnight!`);
  return { value: iso.slice(0, 10) };
}

function checkDatetime(name: string, text: string): Checked {
  if (DIGITS.test(text)) return { value: new Date(Number(text)).toISOString() };
  if (ISO_DATETIME.test(text) && !Number.isNaN(Date.parse(text))) return { value: new Date(text).toISOString() };
  return problem(name, 'INVALID_DATETIME', `${text} is not a valid datetime`);
}

function problem(name: string, error: string, message: string): { readonly problem: ValueProblem } {
  return { problem: { name, error, message } };
}

/** The v3 body for a rejected write, with the legacy JSON-in-message list HubSpot still sends. */
export function propertyProblemsBody(problems: readonly ValueProblem[], portalId: number): Record<string, unknown> {
  const legacy = problems.map((p) => ({
    isValid: false,
    message: p.message,
    error: p.error,
    name: p.name,
    localizedErrorMessage: p.message,
    portalId,
  }));
  return {
    message: `Property values were not valid: ${JSON.stringify(legacy)}`,
    errors: problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })),
  };
}
