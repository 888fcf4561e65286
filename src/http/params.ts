/** Path and query schemas shared by routes (strict: an unknown query parameter is a 400). */
import { z } from 'zod';

import { HttpError } from './http-error.js';
import type { HttpDeps, OrgAccess } from './http-deps.js';

export const OrgParams = z.object({
  org: z.string().regex(/^[\w-]{1,40}$/, { error: 'expected an org name' }),
});

export const Limit = z.coerce.number().int().min(1).max(200).default(20);

/** The configured org a path names, or 404. */
export function orgOf(deps: HttpDeps, params: unknown): { name: string; access: OrgAccess } {
  const { org } = OrgParams.parse(params);
  const access = deps.orgs.get(org);
  if (!access) throw new HttpError(404, 'not_found', `no org named "${org}" is configured`);
  return { name: org, access };
}
