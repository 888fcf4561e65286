/** The seeded data of an emulated org, and the currency table its amounts use. */
export { generateOrg, type GenerateOrgOptions } from './generate-org.js';
export { CORPORATE_CURRENCY, CURRENCY_RATES } from '../schema/currencies.js';
