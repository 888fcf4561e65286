/**
 * Bearer tokens: configured as SHA-256 digests, never in clear; a presented token is hashed and
 * compared with every configured digest in constant time, so neither the comparison nor the
 * search order tells an attacker how close a guess was.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'viewer' | 'operator' | 'admin';

export interface ApiToken {
  readonly name: string;
  readonly sha256: string;
  readonly role: Role;
  readonly orgs?: readonly string[] | undefined;
}

export interface Caller {
  readonly name: string;
  readonly role: Role;
  readonly orgs?: readonly string[];
}

const RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(caller: Caller, needed: Role): boolean {
  return RANK[caller.role] >= RANK[needed];
}

export function mayUseOrg(caller: Caller, orgName: string): boolean {
  return caller.orgs === undefined || caller.orgs.includes(orgName);
}

/** The caller a bearer token belongs to, or undefined. */
export function callerFor(tokens: readonly ApiToken[], presented: string): Caller | undefined {
  const digest = createHash('sha256').update(presented).digest();
  let found: ApiToken | undefined;
  for (const token of tokens) {
    // Every digest is compared: the time taken does not depend on which one matches.
    if (timingSafeEqual(digest, Buffer.from(token.sha256, 'hex')) && !found) found = token;
  }
  return found && { name: found.name, role: found.role, ...(found.orgs ? { orgs: found.orgs } : {}) };
}
