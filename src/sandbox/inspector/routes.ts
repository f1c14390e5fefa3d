/**
 * The inspector's HTTP side, served by the sandbox's own server when `startSandbox({ ui: true })`:
 *
 * | request | answer |
 * | --- | --- |
 * | `GET /` and `GET /_inspector` | the page (plain HTML, CSS and JS, no framework) |
 * | `GET /_inspector/<asset>` | `inspector.css`, `inspector.js` |
 * | `GET /_inspector/api/state` | the state document (see `state.ts`) |
 * | `GET /_inspector/api/events` | Server-Sent Events: one `{seq, type}` per event of the log |
 * | `POST /_inspector/api/inbound` | `{provider, from, content}`: a customer writes or taps (`sandbox.inbound`) |
 * | `POST /_inspector/api/deliveries/{id}/replay` | posts a webhook attempt's exact request again |
 * | `POST /_inspector/api/templates/{id}/status` | `{status: 'APPROVED' \| 'REJECTED' \| 'PAUSED'}` |
 * | `POST /_inspector/api/faults` | `{rate, kinds?}` (`rate: 0` turns faults off) |
 *
 * Requests must name the sandbox's own host (a page elsewhere cannot reach it through DNS rebinding), and
 * POSTs must be `application/json` (a cross-site form cannot send that without a CORS preflight, which is
 * never answered).
 * @module
 */

import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from '../../core/record.js';
import type { SandboxContext } from '../context.js';
import type { SandboxEvent } from '../events.js';
import { FAULT_KINDS, type FaultInjector } from '../faults.js';
import { type SandboxRequest, tryJson, writeResponse } from '../http.js';
import type { ProviderRegistry } from '../provider.js';
import type { SandboxTemplateStatus } from '../templates.js';
import type { FaultKind, InboundContent, InboundResult, SandboxProvider } from '../types.js';
import type { WebhookDispatcher } from '../webhooks.js';
import { inspectorState } from './state.js';

/** The path prefix of the inspector. */
export const INSPECTOR_PATH = '/_inspector';

const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'inspector.css': 'text/css; charset=utf-8',
  'inspector.js': 'text/javascript; charset=utf-8',
};

/** Where the assets are: `dist/inspector/` next to the bundle, or `assets/` next to this file in the source. */
const ASSET_DIRS = [new URL('./inspector/', import.meta.url), new URL('./assets/', import.meta.url)];

async function readAsset(name: string): Promise<string> {
  for (const dir of ASSET_DIRS) {
    try {
      return await readFile(new URL(name, dir), 'utf8');
    } catch {
      // Try the next place.
    }
  }
  throw new Error(`inspector asset ${name} is missing: rebuild the package (npm run build)`);
}

/** What the inspector reads and drives. */
export interface InspectorDeps {
  ctx: SandboxContext;
  providers: ProviderRegistry;
  faults: FaultInjector;
  dispatcher: WebhookDispatcher;
  inbound(provider: SandboxProvider, from: string, content: InboundContent): Promise<InboundResult>;
  /** `host:port` values a request may name. */
  hosts: ReadonlySet<string>;
}

const TEMPLATE_ACTIONS = new Set<SandboxTemplateStatus>(['APPROVED', 'REJECTED', 'PAUSED']);

/** The inspector's request handler; see the module docs. */
export class Inspector {
  readonly #deps: InspectorDeps;
  readonly #streams = new Set<ServerResponse>();

  constructor(deps: InspectorDeps) {
    this.#deps = deps;
  }

  /** Whether `path` is the inspector's. */
  serves(path: string): boolean {
    return path === '/' || path === INSPECTOR_PATH || path.startsWith(`${INSPECTOR_PATH}/`);
  }

