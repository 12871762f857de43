/** Address classification shared by the risk model and the playbooks' observations. */

export type IpScope =
  | 'metadata'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared'
  | 'documentation'
  | 'unspecified'
  | 'multicast'
  | 'public';

export interface IpClass {
  scope: IpScope;
  /** The range that decided it, e.g. 10.0.0.0/8. */
  range: string;
}

function v4(ip: string): number[] | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  const nums = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return nums.every((n) => n >= 0 && n <= 255) ? nums : undefined;
}

/** Classify an IPv4 or IPv6 address; undefined when it is not an address. */
export function classifyIp(raw: string): IpClass | undefined {
  const ip = raw.trim().replace(/^\[|\]$/g, '').toLowerCase();
  const o = v4(ip);
  if (o) {
    const [a = 0, b = 0, c = 0] = o;
    if (ip === '169.254.169.254') return { scope: 'metadata', range: '169.254.169.254' };
    if (a === 127) return { scope: 'loopback', range: '127.0.0.0/8' };
    if (a === 10) return { scope: 'private', range: '10.0.0.0/8' };
    if (a === 172 && b >= 16 && b <= 31) return { scope: 'private', range: '172.16.0.0/12' };
    if (a === 192 && b === 168) return { scope: 'private', range: '192.168.0.0/16' };
    if (a === 169 && b === 254) return { scope: 'link-local', range: '169.254.0.0/16' };
    if (a === 100 && b >= 64 && b <= 127) return { scope: 'shared', range: '100.64.0.0/10' };
    if (a === 192 && b === 0 && c === 2) return { scope: 'documentation', range: '192.0.2.0/24' };
    if (a === 198 && b === 51 && c === 100) return { scope: 'documentation', range: '198.51.100.0/24' };
    if (a === 203 && b === 0 && c === 113) return { scope: 'documentation', range: '203.0.113.0/24' };
    if (a === 0) return { scope: 'unspecified', range: '0.0.0.0/8' };
    if (a >= 224 && a <= 239) return { scope: 'multicast', range: '224.0.0.0/4' };
    return { scope: 'public', range: 'outside the private and reserved ranges' };
  }
  if (!ip.includes(':') || !/^[0-9a-f:.]+$/.test(ip)) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped?.[1]) return classifyIp(mapped[1]);
  if (ip === '::1') return { scope: 'loopback', range: '::1' };
  if (ip === '::') return { scope: 'unspecified', range: '::' };
  if (ip === 'fd00:ec2::254') return { scope: 'metadata', range: 'fd00:ec2::254' };
  if (/^fe[89ab]/.test(ip)) return { scope: 'link-local', range: 'fe80::/10' };
  if (/^f[cd]/.test(ip)) return { scope: 'private', range: 'fc00::/7' };
  if (ip.startsWith('ff')) return { scope: 'multicast', range: 'ff00::/8' };
  if (ip.startsWith('2001:db8:')) return { scope: 'documentation', range: '2001:db8::/32' };
  return { scope: 'public', range: 'global unicast' };
}

/** Not internet-routable: private, loopback, link-local (incl. cloud metadata), shared, unspecified. */
export function isPrivateIp(raw: string): boolean {
  const scope = classifyIp(raw)?.scope;
  return scope !== undefined && scope !== 'public' && scope !== 'documentation' && scope !== 'multicast';
}
