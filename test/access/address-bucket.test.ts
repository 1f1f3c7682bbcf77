// Address buckets: IPv4 addresses stand alone, IPv6 addresses share their /64.
import { describe, expect, it } from 'vitest';
import { addressBucket } from '../../src/access/address-bucket.js';

describe('addressBucket', () => {
  it('keeps IPv4 addresses (also IPv4-mapped IPv6 ones) apart', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('203.0.113.8')).not.toBe(addressBucket('203.0.113.7'));
  });

  it('groups IPv6 addresses by /64, whatever their spelling', () => {
    const bucket = addressBucket('2001:db8:1:2::1');
    expect(bucket).toBe('2001:db8:1:2::/64');
    for (const same of ['2001:db8:1:2:ffff:ffff:ffff:fffe', '2001:0DB8:0001:0002:0:0:0:9', '[2001:db8:1:2::abcd]', '2001:db8:1:2::1%eth0']) {
      expect(addressBucket(same)).toBe(bucket);
    }
    expect(addressBucket('2001:db8:1:3::1')).not.toBe(bucket);
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('2001:db8:0:0:1::')).toBe('2001:db8:0:0::/64');
  });
});
