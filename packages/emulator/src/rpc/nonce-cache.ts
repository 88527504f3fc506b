/** Remembers signature nonces for a time window to refuse replays. */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  /** Records the nonce; false when it was already used within the window. */
  remember(nonce: string, nowMs: number): boolean {
    this.evict(nowMs);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, nowMs);
    return true;
  }

  private evict(nowMs: number): void {
    for (const [nonce, at] of this.seen) {
      if (Math.abs(nowMs - at) <= this.ttlMs) break;
      this.seen.delete(nonce);
    }
  }
}
