/** Schemas every route shares: path parameters, paging and the one error shape. */
import { z } from 'zod';

export const OrgName = z
  .string()
  .regex(/^[\w-]{1,40}$/, { error: 'expected an org name' })
  .meta({ description: 'A configured org’s name', example: 'acme' });

export const OrgParams = z.object({ org: OrgName }).strict();

export const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(20)
  .meta({ description: 'How many entries, newest first (1-200)' });

export const LimitQuery = z.object({ limit: Limit }).strict();

/** No query parameters: an unknown one is a 400, not silently ignored. */
export const NoQuery = z.object({}).strict();

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'invalid_request' }),
      message: z.string().meta({ example: 'limit: Too big: expected number to be <=200' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Every error, whatever the status' });
