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
}

export const defaultWebhookTiming: WebhookTiming = {
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  retryWindowMs: 25 * 60 * 60_000,
  timeoutMs: 10_000,
  pollMs: 1_000,
};

let timing: WebhookTiming = defaultWebhookTiming;

/** Test hook: a faster schedule. Never used outside tests. */
export function setWebhookTiming(next: Partial<WebhookTiming> | undefined): void {
  timing = { ...defaultWebhookTiming, ...next };
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
