/**
 * `startSandbox()`: the provider emulator on node:http. One server answers every provider (their paths do not
 * collide): Vonage `/v1/messages` and `/v0.1/messages`, Gupshup `/wa/api/v1/...` and `/wa/app/...`, the Cloud API
 * `/{version}/{id}/...`, CleverTap `/1/upload` and `/1/send/externaltrigger.json`.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INSPECT } from '../core/redact.js';
import { sleep } from '../core/sleep.js';
import { type SandboxClock, systemClock } from './clock.js';
import { digits, SandboxContext } from './context.js';
import { cloudApiOwner, generateCredentials, type SandboxCredentials } from './credentials.js';
import { FaultInjector } from './faults.js';
import { readBody, type SandboxRequest, type SandboxResponse, writeResponse } from './http.js';
import {
  type CleverTapProfiles,
  handleCleverTapTrigger,
  handleCleverTapUpload,
} from './providers/clevertap.js';
import {
  gupshupError,
  gupshupFault,
  gupshupInboundId,
  gupshupInboundPayload,
  handleGupshupRead,
  handleGupshupSend,
} from './providers/gupshup.js';
import {
  graphError,
  handleMetaMessages,
  handleTemplateCollection,
  handleTemplateNode,
  metaFault,
  metaInboundId,
  metaInboundPayload,
  templateStatusPayload,
} from './providers/meta.js';
import {
  handleNexmoSend,
  handleNexmoUpdate,
  nexmoFault,
  nexmoInboundPayload,
  problem,
} from './providers/nexmo.js';
import { PlatformRules } from './rules.js';
import { TemplateStore } from './templates.js';
import type {
  FaultKind,
  InboundContent,
  InboundResult,
  SandboxMessage,
  SandboxOptions,
  SandboxProvider,
  WebhookDelivery,
} from './types.js';
import { WebhookDispatcher } from './webhooks.js';

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:53123`: pass it as every client's `baseUrl`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The clock the platform rules read. */
  readonly clock: SandboxClock;
  /** The credentials this instance accepts (generated; nothing real). */
  readonly credentials: SandboxCredentials;
  /** Every accepted message, in order. */
  readonly messages: readonly SandboxMessage[];
  /** The template store (seed with `templates.add()`, pause with `templates.setStatus()`). */
  readonly templates: TemplateStore;
  /** Every webhook delivery attempt. */
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Read receipts sent by the clients. */
  readonly readReceipts: readonly { provider: SandboxProvider; messageId: string }[];
  /** CleverTap profiles uploaded, by identity. */
  readonly profiles: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** CleverTap External Trigger calls. */
  readonly triggers: readonly { campaignId: string; identities: string[]; vars: Record<string, unknown> }[];
  /** Injected faults per kind. */
  readonly faults: Readonly<Record<FaultKind, number>>;
  /** Requests served. */
  readonly requestCount: number;
  /** Unique recipients of business-initiated messages in the moving 24 h for `provider`'s number. */
  reached(provider: SandboxProvider): number;
  /** Whether the 24 h window between `provider`'s number and `customer` is open. */
  windowOpen(provider: SandboxProvider, customer: string): boolean;
  /**
   * A client config for `provider` pointed at this sandbox, ready for `createClient`. `extra` is merged in
   * (e.g. `{ timeout: 200, maxRetries: 3 }`).
   */
  config(
    provider: SandboxProvider,
    extra?: Record<string, unknown>,
  ): { provider: SandboxProvider } & Record<string, unknown>;
  /**
   * A customer writes to the business: posts the provider's inbound-message webhook to its target (signed like
   * the provider) and opens the 24 h window. Resolves when the webhook was answered (or gave up).
   */
  inbound(
    provider: SandboxProvider,
    from: string,
    content: InboundContent,
    options?: { profileName?: string },
  ): Promise<InboundResult>;
  /**
   * Meta's callback verification, as when a webhook URL is saved in the App dashboard: a GET with
   * `hub.mode=subscribe`, a random `hub.challenge` and the account's `hub.verify_token`. `ok` is true when the
   * endpoint answered 200 with exactly the challenge.
   */
  verifyCallback(
    provider: 'meta' | 'clevertap',
    verifyToken?: string,
  ): Promise<{ ok: boolean; status: number }>;
  /** Resolves when every scheduled status, review and webhook delivery has finished. */
  idle(): Promise<void>;
  /** Stops the server and all pending deliveries. */
  stop(): Promise<void>;
  /** A summary without credentials (`JSON.stringify(sandbox)` and `util.inspect` never print the secrets). */
  toJSON(): Record<string, unknown>;
}

