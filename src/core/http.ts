/**
 * The HTTP layer every provider client shares: one ky instance per client for the attempt (per-attempt
 * timeout, injected `fetch`), and a retry loop around it that follows {@link RetryPolicy}. Providers supply
 * only their auth headers and how a response becomes an error.
 * @internal
 */
import type { KyInstance } from 'ky';
import { Deadline } from './deadline.js';
import {
  AbortError,
  ConnectionError,
  createApiError,
  isWhatsAppError,
  TimeoutError,
  WhatsAppError,
} from './errors.js';
import type { TypedEmitter, WhatsAppEventMap } from './events.js';
import type { Logger } from './logger.js';
import type { ProviderId } from './provider.js';
import { readText } from './read-text.js';
import { redactText, SECRET_HEADERS, secretSpellings } from './redact.js';
import { isRetryable, parseRetryAfter, type ResolvedRetryPolicy, retryDelay } from './retry.js';
import { credentialsOf, scrubError, scrubValue } from './scrub.js';
import { sleep } from './sleep.js';

/**
 * What a provider's error mapper receives.
 * @inline
 */
export interface ResponseContext {
  status: number;
  headers: Headers;
  /** The body parsed as JSON when it is JSON (whatever the content type), else the text, else `undefined`. */
  body: unknown;
  /** The provider's request/trace id from the configured header. */
  requestId: string | undefined;
  /** `Retry-After` in milliseconds, when present. */
  retryAfterMs: number | undefined;
}

/** Settings of an {@link HttpTransport}. */
export interface HttpTransportOptions {
  provider: ProviderId;
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  retry: ResolvedRetryPolicy;
  fetch?: typeof fetch | undefined;
  logger?: Logger | undefined;
  events?: TypedEmitter<WhatsAppEventMap> | undefined;
  /** Headers added to every attempt (credentials). Called per attempt so tokens can refresh. */
  auth?: (() => Record<string, string> | Promise<Record<string, string>>) | undefined;
  /** Header carrying the provider's request id (e.g. `x-nexmo-trace-id`). */
  requestIdHeader?: string | undefined;
  /**
   * Turns a response into an error, or returns `undefined` when it is a success. Called for every response, so a
   * provider can treat a 2xx body such as `{ "status": "error" }` as the failure it is. The default refuses
   * non-2xx with {@link createApiError}.
   */
  responseError?: ((ctx: ResponseContext) => WhatsAppError | undefined) | undefined;
  /**
   * Secrets to scrub from every error, event and log line (the config's). The credentials the transport sends
   * (auth header values, the token of `Bearer`, the `base64(key:secret)` of `Basic` and its decoding) are
   * scrubbed too, without being listed here.
   */
  secrets?: (() => readonly (string | undefined)[]) | undefined;
  /** Randomness for jitter (tests). */
  random?: (() => number) | undefined;
}

/**
 * One request.
 * @inline
 */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under `baseUrl`, or an absolute URL. */
  path: string;
  /** JSON body. */
  json?: unknown;
  /** `application/x-www-form-urlencoded` body. */
  form?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  searchParams?: Record<string, string | number | undefined>;
  /**
   * Whether repeating the request cannot cause a second effect. Defaults to true for GET/PUT/DELETE, false for
   * POST/PATCH (sends).
   */
  idempotent?: boolean;
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /** Per-request override of `RetryPolicy.unsafe` (the `retry.unsafe` config key). */
  unsafe?: boolean | undefined;
  clientRef?: string | undefined;
  /**
   * The phone number a send goes to: masked (`+447*******23`) in every error this request throws or emits,
   * however the provider's answer spells it (see `scrubError`).
   */
  recipient?: string | undefined;
  /**
   * A raw body (a `FormData` for multipart, bytes for binary uploads) sent as is. No `content-type` is set for a
   * `FormData`: `fetch` writes it with the boundary (a hand-set multipart boundary breaks uploads).
   */
  body?: FormData | Blob | Uint8Array | undefined;
  /** Resolve a success without reading its body: `HttpResponse.response` holds the unread response (downloads). */
  stream?: boolean | undefined;
  /** `manual` returns 3xx responses as they are (media downloads follow redirects themselves). */
  redirect?: 'manual' | undefined;
  /** `false` sends no client credentials nor config headers (a host that is not the provider's). Default true. */
  credentials?: boolean | undefined;
  /** Per-request error mapping, replacing the client's. */
  responseError?: ((ctx: ResponseContext) => WhatsAppError | undefined) | undefined;
  /** The URL shown in events, logs and errors (media URLs are capabilities: their query is hidden). */
  displayUrl?: string | undefined;
}

/**
 * A successful response.
 * @inline
 */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
  requestId: string | undefined;
  /** The unread response, when the request asked for `stream`. */
  response?: Response | undefined;
}

