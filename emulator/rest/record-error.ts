/** A per-record failure as sObject Collections report it: `statusCode`, not `errorCode`. */
export interface RecordError {
  readonly statusCode: string;
  readonly message: string;
  readonly fields: readonly string[];
}

export const recordError = (
  statusCode: string,
  message: string,
  fields: readonly string[] = [],
): RecordError => ({
  statusCode,
  message,
  fields,
});
