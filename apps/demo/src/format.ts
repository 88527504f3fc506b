// Small display helpers.
export const mib = (n: number): string => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 2 : 1)} MiB`;
export const rate = (bytesPerSecond: number): string => `${(bytesPerSecond / 1048576).toFixed(1)} MiB/s`;

export function hexdump(bytes: Uint8Array, max = 256): string {
  const lines: string[] = [];
  for (let i = 0; i < Math.min(bytes.length, max); i += 16) {
    const row = Array.from(bytes.subarray(i, Math.min(i + 16, max)), (b) => b.toString(16).padStart(2, '0')).join(' ');
    lines.push(`${i.toString(16).padStart(8, '0')}  ${row}`);
  }
  return lines.join('\n');
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}
