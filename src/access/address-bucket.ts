// The rate-limit bucket of a client address. IPv4 addresses are buckets of their own; an IPv6 client
// usually holds a whole /64 (it can pick any of 2^64 addresses), so IPv6 addresses share their /64.
import { isIPv4, isIPv6 } from 'node:net';

/** The first four 16-bit groups of an IPv6 address, expanded (`2001:db8::1` → 2001:db8:0:0). */
function prefix64(address: string): string {
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 style) is two groups wide.
  const width = (groups: string[]) => groups.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const zeros = tail === undefined ? [] : Array<string>(8 - width(headGroups) - width(tailGroups)).fill('0');
  return [...headGroups, ...zeros, ...tailGroups]
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(':');
}

export function addressBucket(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1]!;
  if (isIPv4(bare)) return bare;
  if (isIPv6(bare)) return `${prefix64(bare)}::/64`;
  return bare; // not an address (no socket, a test client): one bucket per value
}
