/**
 * Posting webhooks back to the configured URLs, in each provider's signing: Vonage `Authorization: Bearer`
 * HS256 JWT with `iss: "Vonage"` and `payload_hash` (https://developer.vonage.com/messages/concepts/signed-webhooks),
 * Meta and CleverTap `X-Hub-Signature-256` HMAC-SHA256 over the body with non-ASCII escaped as Meta sends it,
 * Gupshup unsigned with the subscription's extra headers. Non-2xx answers and connection failures are retried
 * with doubling delays, as the real services do (scaled down to milliseconds).
 * @module
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { SandboxCredentials } from './credentials.js';
import { metaJson } from './http.js';
import type {
  SandboxProvider,
  SandboxWebhookTargets,
  WebhookDelivery,
  WebhookRetryOptions,
} from './types.js';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** Signs a Vonage webhook body: an HS256 JWT carrying the SHA-256 hex of the exact body. */
export function signVonageWebhook(
  body: string,
  credentials: Pick<SandboxCredentials['nexmo'], 'signatureSecret' | 'apiKey' | 'applicationId'>,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = b64url(
    JSON.stringify({
      iat: nowSeconds,
      jti: randomUUID(),
      iss: 'Vonage',
      payload_hash: createHash('sha256').update(body, 'utf8').digest('hex'),
      api_key: credentials.apiKey,
      application_id: credentials.applicationId,
    }),
  );
  const signature = createHmac('sha256', credentials.signatureSecret)
    .update(`${header}.${claims}`)
    .digest('base64url');
  return `${header}.${claims}.${signature}`;
}

/** The `X-Hub-Signature-256` value of `body` under `appSecret`. */
export function signMetaWebhook(body: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body, 'utf8').digest('hex')}`;
}

/** Serialises and signs a webhook for `provider`: the exact body and headers the sandbox posts. */
export function buildWebhookRequest(
  provider: SandboxProvider,
  payload: unknown,
  credentials: SandboxCredentials,
  targets: SandboxWebhookTargets,
): { body: string; headers: Record<string, string> } {
  switch (provider) {
    case 'nexmo': {
      const body = JSON.stringify(payload);
      return {
        body,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${signVonageWebhook(body, credentials.nexmo)}`,
        },
      };
    }
    case 'gupshup': {
      const body = JSON.stringify(payload);
      return {
        body,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'waba-kit-sandbox (Gupshup callback)',
          ...targets.gupshup?.headers,
        },
      };
    }
    case 'meta':
    case 'clevertap': {
      const body = metaJson(payload);
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signMetaWebhook(body, credentials[provider].appSecret),
        },
      };
    }
  }
}

/** Delivers webhooks with retries, keeps a log, and tracks what is in flight. */
export class WebhookDispatcher {
  readonly #targets: SandboxWebhookTargets;
  readonly #credentials: SandboxCredentials;
  readonly #attempts: number;
  readonly #baseDelayMs: number;
  readonly #timeoutMs: number;
  readonly #pending = new Set<Promise<unknown>>();
  #stopped = false;
  /** Every delivery attempt, in order. */
  readonly log: WebhookDelivery[] = [];

  constructor(
    targets: SandboxWebhookTargets,
    credentials: SandboxCredentials,
    retry: WebhookRetryOptions | undefined,
  ) {
    this.#targets = targets;
    this.#credentials = credentials;
    this.#attempts = Math.max(1, retry?.attempts ?? 5);
    this.#baseDelayMs = retry?.baseDelayMs ?? 50;
    this.#timeoutMs = retry?.timeoutMs ?? 5000;
  }

  /** Whether `provider` has a webhook target. */
  has(provider: SandboxProvider): boolean {
    return this.#targets[provider] !== undefined;
  }

  /**
   * Posts `payload` to `provider`'s target, retrying non-2xx answers. Resolves with the last HTTP status (0 when
   * unreachable or when the provider has no target).
   */
  post(provider: SandboxProvider, kind: WebhookDelivery['kind'], payload: unknown): Promise<number> {
    const target = this.#targets[provider];
    if (!target || this.#stopped) return Promise.resolve(0);
    const { body, headers } = buildWebhookRequest(provider, payload, this.#credentials, this.#targets);
    return this.track(this.#deliver(provider, kind, target.url, body, headers));
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
    kind: WebhookDelivery['kind'],
    url: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<number> {
    let status = 0;
    for (let attempt = 1; attempt <= this.#attempts && !this.#stopped; attempt++) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
        status = response.status;
        await response.arrayBuffer().catch(() => undefined);
      } catch {
        status = 0;
      }
      this.log.push({ provider, url, kind, attempt, status, body });
      if (status >= 200 && status < 300) return status;
      if (attempt < this.#attempts)
        await new Promise((resolve) => setTimeout(resolve, this.#baseDelayMs * 2 ** (attempt - 1)));
    }
    return status;
  }
}
