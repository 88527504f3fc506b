/**
 * RFC 3986 percent-encoding over UTF-8 as Alibaba Cloud RPC signatures use it: `A-Za-z0-9-_.~` stay,
 * everything else becomes `%XX` with upper-case hex (space → `%20`, `*` → `%2A`).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
