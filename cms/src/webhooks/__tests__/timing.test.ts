import { defaultWebhookTiming, retryDelay, setWebhookTiming, webhookTiming } from '../timing';

describe('webhook timing', () => {
  afterEach(() => setWebhookTiming(undefined));

  it('retries for at least 24 hours and lets a claim outlast one attempt by default', () => {
    expect(defaultWebhookTiming.retryWindowMs).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(defaultWebhookTiming.claimMs).toBeGreaterThan(defaultWebhookTiming.timeoutMs);
  });

  it('refuses a claim that could run out while a request is still waiting for its answer', () => {
    expect(() => setWebhookTiming({ timeoutMs: 5_000, claimMs: 5_000 })).toThrow(
      'claimMs (5000) must be longer than timeoutMs (5000)',
    );
    // The refused schedule is not half applied.
    expect(webhookTiming()).toEqual(defaultWebhookTiming);
    setWebhookTiming({ timeoutMs: 1_000, claimMs: 2_000 });
    expect(webhookTiming()).toMatchObject({ timeoutMs: 1_000, claimMs: 2_000 });
  });

  it('doubles the delay per attempt up to the maximum, with ±20 % jitter', () => {
    const t = { ...defaultWebhookTiming, baseDelayMs: 1_000, maxDelayMs: 5_000 };
    expect(retryDelay(1, t, () => 0.5)).toBe(1_000);
    expect(retryDelay(3, t, () => 0.5)).toBe(4_000);
    expect(retryDelay(10, t, () => 0.5)).toBe(5_000);
    expect(retryDelay(2, t, () => 0)).toBe(1_600);
    expect(retryDelay(2, t, () => 1)).toBe(2_400);
  });
});
