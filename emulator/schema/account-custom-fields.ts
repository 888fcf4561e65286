/**
 * Account's custom fields: the health fields Pulse writes (DESIGN.md, "Custom fields written on
 * Account"), the optional usage and survey fields it reads, and one formula field.
 */
import type { FieldDescribe } from '../org/types.js';
import {
  datetimeField,
  formulaField,
  multipicklistField,
  numberField,
  picklistField,
  textareaField,
} from './field-builders.js';

export const HEALTH_STATUS_VALUES = ['Green', 'Yellow', 'Red'] as const;
export const ESCALATION_STATUS_VALUES = ['None', 'Watch', 'Escalated', 'SLA Breached', 'Critical'] as const;
export const RISK_FLAG_VALUES = [
  'Renewal At Risk',
  'Open P1',
  'SLA Breach',
  'Support Spike',
  'Declining Usage',
  'Low NPS',
  'No Recent Activity',
] as const;
export const SUPPORT_REGION_VALUES = ['AMER', 'EMEA', 'APAC'] as const;

const PULSE_WRITES = 'Written by Pulse.';

/** What Pulse writes back; nothing in the org fills these. */
export function healthFields(): FieldDescribe[] {
  return [
    numberField('double', 'Health_Score__c', 'Health Score', 3, 0, {
      inlineHelpText: `0-100. ${PULSE_WRITES}`,
    }),
    picklistField('Health_Status__c', 'Health Status', HEALTH_STATUS_VALUES, { restrictedPicklist: true }),
    numberField('double', 'Health_Score_Change__c', 'Health Score Change', 4, 0, {
      inlineHelpText: 'Change against the score about 30 days earlier.',
    }),
    picklistField('Escalation_Status__c', 'Escalation Status', ESCALATION_STATUS_VALUES, {
      restrictedPicklist: true,
    }),
    multipicklistField('Risk_Flags__c', 'Risk Flags', RISK_FLAG_VALUES, { restrictedPicklist: true }),
    textareaField('Health_Reasons__c', 'Health Reasons', 32768),
    datetimeField('Health_Updated_At__c', 'Health Updated At', { inlineHelpText: PULSE_WRITES }),
    numberField('double', 'Health_Score_Override__c', 'Health Score Override', 3, 0, {
      inlineHelpText: 'Set by the CSM; Pulse never writes it.',
    }),
  ];
}

/** Product usage and survey results, fed by other integrations; any of them may be undeployed. */
export function usageFields(): FieldDescribe[] {
  return [
    numberField('double', 'Active_Users__c', 'Active Users', 8, 0),
    numberField('double', 'Licensed_Seats__c', 'Licensed Seats', 8, 0),
    numberField('percent', 'Usage_Trend__c', 'Usage Trend', 5, 2, {
      inlineHelpText: 'Change in active users over the last 30 days.',
    }),
    numberField('double', 'NPS_Score__c', 'NPS Score', 3, 0, {
      inlineHelpText: 'Net Promoter Score, -100 to 100.',
    }),
    numberField('percent', 'CSAT_Score__c', 'CSAT Score', 5, 2),
    picklistField('Support_Region__c', 'Support Region', SUPPORT_REGION_VALUES),
  ];
}

/** Whole days since LastActivityDate, computed by the org. */
export function formulaFields(): FieldDescribe[] {
  return [
    formulaField(
      numberField('double', 'Days_Since_Last_Activity__c', 'Days Since Last Activity', 18, 0),
      'TODAY() - LastActivityDate',
    ),
  ];
}
