/**
 * `createWebhookHandler`: a Fetch-standard `(req: Request) => Promise<Response>` webhook endpoint for Hono, Bun,
 * Deno, Next.js route handlers and Workers (and Node through `waba-kit/node`).
 * @module
 */
import {
  ConfigError,
  isWebhookVerificationError,
  isWhatsAppError,
  WebhookParseError,
} from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { PROVIDERS, type ProviderId } from '../core/provider.js';
import type { WebhookEvent } from '../core/webhook-event.js';
import { secretsEqual } from './crypto.js';
import { createMemoryDedupeStore, type WebhookDedupeStore, webhookEventKey } from './dedupe.js';
import { parseWebhookStrict } from './parse.js';
import { verifyAndParse } from './parse-request.js';
import { BodyTooLargeError, normalizeDelivery } from './request.js';
import { assertSecretsUsable, SECRET_NAMES } from './secrets.js';
import type { WebhookSecrets } from './types.js';
import { hasSecretFor } from './verify.js';

/** Typed handlers, one per event kind. They may be async; they run in payload order. */
export type WebhookEventHandlers = {
  [K in WebhookEvent['kind']]?: (event: Extract<WebhookEvent, { kind: K }>) => unknown;
};

/** Options of {@link createWebhookHandler}. */
export interface CreateWebhookHandlerOptions extends WebhookSecrets {
  /** The provider posting to this endpoint; it selects verification and is reported in events. */
  provider: ProviderId;
  /** Meta/CleverTap: the verify token answered on the GET `hub.challenge` handshake. */
  verifyToken?: string | undefined;
  /** Handlers per event kind. */
  on?: WebhookEventHandlers | undefined;
  /** Called for events whose kind has no handler in `on`. */
  onUnhandled?: ((event: WebhookEvent) => unknown) | undefined;
  /**
   * Called when a handler throws or the dedupe store fails (with the event), or when a delivery is refused
   * (without). An `onError` that throws is ignored.
   */
  onError?: ((error: unknown, event?: WebhookEvent) => unknown) | undefined;
  /**
   * Duplicate detection: `false` turns it off; otherwise a store (default: in memory, 10 000 keys) and a TTL
   * (default 24 h).
   */
  dedupe?: false | { store?: WebhookDedupeStore | undefined; ttlMs?: number | undefined } | undefined;
  /** Largest accepted body in bytes; larger deliveries get 413. Default 3 MiB. */
  maxBodyBytes?: number | undefined;
  /**
   * Most events one delivery may hold (messages, statuses, errors and other updates of every change). A larger
   * delivery is refused as a whole with 503, so the provider retries it, and `onError` gets a
   * `WebhookParseError` saying how many it held; no handler runs for any of its events. Default 10 000 (Meta
   * batches at most 1 000 updates per POST).
   */
  maxEvents?: number | undefined;
  /**
   * Keeps the runtime alive for work finished after the response (Workers `ctx.waitUntil`, Vercel
   * `waitUntil`). When given, the handler answers 200 at once and the handlers run after the response.
   */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
  /**
   * Where the handler's one warning goes: created without the secret its provider is verified with (and
   * without `verify: false`), it warns once that deliveries will be parsed unverified. Default `console`.
   */
  logger?: Logger | undefined;
}

/** 3 MiB: Meta batches up to 1 000 updates per POST. */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Meta batches up to 1 000 updates per POST; ten times that is refused as a whole. */
const DEFAULT_MAX_EVENTS = 10_000;
/** 24 h, Vonage's retry horizon. */
export const DEFAULT_DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;

const empty = (status: number, headers?: Record<string, string>): Response =>
  new Response(null, headers ? { status, headers } : { status });

