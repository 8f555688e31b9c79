import { BlockList, isIP } from 'node:net';

/** The socket of a request served by @hono/node-server, which hands it to the app as `env.incoming`. */
type NodeEnv = { incoming?: { socket?: { remoteAddress?: string } } };

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is 127.0.0.1. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function familyOf(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** TRUSTED_PROXIES as a list of addresses and CIDR ranges; throws naming the entry that is neither. */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address, bits, extra] = entry.split('/');
    const ip = plain(address ?? '');
    const prefix = bits === undefined ? undefined : Number(bits);
    const max = isIP(ip) === 6 ? 128 : 32;
    if (!isIP(ip) || extra !== undefined || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))) {
      throw new Error(`"${entry}" is not an IP address or a CIDR range (such as 10.0.0.0/8)`);
    }
    if (prefix === undefined) list.addAddress(ip, familyOf(ip));
    else list.addSubnet(ip, prefix, familyOf(ip));
  }
  return list;
}

/**
 * The client's address: the socket's peer, or, when that peer is a proxy named in TRUSTED_PROXIES, the
 * address it reports in X-Forwarded-For. The list is read from the right (each proxy appends the peer it
 * saw), skipping trusted proxies; the first other address is the client. Anything left of it was written by
 * the client itself, and anything that is not an address ends the walk, so a caller cannot choose what is
 * recorded. Null only without a socket (a request made in-process).
 */
export function clientAddressOf(trusted: BlockList): (request: Request, env: unknown) => string | null {
  const isTrusted = (address: string) => isIP(address) !== 0 && trusted.check(address, familyOf(address));
  return (request, env) => {
    const peer = (env as NodeEnv | undefined)?.incoming?.socket?.remoteAddress;
    if (!peer) return null;
    let client = plain(peer);
    if (!isTrusted(client)) return client;
    const hops = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => plain(hop.trim()))
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (!isIP(hop)) break;
      client = hop;
      if (!isTrusted(hop)) break;
    }
    return client;
  };
}
