/**
 * Where Pulse may send a request it makes on its own (webhooks): the address a configured URL names
 * as an IP literal, or the public addresses a configured host name resolves to. A name that
 * resolves to a loopback, private, link-local (cloud metadata) or other special-use address is
 * refused unless the configuration lists it (`network.privateHosts`), so neither a DNS change nor
 * a typo can point a webhook at the machine or the network Pulse runs in.
 */
import { isIP } from 'node:net';

import ipaddr from 'ipaddr.js';

/** `unicast` for a public address; else its range (`loopback`, `private`, `linkLocal`...). */
export function addressRange(address: string): string {
  if (!ipaddr.isValid(address)) return 'invalid';
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
  return ipaddr.process(address).range();
}

export const isPublicAddress = (address: string): boolean => addressRange(address) === 'unicast';

/** The hostname of a URL without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export const isIpLiteral = (host: string): boolean => isIP(host) !== 0;

export class AddressRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly range: string,
  ) {
    super(
      `${host} resolves to a ${range} address, which Pulse does not send to; ` +
        'list the host under network.privateHosts if it is yours',
    );
    this.name = 'AddressRefusedError';
  }
}
