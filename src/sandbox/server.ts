/**
 * `startSandbox()`: the provider emulator on node:http. One server answers every emulated provider (their
 * paths do not collide); each provider's wire format lives in its module (`providers/<id>.ts`, listed in
 * `providers/index.ts`). This file owns what they share: the clock, platform rules, template store, faults,
 * webhook delivery with retries and the event log. It names no provider.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INSPECT } from '../core/redact.js';
import { sleep } from '../core/sleep.js';
import { systemClock } from './clock.js';
import { digits, SandboxContext } from './context.js';
import { generateCredentials } from './credentials.js';
import { inboundCustomer } from './customer.js';
import { SandboxEventLog } from './events.js';
import { FaultInjector, MEDIA_FAULT_KINDS } from './faults.js';
import {
  readRawBody,
  responseBytes,
  type SandboxRequest,
  type SandboxResponse,
  writeHead,
  writeResponse,
} from './http.js';
import { Inspector } from './inspector/routes.js';
import { inboundBytes } from './media.js';
import type { EmulatedProvider, InboundMedia, SandboxClientConfig, SandboxRoute } from './provider.js';
import { PROVIDER_REGISTRY, ROUTING_ORDER } from './providers/index.js';
import { PlatformRules } from './rules.js';
import type { Sandbox } from './sandbox.js';
import { TemplateStore } from './templates.js';
import type { InboundContent, SandboxOptions, SandboxProvider } from './types.js';
import { WebhookDispatcher } from './webhooks.js';

export type { Sandbox } from './sandbox.js';

/** The route answering `req`, with its provider and path match. */
interface Matched {
  provider: EmulatedProvider;
  route: SandboxRoute;
  match: RegExpMatchArray;
}

/** The provider whose URL space `path` is in (its fault and not-found answers are used there). */
function ownerOfPath(path: string): EmulatedProvider | undefined {
  return ROUTING_ORDER.find((provider) => provider.owns(path));
}

