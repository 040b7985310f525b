/** Retry schedule of webhook deliveries. */
export interface WebhookTiming {
  /** First retry after this; each further retry doubles it (±20 % jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a delivery is retried before it is abandoned and its endpoint disabled (≥ 24 h). */
  retryWindowMs: number;
  /** Per attempt. */
  timeoutMs: number;
  /** How often the worker looks for due deliveries when nobody wakes it. */
  pollMs: number;
  /**
   * How long a node's claim on a delivery holds. A crashed node's deliveries are sent by another
   * node this long after its last claim; must be longer than `timeoutMs`, since the claim is
   * renewed right before each request and must outlast it.
   */
  claimMs: number;
}

export const defaultWebhookTiming: WebhookTiming = {
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  retryWindowMs: 25 * 60 * 60_000,
  timeoutMs: 10_000,
  pollMs: 1_000,
  claimMs: 60_000,
};

let timing: WebhookTiming = defaultWebhookTiming;

/** Test hook: a faster schedule. Never used outside tests. */
export function setWebhookTiming(next: Partial<WebhookTiming> | undefined): void {
  const merged = { ...defaultWebhookTiming, ...next };
  if (merged.claimMs <= merged.timeoutMs)
    throw new RangeError(
      `claimMs (${merged.claimMs}) must be longer than timeoutMs (${merged.timeoutMs})`,
    );
  timing = merged;
}

export function webhookTiming(): WebhookTiming {
  return timing;
}

/** Delay before attempt `attempt + 1`. */
export function retryDelay(
  attempt: number,
  t: WebhookTiming = timing,
  random: () => number = Math.random,
): number {
  const base = Math.min(t.maxDelayMs, t.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
