// Security headers of the pages and their API.
//
// Pages: a strict Content-Security-Policy — scripts, styles and API calls from this origin only, no inline code,
// no plugins, no forms posting elsewhere — that lets only Teams frame them (frame-ancestors; Microsoft's tab
// requirements name teams.microsoft.com, *.teams.microsoft.com and, after the move to cloud.microsoft,
// *.cloud.microsoft). The API: JSON that nothing may frame or cache.

import type { ServerResponse } from 'node:http';

export function pageCsp(frameAncestors: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

export function securityHeaders(res: ServerResponse, o: { json: true } | { json: false; frameAncestors: readonly string[] }): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  if (o.json) {
    res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('cache-control', 'no-store');
  } else {
    res.setHeader('content-security-policy', pageCsp(o.frameAncestors));
  }
}
