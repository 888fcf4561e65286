/**
 * Every Redis key Pulse keeps for one org: its snapshot, runs, session, budget and queue live
 * under `<prefix>org:{NAME}:`, its stored calls under `<prefix>diag:{NAME}:`, its Bottleneck
 * limiter under `b_<prefix>limiter:{NAME}`.
 */
import type { Redis } from 'ioredis';

import { deleteKeysMatching } from './delete-keys.js';

export function orgKeyPatterns(keyPrefix: string, orgName: string): string[] {
  return [
    `${keyPrefix}org:{${orgName}}:*`,
    `${keyPrefix}diag:{${orgName}}:*`,
    `b_${keyPrefix}limiter:{${orgName}}*`,
  ];
}

/** @param redis a client without a key prefix */
export async function deleteOrgKeys(redis: Redis, keyPrefix: string, orgName: string): Promise<number> {
  let deleted = 0;
  for (const pattern of orgKeyPatterns(keyPrefix, orgName))
    deleted += await deleteKeysMatching(redis, pattern);
  return deleted;
}
