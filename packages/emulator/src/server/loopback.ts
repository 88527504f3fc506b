const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** A loopback IP address (127.0.0.0/8, ::1, IPv4-mapped 127.x), as a socket reports a peer. */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.test(address);
}

/**
 * A `Host` header naming this machine by a loopback name (`localhost`, `*.localhost`, 127.x, [::1]), with or
 * without a port. A web page on a DNS name rebound to 127.0.0.1 sends its own name: refused.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  const lower = name.toLowerCase();
  return lower === 'localhost' || lower.endsWith('.localhost') || isLoopback(lower);
}
