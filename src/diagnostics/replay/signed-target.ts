/**
 * The only door replay should use: the stored call's HMAC is checked before anything in it is
 * believed. A record edited in Redis (another host, another path, a changed body kept under its old
 * signature) fails here, and nothing is sent.
 */
import { verifyCall } from '../call-store/call-signature.js';
import type { SignedCall } from '../call-store/stored-call.js';
import { refuse, type ReplayRefusal } from './replay-refusal.js';
import { replayTarget, type ReplayTarget } from './replay-target.js';

/**
 * @param key the configured HMAC key the store signs with (never kept in Redis)
 * @param instanceUrl the org's instance URL from its current session
 */
export function signedReplayTarget(
  signed: SignedCall,
  key: string,
  instanceUrl: string,
): ReplayTarget | ReplayRefusal {
  if (!verifyCall(signed, key)) {
    return refuse(
      'bad_signature',
      'the stored call does not match its signature: it was changed after it was recorded (or signed ' +
        'with another key), so none of it can be trusted.',
    );
  }
  return replayTarget(signed.call, instanceUrl);
}
