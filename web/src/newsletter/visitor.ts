import ipaddr from 'ipaddr.js'

/**
 * Whom a per-visitor limit counts: an IPv4 address, or the /64 an IPv6 address is in. One IPv6
 * household or server is given a whole /64 and may take any address in it, so counted by the
 * full address one visitor would be endless visitors. An IPv4 address written as IPv6
 * (`::ffff:203.0.113.7`, as a dual-stack server sees it) is that IPv4 address.
 */
export function visitorKey(address: string): string {
  if (!ipaddr.isValid(address)) return address
  const parsed = ipaddr.process(address)
  if (parsed.kind() === 'ipv4') return parsed.toString()
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4)
  return `${new ipaddr.IPv6([...network, 0, 0, 0, 0]).toString()}/64`
}