  /** Ends the open event streams (the server is stopping). */
  close(): void {
    for (const res of this.#streams) res.end();
    this.#streams.clear();
  }

  /** Answers one inspector request. */
  async handle(req: IncomingMessage, res: ServerResponse, request: SandboxRequest): Promise<void> {
    const fail = (status: number, error: string) => writeResponse(res, { status, body: { error } });
    if (!this.#deps.hosts.has(String(req.headers.host ?? '').toLowerCase()))
      return fail(421, 'the Host header does not name this sandbox');
    const path = request.url.pathname.replace(/\/$/, '') || '/';
    if (request.method === 'GET') {
      if (path === '/' || path === INSPECTOR_PATH) return this.#asset(res, 'index.html');
      if (path === `${INSPECTOR_PATH}/api/state`) return this.#state(res);
      if (path === `${INSPECTOR_PATH}/api/events`) return this.#stream(req, res);
      const name = path.slice(INSPECTOR_PATH.length + 1);
      if (name in ASSETS && name !== 'index.html') return this.#asset(res, name);
      return fail(404, `${path} is not part of the inspector`);
    }
    if (request.method !== 'POST') return fail(405, 'the inspector answers GET and POST only');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
      return fail(415, 'send application/json');
    const body = tryJson(request.body);
    if (!isRecord(body)) return fail(400, 'the body must be a JSON object');
    try {
      const answer = await this.#post(path, body);
      if (answer === undefined) return fail(404, `${path} is not part of the inspector`);
      writeResponse(res, { status: 200, body: answer });
    } catch (error) {
      fail(400, error instanceof Error ? error.message : String(error));
    }
  }

  async #post(path: string, body: Record<string, unknown>): Promise<unknown> {
    const { ctx, providers, faults, dispatcher } = this.#deps;
    if (path === `${INSPECTOR_PATH}/api/inbound`) {
      const provider = body.provider;
      if (typeof provider !== 'string' || !(provider in providers))
        throw new RangeError(`provider must be one of ${Object.keys(providers).join(', ')}`);
      if (typeof body.from !== 'string') throw new RangeError('from must be a phone number or a BSUID');
      if (!isRecord(body.content) && typeof body.content !== 'string')
        throw new RangeError('content must be a string or an inbound content object');
      return this.#deps.inbound(provider as SandboxProvider, body.from, body.content as InboundContent);
    }
    const replay = path.match(/^\/_inspector\/api\/deliveries\/(\d+)\/replay$/);
    if (replay) {
      const delivery = dispatcher.log[Number(replay[1]) - 1];
      if (!delivery) throw new RangeError(`no webhook attempt ${replay[1]}`);
      return dispatcher.replay(delivery);
    }
    const template = path.match(/^\/_inspector\/api\/templates\/([^/]+)\/status$/);
    if (template) {
      const status = body.status as SandboxTemplateStatus;
      if (!TEMPLATE_ACTIONS.has(status)) throw new RangeError('status must be APPROVED, REJECTED or PAUSED');
      const t = ctx.templates.setStatus(
        decodeURIComponent(template[1] as string),
        status,
        status === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE',
      );
      return { id: t.id, status: t.status };
    }
    if (path === `${INSPECTOR_PATH}/api/faults`) {
      const rate = Number(body.rate);
      const kinds = isRecord(body.kinds) ? body.kinds : undefined;
      const weights = kinds
        ? Object.fromEntries(
            FAULT_KINDS.filter((k) => k in kinds).map((k): [FaultKind, number] => [k, Number(kinds[k]) || 0]),
          )
        : undefined;
      faults.configure(
        rate > 0 ? { ...faults.options, rate, ...(weights ? { kinds: weights } : {}) } : undefined,
      );
      ctx.events.emit({ type: 'faults-configured', rate: faults.options?.rate ?? 0 });
      return { rate: faults.options?.rate ?? 0, kinds: faults.options?.kinds ?? {} };
    }
    return undefined;
  }

  async #asset(res: ServerResponse, name: string): Promise<void> {
    const text = await readAsset(name);
    writeResponse(res, {
      status: 200,
      headers: { 'content-type': ASSETS[name] as string, 'cache-control': 'no-store' },
      body: text,
    });
  }

  #state(res: ServerResponse): void {
    const { ctx, providers, faults, dispatcher } = this.#deps;
    writeResponse(res, {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: inspectorState(ctx, providers, faults, dispatcher.log),
    });
  }

  #stream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    const send = (event: SandboxEvent) => {
      res.write(`id: ${event.seq}\ndata: ${JSON.stringify({ seq: event.seq, type: event.type })}\n\n`);
    };
    const unsubscribe = this.#deps.ctx.events.subscribe(send);
    this.#streams.add(res);
    req.on('close', () => {
      unsubscribe();
      this.#streams.delete(res);
    });
  }
}
