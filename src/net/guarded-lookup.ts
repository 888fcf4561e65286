/**
 * A DNS lookup for outgoing connections that refuses non-public addresses, applied by the socket
 * itself: the address checked is the address connected to (no window for a DNS answer to change
 * between a check and the connection).
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';

import { AddressRefusedError, addressRange } from './address-policy.js';

/** @param privateHosts lowercased host names allowed to resolve to private or loopback addresses */
export function guardedLookup(privateHosts: ReadonlySet<string>): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const refused = privateHosts.has(hostname.toLowerCase())
        ? undefined
        : addresses.find((entry) => addressRange(entry.address) !== 'unicast');
      if (refused) {
        callback(
          Object.assign(new AddressRefusedError(hostname, addressRange(refused.address)), {
            code: 'EADDRREFUSED',
          }),
          '',
          0,
        );
        return;
      }
      if (options.all) {
        (callback as unknown as (e: null, all: dns.LookupAddress[]) => void)(null, addresses);
        return;
      }
      const [first] = addresses;
      if (!first)
        callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      else callback(null, first.address, first.family);
    });
  };
}