function checkOptions(options: CreateWebhookHandlerOptions): void {
  if (!PROVIDERS.includes(options?.provider)) {
    throw new ConfigError(`createWebhookHandler needs provider: one of ${PROVIDERS.join(', ')}.`, {
      issues: [
        { code: 'provider.invalid', path: ['provider'], message: `Expected one of ${PROVIDERS.join(', ')}.` },
      ],
    });
  }
  assertSecretsUsable(options, options.provider, 'createWebhookHandler');
  if (options.verify === true && !hasSecretFor(options.provider, options)) {
    const name = SECRET_NAMES[options.provider];
    throw new ConfigError(`verify: true needs ${name} for ${options.provider} webhooks.`, {
      provider: options.provider,
      issues: [{ code: 'secret.missing', path: [name], message: 'Required to verify webhooks.' }],
    });
  }
  const events = options.maxEvents;
  if (events !== undefined && !(Number.isSafeInteger(events) && events > 0)) {
    throw new ConfigError('maxEvents must be a positive whole number of events.', {
      provider: options.provider,
      issues: [{ code: 'max_events.invalid', path: ['maxEvents'], message: 'Expected a positive integer.' }],
    });
  }
  const max = options.maxBodyBytes;
  if (max !== undefined && !(Number.isFinite(max) && max > 0)) {
    throw new ConfigError('maxBodyBytes must be a positive number of bytes.', {
      provider: options.provider,
      issues: [
        { code: 'max_body_bytes.invalid', path: ['maxBodyBytes'], message: 'Expected a positive number.' },
      ],
    });
  }
}

/**
 * Creates a webhook endpoint as a Fetch handler. Throws a `ConfigError` for a bad option, including a secret
 * (`appSecret`, `signatureSecret`, `sharedSecret`, `urlToken`, `verifyToken`) set to `''`.
 *
 * - `GET`: answers Meta's `hub.mode=subscribe` handshake with `hub.challenge` when `hub.verify_token` equals
 *   `verifyToken` (constant-time), 403 otherwise. No signature check on GET.
 * - `POST`: 413 above `maxBodyBytes`; 503 (retried by the provider) above `maxEvents` events, with no handler
 *   run; 401 when verification fails, its body the reason code (e.g. `signature_mismatch`, `missing_header`:
 *   see `verifyWebhook`; with no secret configured the delivery is parsed unverified, and the handler warns
 *   once at creation through `logger`), also when the body is not JSON either; 400 when a verified body is
 *   not a JSON object (the body is parsed while the signature check runs, and nothing of it is used before the
 *   check passed; see `parseWebhookRequest`); otherwise the
 *   events are deduplicated and dispatched to `on[kind]` in order, and the answer is 200 with an empty body.
 *   With `waitUntil` the handlers run after the response; without it they run first, and a handler that
 *   throws turns the answer into 500 (so the provider retries) after releasing that event's dedupe key.
 * - Anything else: 405.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createWebhookHandler } from 'waba-kit/webhooks';
 *
 * const webhook = createWebhookHandler({
 *   provider: 'meta',
 *   appSecret: process.env.META_APP_SECRET,
 *   verifyToken: process.env.META_VERIFY_TOKEN,
 *   on: {
 *     message: (m) => console.log(m.from, m.type, m.text),
 *     status: (s) => console.log(s.messageId, s.status),
 *   },
 * });
 * const app = new Hono();
 * app.all('/webhook', (c) => webhook(c.req.raw));
 * ```
 */