/** `keys` of `object`, as a new object. */
function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, object[key]])) as Pick<T, K>;
}

/** The provider's own fields of a client config for a sandbox at `url` (`config` adds `provider` and `baseUrl`). */
function clientFields(
  credentials: SandboxCredentials,
  provider: SandboxProvider,
  url: string,
): Record<string, unknown> {
  switch (provider) {
    case 'nexmo':
      return {
        ...pick(credentials.nexmo, ['applicationId', 'privateKey', 'signatureSecret']),
        from: `+${credentials.nexmo.from}`,
      };
    case 'gupshup':
      return {
        ...pick(credentials.gupshup, ['apiKey', 'appName', 'appId']),
        source: `+${credentials.gupshup.source}`,
      };
    case 'meta':
    case 'clevertap': {
      const cloudApi = {
        ...pick(credentials[provider], [
          'accessToken',
          'phoneNumberId',
          'wabaId',
          'appSecret',
          'verifyToken',
        ]),
        apiVersion: 'v23.0',
      };
      if (provider === 'meta') return cloudApi;
      return {
        ...cloudApi,
        ...pick(credentials.clevertap, ['accountId', 'passcode']),
        region: 'eu1',
        restBaseUrl: `${url}/1`,
      };
    }
  }
}

/** Business number of `provider` (digits). */
function businessNumber(credentials: SandboxCredentials, provider: SandboxProvider): string {
  switch (provider) {
    case 'nexmo':
      return credentials.nexmo.from;
    case 'gupshup':
      return credentials.gupshup.source;
    case 'meta':
    case 'clevertap':
      return credentials[provider].displayPhoneNumber;
  }
}

const SEND_PATH = /^\/(v1|v0\.1)\/messages$|^\/wa\/api\/v1\/(template\/)?msg$|^\/v\d+\.\d+\/\d+\/messages$/;