/**
 * What {@link errorCodes} reports for fetch refusing a port the Fetch standard blocks (1, 25, 6000, ...: undici's
 * `bad port`): refused before any connection, so nothing was sent.
 * @see https://fetch.spec.whatwg.org/#port-blocking
 */
const BAD_PORT = 'bad_port';

/** Connection failures that prove the request never reached the server. */
const UNSENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
  BAD_PORT,
]);

/**
 * Reads the error codes in an error's `cause` chain (undici puts `ECONNREFUSED` there, sometimes in an
 * AggregateError), and `bad_port` for fetch's blocked-port refusal, which has no code.
 */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number) => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > 5) return;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    else if ((e as { message?: unknown }).message === 'bad port') codes.push(BAD_PORT);
    visit((e as { cause?: unknown }).cause, depth + 1);
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return codes;
}

/** Whether a failure is a deadline passing: ky's header timeout, the body read's, or fetch's own. */
function isTimeout(e: unknown): boolean {
  return (e as { name?: unknown } | undefined)?.name === 'TimeoutError';
}

function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The longest delay `setTimeout` honours (a longer one fires at once); ky refuses a longer `timeout` too. */
const MAX_TIMER_MS = 2_147_483_647;

/** The headers of a request sent without credentials. */
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** The fields the `request`, `response` and `retry` events share. */
type AttemptEventBase = Pick<
  WhatsAppEventMap['request'],
  'provider' | 'timestamp' | 'method' | 'url' | 'attempt'
>;

const IDEMPOTENT_METHODS = new Set(['GET', 'PUT', 'DELETE']);

/** How many credentials sent a transport remembers for scrubbing (a refreshed JWT replaces the oldest). */
const REMEMBERED_CREDENTIALS = 16;

/**
 * ky, loaded with the first request of the process instead of at import: its module graph is about a quarter of
 * the package's cold start, and constructing a client (synchronous) never needs it.
 */
let kyModule: Promise<typeof import('./ky.js')> | undefined;

/** Executes requests with per-attempt timeouts and the retry policy; see {@link HttpTransportOptions}. */
export class HttpTransport {
  readonly #o: HttpTransportOptions;
  readonly #fetch: typeof fetch;
  #ky: KyInstance | undefined;
  /** The credentials this transport sent, newest last: scrubbed from everything it throws or emits. */
  readonly #sent = new Set<string>();
  /** The credential header value {@link HttpTransport.#remember} read last. */
  #lastCredential: string | undefined;

