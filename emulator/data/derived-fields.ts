/**
 * Fields Salesforce derives from others, for records the emulator makes or changes itself
 * (imports, the change endpoints): an opportunity's stage sets IsClosed, IsWon, Probability and
 * its forecast category; a case's Status sets IsClosed and ClosedDate; a task's Status, IsClosed;
 * a user's license, its UserType ('Standard').
 */
import type { StoredRecord, WireValue } from '../org/types.js';
import { FORECAST_CATEGORY_BY_NAME, OPPORTUNITY_STAGES } from '../schema/opportunity.js';
import { TASK_CLOSED_STATUSES } from '../schema/task.js';

/** The values to set on a record of `objectName` after `changed` were applied (never the changed ones). */
export function derivedValues(
  objectName: string,
  record: Readonly<StoredRecord>,
  changed: ReadonlySet<string>,
  nowWire: string,
): Record<string, WireValue> {
  const values: Record<string, WireValue> = {};
  const set = (name: string, value: WireValue): void => {
    if (!changed.has(name) && name in record) values[name] = value;
  };
  switch (objectName) {
    case 'Opportunity': {
      const stage = OPPORTUNITY_STAGES.find((candidate) => candidate.name === record['StageName']);
      if (!stage) break;
      set('IsClosed', stage.closed);
      set('IsWon', stage.won);
      if (changed.has('StageName') || record['Probability'] === null) set('Probability', stage.probability);
      set('ForecastCategoryName', stage.forecastCategoryName);
      set('ForecastCategory', FORECAST_CATEGORY_BY_NAME.get(stage.forecastCategoryName) ?? null);
      break;
    }
    case 'Case': {
      const closed = record['Status'] === 'Closed';
      set('IsClosed', closed);
      if (closed && record['ClosedDate'] === null) set('ClosedDate', nowWire);
      if (!closed) set('ClosedDate', null);
      break;
    }
    case 'Task':
      set('IsClosed', TASK_CLOSED_STATUSES.has(String(record['Status'])));
      break;
    case 'User':
      if (record['UserType'] === null) set('UserType', 'Standard');
      break;
    default:
      break;
  }
  return values;
}