export function createWebhookHandler(
  options: CreateWebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  checkOptions(options);
  const { provider } = options;
  if (options.verify === undefined && !hasSecretFor(provider, options)) {
    (options.logger ?? console).warn?.(
      `waba-kit: createWebhookHandler for ${provider} has no ${SECRET_NAMES[provider]}, so deliveries are parsed unverified and anyone can post events. Configure the secret in production, or pass verify: false to say this is on purpose.`,
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const dedupeStore =
    options.dedupe === false ? undefined : (options.dedupe?.store ?? createMemoryDedupeStore());
  const ttlMs = (options.dedupe !== false && options.dedupe?.ttlMs) || DEFAULT_DEDUPE_TTL_MS;

  async function report(error: unknown, event?: WebhookEvent): Promise<void> {
    if (options.onError) await Promise.resolve(options.onError(error, event)).catch(() => undefined);
  }

  async function runOne(event: WebhookEvent): Promise<void> {
    const handler = options.on?.[event.kind] as ((event: WebhookEvent) => unknown) | undefined;
    if (handler) await handler(event);
    else if (options.onUnhandled) await options.onUnhandled(event);
  }

  /**
   * Runs the handlers in order. Resolves with the number of events whose handler threw and the number refused
   * without running (the dedupe store is down, or another delivery of the event is being handled).
   */
  async function dispatch(events: WebhookEvent[]): Promise<{ failed: number; deferred: number }> {
    let failed = 0;
    let deferred = 0;
    for (const event of events) {
      const key = dedupeStore ? webhookEventKey(event) : undefined;
      if (key && dedupeStore) {
        let claim: boolean | 'pending';
        try {
          claim = await dedupeStore.claim(key, ttlMs);
        } catch (error) {
          // Fail closed: a store that cannot answer must not let a duplicate through; the retry is processed.
          deferred++;
          await report(error, event);
          continue;
        }
        if (claim === 'pending') deferred++;
        if (claim !== true) continue;
      }
      try {
        await runOne(event);
      } catch (error) {
        failed++;
        if (key) await Promise.resolve(dedupeStore?.release?.(key)).catch((e) => report(e, event));
        await report(error, event);
        continue;
      }
      if (key) await Promise.resolve(dedupeStore?.complete?.(key, ttlMs)).catch((e) => report(e, event));
    }
    return { failed, deferred };
  }

  async function handleGet(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const mode = params.get('hub.mode');
    const token = params.get('hub.verify_token');
    const challenge = params.get('hub.challenge');
    if (!options.verifyToken || mode !== 'subscribe' || token === null || challenge === null)
      return empty(403);
    if (!(await secretsEqual(token, options.verifyToken))) return empty(403);
    return new Response(challenge, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }

  async function handlePost(request: Request): Promise<Response> {
    let events: WebhookEvent[];
    try {
      const delivery = await normalizeDelivery(request, maxBodyBytes);
      // Parsed while the signature check runs; nothing is dispatched before it verified (see verifyAndParse).
      events = await verifyAndParse(provider, delivery, options, (rawBody) =>
        parseWebhookStrict(provider, rawBody),
      );
    } catch (error) {
      await report(error);
      if (error instanceof BodyTooLargeError) return empty(413);
      if (isWhatsAppError(error) && error.code === 'webhook_verification_failed')
        // The reason code only (e.g. `signature_mismatch`), so whoever set the webhook up sees which check failed.
        return new Response(isWebhookVerificationError(error) ? error.reason : 'verification_failed', {
          status: 401,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        });
      if (isWhatsAppError(error) && error.code === 'webhook_parse_failed') return empty(400);
      if (isWhatsAppError(error) && error.code === 'config_invalid') throw error;
      // A parser failure nobody foresaw: refuse the whole delivery so the provider retries it, rather than
      // answer 200 for events that were never read.
      return empty(500);
    }
    if (events.length > maxEvents) {
      await report(
        new WebhookParseError(
          `The ${provider} delivery holds ${events.length} events, above maxEvents (${maxEvents}); it was refused as a whole with 503 so the provider retries it. Raise maxEvents if such batches are expected.`,
          { provider },
        ),
      );
      return empty(503);
    }
    if (options.waitUntil) {
      options.waitUntil(dispatch(events));
      return empty(200);
    }
    const { failed, deferred } = await dispatch(events);
    if (failed > 0) return empty(500);
    return deferred > 0 ? empty(503, { 'retry-after': '1' }) : empty(200);
  }

  return async (request: Request): Promise<Response> => {
    const method = request.method.toUpperCase();
    if (method === 'GET') return handleGet(request);
    if (method === 'POST') return handlePost(request);
    return empty(405, { allow: 'GET, POST' });
  };
}