  constructor(options: HttpTransportOptions) {
    this.#o = options;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new WhatsAppError(
        'No fetch implementation is available. Use Node 20+, Bun, Deno or Workers, or pass `fetch` in the client config.',
        { code: 'config_invalid', provider: options.provider },
      );
    }
    this.#fetch = fetchImpl;
  }

  /** This transport's ky instance, created on its first request (see {@link kyModule}). */
  async #loadKy(): Promise<KyInstance> {
    kyModule ??= import('./ky.js');
    const { ky } = await kyModule;
    const fetchImpl = this.#fetch;
    this.#ky ??= ky.create({
      retry: 0,
      throwHttpErrors: false,
      // ky would otherwise bind to the global fetch at call time; keep the injected one.
      fetch: (input, init) => fetchImpl(input, init),
    });
    return this.#ky;
  }

  /** The resolved base URL. */
  get baseUrl(): string {
    return this.#o.baseUrl;
  }

  /** Resolves `path` against the base URL (absolute URLs are kept). */
  url(path: string): string {
    if (/^https?:\/\//i.test(path)) return path;
    return `${this.#o.baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  }

  /** Sends `req`, retrying as the policy allows; resolves with a success or throws a {@link WhatsAppError}. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const o = this.#o;
    const url = this.url(req.path);
    const shown = req.displayUrl ?? url;
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(req.method);
    const policy = req.unsafe === undefined ? o.retry : { ...o.retry, unsafe: req.unsafe };
    const maxRetries = req.maxRetries ?? o.maxRetries;
    const timeout = req.timeout ?? o.timeout;
    for (let attempt = 1; ; attempt++) {
      let error: WhatsAppError;
      try {
        return await this.#attempt(req, url, shown, attempt, timeout);
      } catch (e) {
        error = this.scrub(isWhatsAppError(e) ? e : this.#wrapUnknown(e), req.recipient);
      }
      const retriesLeft = attempt <= maxRetries;
      const delay =
        retriesLeft && isRetryable(error, idempotent, policy)
          ? retryDelay(error, attempt, policy, o.random)
          : undefined;
      if (delay === undefined) throw error;
      if (o.events?.listenerCount('retry')) {
        o.events.emit('retry', { ...this.#eventBase(req, shown, attempt), delayMs: delay, error });
      }
      o.logger?.warn?.(
        this.#clean(
          `waba-kit: ${req.method} ${shown} failed (${error.code}); retry ${attempt} in ${delay} ms`,
        ),
      );
      await sleep(delay, req.signal);
    }
  }

  async #attempt(
    req: HttpRequest,
    url: string,
    shown: string,
    attempt: number,
    timeout: number,
  ): Promise<HttpResponse> {
    const o = this.#o;
    if (req.signal?.aborted) throw new AbortError(undefined, { provider: o.provider });
    const credentials = req.credentials === false ? NO_HEADERS : ((await o.auth?.()) ?? NO_HEADERS);
    this.#remember(credentials);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...credentials,
      ...req.headers,
    };
    let body: string | FormData | Blob | Uint8Array | undefined = req.body;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(req.form)) if (v !== undefined) form.append(k, v);
      body = form.toString();
    }
    const searchParams: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.searchParams ?? {}))
      if (v !== undefined) searchParams[k] = String(v);
    if (o.events?.listenerCount('request')) {
      o.events.emit('request', { ...this.#eventBase(req, shown, attempt), clientRef: req.clientRef });
    }
    const client = this.#ky ?? (await this.#loadKy());
    const started = Date.now();
    // One deadline per attempt over the whole response (headers and body), without a signal of this layer (ky
    // would combine it with its own through `AbortSignal.any` on every request, the costliest part of an
    // attempt after fetch itself). The wait for the headers is bounded by ky's `timeout` (its timer and its
    // signal, made for every request anyway); the body is read by `readText` until the same deadline, a plain
    // timer started here, watching the caller's signal itself (see there for why the fetch's signal is not enough).
    const limit = Math.min(timeout, MAX_TIMER_MS);
    const deadline = new Deadline(limit);
    let response: Response;
    try {
      response = await client(url, {
        method: req.method,
        headers,
        body: (body ?? null) as BodyInit | null,
        searchParams,
        timeout: limit,
        redirect: req.redirect ?? 'follow',
        signal: req.signal ?? null,
      });
    } catch (e) {
      deadline.clear();
      throw this.#transportError(e, timeout, req.signal);
    }
    const mapError = req.responseError ?? o.responseError;
    if (req.stream) {
      // A streamed body has its own stall timer (the media download): only the wait for headers is bounded here.
      // The download watches the caller's signal itself (the fetch's signal may never reach the stream; see
      // read-text.ts).
      const requestId = this.#requestId(response);
      this.#responded(req, shown, attempt, response, started, requestId);
      if (response.status < 400) {
        const ctx: ResponseContext = {
          status: response.status,
          headers: response.headers,
          body: undefined,
          requestId,
          retryAfterMs: parseRetryAfter(response.headers),
        };
        const error = mapError?.(ctx);
        if (error) {
          await response.body?.cancel().catch(() => undefined);
          throw this.scrub(error);
        }
        deadline.clear();
        return { status: response.status, headers: response.headers, body: undefined, requestId, response };
      }
    }
    let text: string;
    try {
      text = await readText(response, req.signal, deadline);
    } catch (e) {
      if (req.signal?.aborted || isTimeout(e)) throw this.#transportError(e, timeout, req.signal);
      text = '';
    } finally {
      deadline.clear();
    }
    const parsed = parseBody(text);
    const requestId = this.#requestId(response);
    if (!req.stream) this.#responded(req, shown, attempt, response, started, requestId);
    const ctx: ResponseContext = {
      status: response.status,
      headers: response.headers,
      body: parsed,
      requestId,
      retryAfterMs: parseRetryAfter(response.headers),
    };
    const error = mapError ? mapError(ctx) : defaultResponseError(o.provider, ctx);
    if (error) throw this.scrub(error);
    return { status: response.status, headers: response.headers, body: parsed, requestId };
  }

  #responded(
    req: HttpRequest,
    shown: string,
    attempt: number,
    response: Response,
    started: number,
    requestId: string | undefined,
  ): void {
    const o = this.#o;
    const durationMs = Date.now() - started;
    if (o.events?.listenerCount('response')) {
      o.events.emit('response', {
        ...this.#eventBase(req, shown, attempt),
        status: response.status,
        durationMs,
        requestId,
      });
    }
    o.logger?.debug?.(
      this.#clean(`waba-kit: ${req.method} ${shown} -> ${response.status} in ${durationMs} ms`),
    );
  }

  /**
   * The fields of every attempt event (`request`, `response`, `retry`), the URL scrubbed. Built only for an event
   * someone listens to: a send with no listener builds no event object and scrubs no URL for one.
   */
  #eventBase(req: HttpRequest, shown: string, attempt: number): AttemptEventBase {
    return {
      provider: this.#o.provider,
      timestamp: new Date(),
      method: req.method,
      url: this.#clean(shown),
      attempt,
    };
  }

  #transportError(e: unknown, timeout: number, signal: AbortSignal | undefined): WhatsAppError {
    const provider = this.#o.provider;
    if (signal?.aborted || (e as { name?: unknown })?.name === 'AbortError')
      return new AbortError(undefined, { provider, cause: e });
    if (isTimeout(e)) {
      return new TimeoutError(
        `The request to ${provider} timed out after ${timeout} ms (per attempt). Raise \`timeout\` in the client config or per call.`,
        {
          provider,
          timeoutMs: timeout,
          // ky's own TimeoutError is not kept: it holds the Request, whose headers carry the credentials, and its
          // message names the URL unmasked (a media URL is a capability).
          cause:
            e instanceof DOMException
              ? e
              : new DOMException(`No response headers within ${timeout} ms`, 'TimeoutError'),
        },
      );
    }
    const codes = errorCodes(e);
    const unsent = codes.some((c) => UNSENT_CODES.has(c));
    const detail = codes.includes(BAD_PORT)
      ? 'fetch refuses this port: the Fetch standard blocks it; use another port'
      : codes.length > 0
        ? codes.join(', ')
        : e instanceof Error
          ? e.message
          : String(e);
    return this.scrub(
      new ConnectionError(
        `Could not reach ${provider} at ${new URL(this.#o.baseUrl).host} (${detail}). ${unsent ? 'Nothing was sent.' : 'The request may or may not have been received.'}`,
        { provider, unsent, cause: e },
      ),
    );
  }

  #wrapUnknown(e: unknown): WhatsAppError {
    return new WhatsAppError(
      `Unexpected failure talking to ${this.#o.provider}: ${e instanceof Error ? e.message : String(e)}`,
      {
        provider: this.#o.provider,
        cause: e,
      },
    );
  }

  /**
   * Scrubs every secret (the configured ones and the credentials this transport sent) from every field of
   * `error`, in place, with the one scrubber (`scrubError`), and masks phone numbers there (`recipient` in any
   * spelling); returns the error. Every error `request()` throws or emits has been through it; call it for
   * errors made from a response after the transport returned.
   */
  scrub<E extends Error>(error: E, recipient?: string): E {
    return scrubError(error, this.#secrets(), [recipient]);
  }

  /** A copy of `value` without any secret (a success answer that echoes a credential, before it is shown). */
  scrubValue<T>(value: T): T {
    return scrubValue(value, this.#secrets());
  }

  #secrets(): (string | undefined)[] {
    return [...(this.#o.secrets?.() ?? []), ...this.#sent];
  }

  /** `text` with every secret replaced. */
  #clean(text: string): string {
    return redactText(text, secretSpellings(this.#secrets()));
  }

  /** The provider's request id header, scrubbed (a provider may echo anything there). */
  #requestId(response: Response): string | undefined {
    const header = this.#o.requestIdHeader ? response.headers.get(this.#o.requestIdHeader) : null;
    return header === null ? undefined : this.#clean(header);
  }

  #remember(headers: Record<string, string>): void {
    for (const [name, value] of Object.entries(headers)) {
      if (!SECRET_HEADERS.has(name.toLowerCase()) || typeof value !== 'string') continue;
      // The value read last (the same token on every send until it is refreshed): its credentials are already
      // the newest remembered, since only this method adds any, so reading them again would change nothing.
      if (value === this.#lastCredential) continue;
      this.#lastCredential = value;
      for (const credential of credentialsOf(value)) {
        this.#sent.delete(credential);
        this.#sent.add(credential);
      }
    }
    for (const old of this.#sent) {
      if (this.#sent.size <= REMEMBERED_CREDENTIALS) break;
      this.#sent.delete(old);
    }
  }
}

/** The default error mapping: non-2xx -> {@link createApiError} with whatever detail the body carries. */
export function defaultResponseError(provider: ProviderId, ctx: ResponseContext): WhatsAppError | undefined {
  if (ctx.status >= 200 && ctx.status < 300) return undefined;
  const body = ctx.body as Record<string, unknown> | string | undefined;
  const detail =
    typeof body === 'string'
      ? body.slice(0, 300)
      : typeof body?.detail === 'string'
        ? body.detail
        : typeof body?.message === 'string'
          ? body.message
          : undefined;
  return createApiError({
    provider,
    status: ctx.status,
    message: `${provider} answered HTTP ${ctx.status}${detail ? `: ${detail}` : ''}`,
    detail,
    requestId: ctx.requestId,
    retryAfterMs: ctx.retryAfterMs,
    body: ctx.body,
  });
}
