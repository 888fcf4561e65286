/**
 * Shared by the error tests: compile a query that must fail, and read a positioned message's code,
 * column and explanation.
 */
import { compileQuery, SoqlError } from '../../../../emulator/soql/index.js';

import { createOrg } from './fixture-org.js';

const org = createOrg();

export function failure(soql: string, view = org): SoqlError {
  try {
    compileQuery(soql, view, { includeDeleted: false });
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected a SoqlError for ${soql}`);
}

/** The code, the column and the explanation (last line) of a positioned message. */
export function summary(error: SoqlError): [string, number, string] {
  const column = /ERROR at Row:\d+:Column:(\d+)\n/.exec(error.message)?.[1];
  return [error.errorCode, Number(column), error.message.split('\n').pop() ?? ''];
}

export const NO_SUCH_COLUMN = (name: string, entity: string): string =>
  `No such column '${name}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append ` +
  `the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;
