import type { FieldDef } from './schema/field';
import { CLOSED_TASK_STATUS, RESPONDED_MEMBER_STATUS } from './schema/activity-objects';
import { OPPORTUNITY_STAGES } from './schema/sales-objects';
import type { Changes } from './validation';
import type { Row, Value } from './store';
import { formatDate } from './schema/values';

/**
 * Fields the platform computes on save: a person's Name, an opportunity's IsClosed / IsWon /
 * Probability / forecast category from its stage, a task's IsClosed, a campaign member's response.
 */
export function deriveFields(
  object: string,
  merged: Record<string, Value>,
  changes: Changes,
  before: Row | undefined,
  now: number,
): void {
  switch (object) {
    case 'Lead':
    case 'Contact':
    case 'User':
      merged['Name'] = [merged['FirstName'], merged['LastName']]
        .filter((part) => typeof part === 'string' && part !== '')
        .join(' ');
      return;
    case 'Opportunity':
      deriveOpportunity(merged, changes, before);
      return;
    case 'Task':
      merged['IsClosed'] = merged['Status'] === CLOSED_TASK_STATUS;
      if (merged['IsClosed'] === true && before?.['IsClosed'] !== true) merged['CompletedDateTime'] = now;
      return;
    case 'CampaignMember':
      merged['HasResponded'] = merged['Status'] === RESPONDED_MEMBER_STATUS;
      if (merged['HasResponded'] === true && (merged['FirstRespondedDate'] ?? null) === null)
        merged['FirstRespondedDate'] = formatDate(now);
      return;
    default:
      return;
  }
}

function deriveOpportunity(merged: Record<string, Value>, changes: Changes, before: Row | undefined): void {
  const stage = OPPORTUNITY_STAGES.find((s) => s.name === merged['StageName']);
  if (stage === undefined) return;
  merged['IsClosed'] = stage.closed;
  merged['IsWon'] = stage.won;
  const stageChanged = before === undefined || before['StageName'] !== merged['StageName'];
  if (stageChanged && !changes.has('Probability')) merged['Probability'] = stage.probability;
  if (stageChanged && !changes.has('ForecastCategoryName')) merged['ForecastCategoryName'] = stage.forecast;
}

/** Initial values of defaulted fields on create (picklist defaults, checkboxes, active flags). */
export function defaultValues(object: string, fields: readonly FieldDef[]): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const field of fields) {
    if (field.type === 'boolean') out[field.name] = field.defaultValue ?? false;
    const preset = field.picklist?.defaultValue;
    if (preset !== undefined) out[field.name] = preset;
  }
  if (object === 'User') out['IsActive'] = true;
  return out;
}
