/**
 * Errors the emulator answers with, in Salesforce's two wire formats: REST errors are an array of
 * `{message, errorCode, fields?}`; OAuth errors are `{error, error_description}`, always HTTP 400
 * in the reference captures.
 */

export class RestApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: readonly string[],
  ) {
    super(message);
  }

  toBody(): { message: string; errorCode: string; fields?: readonly string[] }[] {
    return [
      { message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) },
    ];
  }
}

export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export const notFound = (): RestApiError =>
  new RestApiError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const invalidSession = (): RestApiError =>
  new RestApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

export const malformedId = (objectName: string, id: string): RestApiError =>
  new RestApiError(400, 'MALFORMED_ID', `${objectName} ID: id value of incorrect type: ${id}`, ['Id']);

export const jsonParserError = (message: string): RestApiError =>
  new RestApiError(400, 'JSON_PARSER_ERROR', message);
