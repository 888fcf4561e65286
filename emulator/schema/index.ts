/** The emulated org's metadata: which objects and fields it has, and their describe. */
export { buildOrgSchemas, fullCatalog, type OrgSchemaOptions } from './org-schemas.js';
export { describeSObject, MASTER_RECORD_TYPE, type DescribeSObjectResult } from './describe.js';
export { CORPORATE_CURRENCY, CURRENCY_RATES, KNOWN_CURRENCIES } from './currencies.js';