/** The provider whose wire format an error at `path` should use. */
function providerOfPath(path: string): SandboxProvider {
  if (path.startsWith('/wa/')) return 'gupshup';
  if (/^\/v\d+\.\d+\//.test(path)) return 'meta';
  if (path.startsWith('/1/')) return 'clevertap';
  return 'nexmo';
}

function faultAnswer(
  provider: SandboxProvider,
  status: 429 | 500 | 503,
  headers?: Record<string, string>,
): SandboxResponse {
  if (provider === 'gupshup') return gupshupFault(status, headers);
  if (provider === 'meta' || provider === 'clevertap') return metaFault(status, headers);
  return nexmoFault(status, headers);
}

/**
 * Starts a local, offline stand-in for Vonage, Gupshup, Meta's Cloud API and CleverTap. Point clients at
 * `sandbox.url` (`sandbox.config(provider)` builds the config), configure `webhooks` to receive signed status
 * and inbound callbacks, and drive the platform rules with `clock`.
 *
 * @example
 * ```ts
 * import { createClient } from 'waba-kit';
 * import { startSandbox } from 'waba-kit/sandbox';
 *
 * const sandbox = await startSandbox({ webhooks: { meta: { url: 'http://127.0.0.1:3000/webhooks/meta' } } });
 * const client = createClient(sandbox.config('meta'));
 * await sandbox.inbound('meta', '+447700900123', 'Hi!'); // opens the 24 h window
 * const { messageId } = await client.sendText('+447700900123', 'Hello from the sandbox');
 * await sandbox.idle(); // sent -> delivered -> read webhooks posted
 * await sandbox.stop();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const credentials = await generateCredentials(options.credentials);
  const rules = new PlatformRules(clock, options.limits);
  const templates = new TemplateStore(clock);
  const dispatcher = new WebhookDispatcher(options.webhooks ?? {}, credentials, options.webhookRetry);
  const ctx = new SandboxContext(options, clock, credentials, rules, templates, dispatcher);
  const faults = new FaultInjector(options.faults, options.seed ?? 1);
  const profiles: CleverTapProfiles = new Map();
  const triggers: { campaignId: string; identities: string[]; vars: Record<string, unknown> }[] = [];
  // Aborted by stop(): simulated latency and slow faults end at once instead of outliving the server.
  const stopping = new AbortController();
  let requestCount = 0;

  templates.onStatus = (template) => {
    void dispatcher.post(
      template.owner,
      'template-status',
      templateStatusPayload(ctx, template.owner, template),
    );
  };

  function route(req: SandboxRequest): SandboxResponse {
    const path = req.url.pathname;
    const m = req.method;
    const nexmoSend = path.match(/^\/(v1|v0\.1)\/messages$/);
    if (m === 'POST' && nexmoSend) return handleNexmoSend(ctx, req, nexmoSend[1] as 'v1' | 'v0.1');
    const nexmoUpdate = path.match(/^\/v1\/messages\/([^/]+)$/);
    if (m === 'PATCH' && nexmoUpdate)
      return handleNexmoUpdate(ctx, req, decodeURIComponent(nexmoUpdate[1] as string));
    if (m === 'POST' && path === '/wa/api/v1/msg') return handleGupshupSend(ctx, req, 'session');
    if (m === 'POST' && path === '/wa/api/v1/template/msg') return handleGupshupSend(ctx, req, 'template');
    const gupshupRead = path.match(/^\/wa\/app\/([^/]+)\/msg\/([^/]+)\/read$/);
    if (m === 'PUT' && gupshupRead)
      return handleGupshupRead(
        ctx,
        req,
        decodeURIComponent(gupshupRead[1] as string),
        decodeURIComponent(gupshupRead[2] as string),
      );
    if (m === 'POST' && path === '/1/upload') return handleCleverTapUpload(ctx, req, profiles);
    if (m === 'POST' && path === '/1/send/externaltrigger.json')
      return handleCleverTapTrigger(ctx, req, triggers);
    const graph = path.match(/^\/v\d+\.\d+\/(\d+)(?:\/([a-z_]+))?\/?$/);
    if (graph) {
      const id = graph[1] as string;
      const edge = graph[2];
      const owner = cloudApiOwner(credentials, id);
      const token = req.headers.authorization;
      const byToken = token === `Bearer ${credentials.clevertap.accessToken}` ? 'clevertap' : 'meta';
      if (edge === 'messages' && owner?.kind === 'phone' && m === 'POST')
        return handleMetaMessages(ctx, req, owner.provider);
      if (edge === 'message_templates' && owner?.kind === 'waba')
        return handleTemplateCollection(ctx, req, owner.provider);
      if (edge === undefined && !owner) return handleTemplateNode(ctx, req, byToken, id);
      return graphError(
        400,
        100,
        `Unsupported ${m.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        { subcode: 33 },
      );
    }
    const provider = providerOfPath(path);
    if (provider === 'gupshup') return gupshupError(404, 'Not Found');
    if (provider === 'clevertap')
      return { status: 404, body: { status: 'fail', error: 'Not Found', code: 404 } };
    return problem(404, '1000', 'Not Found', `${m} ${path} is not an endpoint of this sandbox.`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requestCount++;
    const body = await readBody(req);
    const request: SandboxRequest = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'http://127.0.0.1'),
      headers: req.headers,
      body,
    };
    const path = request.url.pathname;
    const isSend = request.method === 'POST' && SEND_PATH.test(path);
    const fault = isSend ? faults.decide(request.method, path, body) : undefined;
    if (options.latencyMs) await sleep(options.latencyMs, stopping.signal);
    const provider = providerOfPath(path);
    if (fault === 'rate-limit' || fault === 'unavailable') {
      faults.record(fault);
      const answer =
        fault === 'rate-limit'
          ? faultAnswer(provider, 429, faults.retryAfterHeaders())
          : faultAnswer(provider, 503);
      writeResponse(res, answer);
      return;
    }
    const response = route(request);
    if (!fault || !response.accepted) {
      writeResponse(res, response);
      return;
    }
    faults.record(fault);
    switch (fault) {
      case 'server-error':
        writeResponse(res, faultAnswer(provider, 500));
        return;
      case 'slow':
        await sleep(faults.slowMs, stopping.signal);
        if (!res.destroyed) writeResponse(res, response);
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'malformed': {
        const text = JSON.stringify(response.body);
        writeResponse(res, { ...response, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) });
        return;
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (stopping.signal.aborted) res.destroy();
      else if (!res.headersSent)
        writeResponse(res, {
          status: 500,
          body: { error: `sandbox failure: ${error instanceof Error ? error.message : String(error)}` },
        });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const sandbox: Sandbox = {
    url,
    port,
    clock,
    credentials,
    templates,
    get messages() {
      return ctx.messages;
    },
    get webhookDeliveries() {
      return dispatcher.log;
    },
    get readReceipts() {
      return ctx.readReceipts;
    },
    profiles,
    triggers,
    get faults() {
      return { ...faults.counts };
    },
    get requestCount() {
      return requestCount;
    },
    reached: (provider) => rules.reachedCount(businessNumber(credentials, provider)),
    windowOpen: (provider, customer) =>
      rules.windowOpen(businessNumber(credentials, provider), digits(customer)),
    config(provider, extra = {}) {
      return { provider, baseUrl: url, ...clientFields(credentials, provider, url), ...extra };
    },
    async inbound(provider, from, content, inboundOptions = {}) {
      const customer = digits(from);
      if (!/^\d{7,15}$/.test(customer))
        throw new RangeError(
          `inbound(): ${JSON.stringify(from)} is not a phone number (E.164, 7 to 15 digits)`,
        );
      const c: Exclude<InboundContent, string> =
        typeof content === 'string' ? { type: 'text', text: content } : content;
      const business = businessNumber(credentials, provider);
      const now = clock.now();
      const profileName = inboundOptions.profileName ?? 'Sandbox User';
      rules.recordInbound(business, customer);
      let id: string;
      let payload: unknown;
      switch (provider) {
        case 'nexmo':
          id = crypto.randomUUID();
          payload = nexmoInboundPayload(
            options.webhooks?.nexmo?.version ?? 'v1',
            id,
            business,
            customer,
            c,
            now,
            profileName,
          );
          break;
        case 'gupshup':
          id = gupshupInboundId();
          payload = gupshupInboundPayload(ctx, id, customer, c, now, profileName);
          break;
        default:
          id = metaInboundId();
          payload = metaInboundPayload(ctx, provider, id, customer, c, now, profileName);
      }
      ctx.inboundIds.add(id);
      const status = await dispatcher.post(provider, 'message', payload);
      return { id, status };
    },
    async verifyCallback(provider, verifyToken = credentials[provider].verifyToken) {
      const target = options.webhooks?.[provider];
      if (!target) throw new RangeError(`verifyCallback(): no webhook target is configured for ${provider}`);
      const challenge = String(Math.floor(Math.random() * 1e9));
      const url = new URL(target.url);
      url.searchParams.set('hub.mode', 'subscribe');
      url.searchParams.set('hub.challenge', challenge);
      url.searchParams.set('hub.verify_token', verifyToken);
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      const text = await response.text();
      return { ok: response.status === 200 && text === challenge, status: response.status };
    },
    idle: () => dispatcher.idle(),
    toJSON: () => ({
      url,
      messages: ctx.messages.length,
      templates: templates.list().length,
      webhookDeliveries: dispatcher.log.length,
      credentials: '[redacted]',
    }),
    async stop() {
      dispatcher.stop();
      stopping.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  Object.defineProperty(sandbox, INSPECT, {
    value: () => `Sandbox ${JSON.stringify(sandbox.toJSON())}`,
    enumerable: false,
  });
  return sandbox;
}
