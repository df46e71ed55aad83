// Which local addresses a TCP port is listening on, read from /proc/net/tcp{,6} (what `ss -ltn` shows).

import { readFileSync } from 'node:fs';

const LISTEN = '0A';

function ipv4(hex: string): string {
  // /proc stores the address as a little-endian 32-bit word.
  const bytes = hex.match(/../g)?.map((b) => Number.parseInt(b, 16)) ?? [];
  return bytes.reverse().join('.');
}

function ipv6(hex: string): string {
  // Four little-endian 32-bit words.
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => (w.match(/../g) ?? []).reverse());
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += 2) groups.push(`${bytes[i]}${bytes[i + 1]}`.replace(/^0+(?=.)/, ''));
  return groups.join(':');
}

export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const [file, decode] of [
    ['/proc/net/tcp', ipv4],
    ['/proc/net/tcp6', ipv6],
  ] as const) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 on this machine
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [address, portHex] = (cols[1] ?? '').split(':');
      if (cols[3] !== LISTEN || !address || !portHex) continue;
      if (Number.parseInt(portHex, 16) === port) found.push(decode(address));
    }
  }
  return found;
}