/** A 404 for paths no provider owns. */
function notFound(req: SandboxRequest): SandboxResponse {
  return {
    status: 404,
    body: {
      error: 'Not Found',
      detail: `${req.method} ${req.url.pathname} is not an endpoint of this sandbox.`,
    },
  };
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
  const providers = PROVIDER_REGISTRY;
  const credentials = await generateCredentials(options.credentials);
  const events = new SandboxEventLog(() => clock.now());
  const rules = new PlatformRules(clock, options.limits);
  const templates = new TemplateStore(clock);
  const dispatcher = new WebhookDispatcher(
    options.webhooks ?? {},
    providers,
    credentials,
    options.webhookRetry,
    events,
    () => clock.now(),
  );
  const ctx = new SandboxContext(
    options,
    clock,
    credentials,
    rules,
    templates,
    dispatcher,
    providers,
    events,
  );
  const faults = new FaultInjector(options.faults, options.seed ?? 1);
  // Aborted by stop(): simulated latency and slow faults end at once instead of outliving the server.
  const stopping = new AbortController();
  let requestCount = 0;

  templates.onStatus = (template) => {
    events.emit({ type: 'template', template });
    const payload = providers[template.owner].templateStatus?.(ctx, template);
    if (payload !== undefined) void dispatcher.post(template.owner, 'template-status', payload);
  };

  function findRoute(req: SandboxRequest): Matched | undefined {
    const path = req.url.pathname;
    for (const provider of ROUTING_ORDER) {
      for (const route of provider.routes) {
        if (route.method !== undefined && route.method !== req.method) continue;
        const match = path.match(route.path);
        if (match && (!route.when || route.when(ctx, req, match))) return { provider, route, match };
      }
    }
    return undefined;
  }

  function answer(req: SandboxRequest, matched: Matched | undefined): SandboxResponse {
    if (matched) return matched.route.handle(ctx, req, matched.match);
    return ownerOfPath(req.url.pathname)?.notFound(req) ?? notFound(req);
  }

  let inspector: Inspector | undefined;

  /** Writes a media download with an injected media fault applied. */
  async function writeMediaFault(
    res: ServerResponse,
    response: SandboxResponse,
    fault: (typeof MEDIA_FAULT_KINDS)[number],
  ): Promise<void> {
    const bytes = responseBytes(response);
    const half = Math.floor(bytes.length / 2);
    switch (fault) {
      case 'media-expired':
        writeResponse(res, {
          status: 404,
          body: { error: 'Not Found', detail: 'The media URL has expired.' },
        });
        return;
      case 'media-truncated':
        writeResponse(res, { ...response, body: bytes.subarray(0, half) });
        return;
      case 'media-hash-mismatch': {
        const altered = Buffer.from(bytes);
        if (altered.length > 0) altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 0xff;
        writeResponse(res, { ...response, body: altered });
        return;
      }
      case 'media-slow':
        writeHead(res, response, bytes.length);
        res.write(bytes.subarray(0, half));
        await sleep(faults.slowMs);
        if (!res.destroyed) res.end(bytes.subarray(half));
        return;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const head: SandboxRequest = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'http://127.0.0.1'),
      headers: req.headers,
      body: '',
    };
    const path = head.url.pathname;
    // Routes are found by method, path and headers; an upload route reads a larger, binary body.
    const matched = inspector?.serves(path) ? undefined : findRoute(head);
    const raw = await readRawBody(req, matched?.route.bodyLimit);
    const body = raw.toString('utf8');
    const request: SandboxRequest = { ...head, body, raw };
    if (inspector?.serves(path)) return inspector.handle(req, res, request);
    requestCount++;
    if (matched?.route.media) {
      const response = matched.route.handle(ctx, request, matched.match);
      const fault = response.accepted
        ? faults.decide(request.method, path, body, MEDIA_FAULT_KINDS)
        : undefined;
      if (options.latencyMs) await sleep(options.latencyMs);
      if (!fault) return writeResponse(res, response);
      faults.record(fault);
      events.emit({ type: 'fault', kind: fault, path });
      return writeMediaFault(res, response, fault);
    }
    const fault = matched?.route.send ? faults.decide(request.method, path, body) : undefined;
    if (options.latencyMs) await sleep(options.latencyMs, stopping.signal);
    const provider = matched?.provider;
    if (provider && (fault === 'rate-limit' || fault === 'unavailable')) {
      faults.record(fault);
      events.emit({ type: 'fault', kind: fault, path });
      writeResponse(
        res,
        fault === 'rate-limit' ? provider.fault(429, faults.retryAfterHeaders()) : provider.fault(503),
      );
      return;
    }
    const response = answer(request, matched);
    if (!provider || !fault || !response.accepted) {
      writeResponse(res, response);
      return;
    }
    faults.record(fault);
    events.emit({ type: 'fault', kind: fault, path });
    switch (fault) {
      case 'server-error':
        writeResponse(res, provider.fault(500));
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
  const business = (provider: SandboxProvider) => providers[provider].businessNumber(credentials);
  const inspectorUrl = options.ui ? `${url}/_inspector` : undefined;
  ctx.media.baseUrl = url;

  const sandbox: Sandbox = {
    url,
    inspectorUrl,
    port,
    clock,
    credentials,
    templates,
    events,
    get messages() {
      return ctx.messages;
    },
    get webhookDeliveries() {
      return dispatcher.log;
    },
    get readReceipts() {
      return ctx.readReceipts;
    },
    get inboundMessages() {
      return ctx.inbound;
    },
    profiles: ctx.profiles,
    triggers: ctx.triggers,
    get faults() {
      return { ...faults.counts };
    },
    get requestCount() {
      return requestCount;
    },
    get counts() {
      return rules.counters;
    },
    reached: (provider) => rules.reachedCount(business(provider)),
    windowOpen: (provider, customer) => rules.windowOpen(business(provider), digits(customer)),
    config<P extends SandboxProvider>(provider: P, extra = {}) {
      const fields = (providers[provider] as EmulatedProvider<P>).clientConfig(credentials, url);
      return { provider, baseUrl: url, ...fields, ...extra } as SandboxClientConfig<P>;
    },
    async inbound(provider, from, content, inboundOptions = {}) {
      const who = inboundCustomer(from);
      const customer = who.phone ?? (who.userId as string);
      let c: Exclude<InboundContent, string> =
        typeof content === 'string' ? { type: 'text', text: content } : content;
      let media: InboundMedia | undefined;
      if (c.type === 'image' && c.data !== undefined) {
        const module = providers[provider];
        if (!module.inboundMedia) throw new RangeError(`inbound(): ${provider} does not carry media data`);
        const { data, ...rest } = c;
        const stored = ctx.media.add(provider, inboundBytes(data), c.mimeType ?? 'image/jpeg');
        media = { stored, ...module.inboundMedia(ctx, stored) };
        c = { ...rest, mimeType: stored.mimeType, ...(media.url ? { url: media.url } : {}) };
      } else if (c.type === 'image' && typeof c.url !== 'string')
        throw new RangeError('inbound(): an image needs `url` or `data`');
      const now = clock.now();
      const profileName = inboundOptions.profileName ?? 'Sandbox User';
      // One customer, every identifier: a reply to the phone or to the BSUID finds the window open.
      for (const key of [who.phone, who.userId]) if (key) rules.recordInbound(business(provider), key);
      const { id, payload } = providers[provider].inbound(ctx, {
        business: business(provider),
        customer,
        phone: who.phone,
        userId: who.userId,
        username: who.username,
        referral: inboundOptions.referral,
        content: c,
        media,
        now,
        profileName,
      });
      ctx.receive({
        provider,
        id,
        from: customer,
        ...(who.userId ? { userId: who.userId } : {}),
        content: c,
        profileName,
        receivedAt: now,
      });
      const status = await dispatcher.post(provider, 'message', payload);
      return { id, status };
    },
    async verifyCallback(provider, verifyToken) {
      const module = providers[provider];
      const target = module.webhookUrl(options.webhooks ?? {}, 'message');
      if (!target) throw new RangeError(`verifyCallback(): no webhook target is configured for ${provider}`);
      const challenge = String(Math.floor(Math.random() * 1e9));
      const callback = new URL(target);
      callback.searchParams.set('hub.mode', 'subscribe');
      callback.searchParams.set('hub.challenge', challenge);
      callback.searchParams.set('hub.verify_token', verifyToken ?? module.verifyToken?.(credentials) ?? '');
      const response = await fetch(callback, { signal: AbortSignal.timeout(5000) });
      const text = await response.text();
      return { ok: response.status === 200 && text === challenge, status: response.status };
    },
    async setMessagingLimit(tier) {
      const next = tier === 'unlimited' ? Number.POSITIVE_INFINITY : tier;
      if (next !== Number.POSITIVE_INFINITY && !(Number.isSafeInteger(next) && next > 0))
        throw new RangeError('setMessagingLimit(): the tier is a positive integer or "unlimited"');
      const previous = rules.tierLimit;
      rules.setTierLimit(next);
      if (next === previous) return;
      const posts: Promise<number>[] = [];
      for (const module of Object.values(providers) as EmulatedProvider[]) {
        const payload = module.messagingLimitUpdate?.(ctx, previous, next);
        if (payload !== undefined) posts.push(dispatcher.post(module.id, 'account', payload));
      }
      await Promise.all(posts);
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
      inspector?.close();
      dispatcher.stop();
      stopping.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  if (options.ui)
    inspector = new Inspector({
      ctx,
      providers,
      faults,
      dispatcher,
      inbound: (provider, from, content) => sandbox.inbound(provider, from, content),
      hosts: new Set(
        [host.includes(':') ? `[${host}]` : host, 'localhost', '127.0.0.1', '[::1]'].map(
          (name) => `${name.toLowerCase()}:${port}`,
        ),
      ),
    });
  Object.defineProperty(sandbox, INSPECT, {
    value: () => `Sandbox ${JSON.stringify(sandbox.toJSON())}`,
    enumerable: false,
  });
  return sandbox;
}
