/**
 * Posting webhooks back to the configured URLs, signed and addressed by each provider's module (see
 * `provider.ts`). Non-2xx answers and connection failures are retried with doubling delays, as the real services
 * do (scaled down to milliseconds); every attempt is logged with its status, latency, signature headers and the
 * start of the answer, so a refusal can be told apart (e.g. a 401 `signature_mismatch`).
 * @module
 */
import type { SandboxCredentials } from './credentials.js';
import type { SandboxEventLog } from './events.js';
import type { ProviderRegistry, WebhookKind } from './provider.js';
import type {
  SandboxProvider,
  SandboxWebhookTargets,
  WebhookDelivery,
  WebhookRetryOptions,
} from './types.js';

/** How much of a webhook answer's body a delivery record keeps. */
const ANSWER_CAP = 500;

/** Delivers webhooks with retries, keeps a log, and tracks what is in flight. */
export class WebhookDispatcher {
  readonly #targets: SandboxWebhookTargets;
  readonly #providers: ProviderRegistry;
  readonly #credentials: SandboxCredentials;
  readonly #events: SandboxEventLog;
  readonly #now: () => number;
  readonly #attempts: number;
  readonly #baseDelayMs: number;
  readonly #timeoutMs: number;
  readonly #pending = new Set<Promise<unknown>>();
  #stopped = false;
  /** Every delivery attempt, in order. */
  readonly log: WebhookDelivery[] = [];

  constructor(
    targets: SandboxWebhookTargets,
    providers: ProviderRegistry,
    credentials: SandboxCredentials,
    retry: WebhookRetryOptions | undefined,
    events: SandboxEventLog,
    now: () => number,
  ) {
    this.#targets = targets;
    this.#providers = providers;
    this.#credentials = credentials;
    this.#events = events;
    this.#now = now;
    this.#attempts = Math.max(1, retry?.attempts ?? 5);
    this.#baseDelayMs = retry?.baseDelayMs ?? 50;
    this.#timeoutMs = retry?.timeoutMs ?? 5000;
  }

  /** Whether `provider` has a webhook target for `kind` (any kind when omitted). */
  has(provider: SandboxProvider, kind: WebhookKind = 'message'): boolean {
    return this.#providers[provider].webhookUrl(this.#targets, kind) !== undefined;
  }

  /**
   * Posts `payload` to `provider`'s target for `kind`, retrying non-2xx answers. Resolves with the last HTTP
   * status (0 when unreachable or when the provider has no target).
   */
  post(provider: SandboxProvider, kind: WebhookKind, payload: unknown): Promise<number> {
    const module = this.#providers[provider];
    const url = module.webhookUrl(this.#targets, kind);
    if (!url || this.#stopped) return Promise.resolve(0);
    const { body, headers } = module.sign(payload, this.#credentials, this.#targets);
    return this.track(this.#deliver(provider, kind, url, body, headers));
  }

  /** Sends an earlier attempt's exact request again (one attempt, no retries): the inspector's replay. */
  replay(delivery: WebhookDelivery): Promise<WebhookDelivery> {
    return this.track(
      this.#attempt(delivery.provider, delivery.kind, delivery.url, delivery.body, delivery.headers, 1),
    );
  }

  /** Tracks a promise so `idle()` waits for it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.#pending.add(promise);
    const done = () => this.#pending.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /** Resolves when nothing is in flight (including work tracked while waiting). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Stops retrying and refuses new deliveries. */
  stop(): void {
    this.#stopped = true;
  }

  async #deliver(
    provider: SandboxProvider,
    kind: WebhookKind,
    url: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<number> {
    let status = 0;
    for (let attempt = 1; attempt <= this.#attempts && !this.#stopped; attempt++) {
      status = (await this.#attempt(provider, kind, url, body, headers, attempt)).status;
      if (status >= 200 && status < 300) return status;
      if (attempt < this.#attempts)
        await new Promise((resolve) => setTimeout(resolve, this.#baseDelayMs * 2 ** (attempt - 1)));
    }
    return status;
  }

  async #attempt(
    provider: SandboxProvider,
    kind: WebhookKind,
    url: string,
    body: string,
    headers: Record<string, string>,
    attempt: number,
  ): Promise<WebhookDelivery> {
    const at = this.#now();
    const started = performance.now();
    let status = 0;
    let answer: string | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = response.status;
      answer = (await response.text().catch(() => '')).slice(0, ANSWER_CAP);
    } catch (e) {
      error = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    }
    const delivery: WebhookDelivery = {
      id: this.log.length + 1,
      provider,
      url,
      kind,
      attempt,
      status,
      body,
      headers,
      at,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      ...(answer ? { answer } : {}),
      ...(error !== undefined ? { error } : {}),
    };
    this.log.push(delivery);
    this.#events.emit({ type: 'webhook', delivery });
    return delivery;
  }
}
