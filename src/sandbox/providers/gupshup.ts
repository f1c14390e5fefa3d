/**
 * Gupshup's self-serve WhatsApp API: `POST /wa/api/v1/msg` (session) and `POST /wa/api/v1/template/msg`
 * (template by Gupshup template id), `apikey` header, form-encoded fields with JSON strings inside, answered
 * `{"status":"submitted","messageId":...}` or `{"status":"error","message":...}`; `PUT
 * /wa/app/{appId}/msg/{msgId}/read`; v2 callbacks (`message-event` enqueued / sent / delivered / read / failed,
 * inbound `message`). Per-recipient failures (window 470, paused template 4005, no template match 4003) are not
 * HTTP errors: they arrive as `failed` events, as on the real service.
 * Sources: https://docs.gupshup.io/docs/session-messages, https://docs.gupshup.io/docs/template-messages,
 * https://docs.gupshup.io/docs/message-events, https://docs.gupshup.io/docs/inbound-messages,
 * https://docs.gupshup.io/docs/error-and-status-messages.
 *
 * Not documented, chosen here: the error text for a missing `message`/`template` field, and the code of a
 * tier or pair-rate refusal (Meta's 131049 / 131056 passed through, as Gupshup does for other Meta codes).
 * @module
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { isRecord } from '../../core/record.js';
import type { SandboxContext } from '../context.js';
import { digits } from '../context.js';
import { header, type SandboxRequest, type SandboxResponse, tryJson } from '../http.js';
import { mediaBody } from '../media.js';
import type { EmulatedProvider, InboundMedia } from '../provider.js';
import { type TemplateStore, templateVariableCounts } from '../templates.js';
import type { InboundContent, SandboxMessage } from '../types.js';
import { type MessageView, mediaView, templateView } from '../view.js';
import { withGupshupIdentity } from './identity.js';

/** `{"status":"error","message":...}` with an HTTP status. */
export function gupshupError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return { status, headers, body: { status: 'error', message } };
}

/** Answers for injected faults, in Gupshup's form. */
export function gupshupFault(status: 429 | 500 | 503, headers: Record<string, string> = {}): SandboxResponse {
  if (status === 429) return gupshupError(429, 'Too Many Requests', headers);
  if (status === 500) return gupshupError(500, 'Internal server error. Please try again later');
  return gupshupError(503, 'Service Unavailable. Please try again later');
}

const SESSION_TYPES = new Set([
  'text',
  'image',
  'video',
  'file',
  'audio',
  'sticker',
  'location',
  'contact',
  'list',
  'quick_reply',
  'product_details',
]);

/** `product_details` sub-types (https://docs.gupshup.io/docs/send-single-product-message and siblings). */
const PRODUCT_SUBTYPES = new Set(['product', 'product_list', 'catalog_message']);

/** Gupshup's documented requirements of an interactive session message, or `undefined` when it meets them. */
function interactiveRefusal(message: Record<string, unknown>): string | undefined {
  if (message.type === 'list') {
    // https://docs.gupshup.io/reference/post_wa-api-v1-msg-1 marks every option's description required.
    const rows = objects(message.items).flatMap((item) => objects(item.options));
    if (rows.some((r) => typeof r.description !== 'string' || r.description === ''))
      return 'Invalid Message: every list option needs a description';
  }
  if (message.type === 'product_details') {
    if (!PRODUCT_SUBTYPES.has(text(message.subType)))
      return `Invalid Message: subType must be one of ${[...PRODUCT_SUBTYPES].join(', ')}`;
    if (message.subType !== 'catalog_message' && !text(message.catalogId))
      return 'Invalid Message: catalogId is required';
    if (message.subType === 'product' && !text(message.productId))
      return 'Invalid Message: productId is required';
    if (message.subType === 'product_list' && objects(message.sections).length === 0)
      return 'Invalid Message: sections are required';
  }
  return undefined;
}

/** A WhatsApp-style message id (`gBEGk...`), as Gupshup reports the WhatsApp side. */
const whatsappId = () => `gBEG${randomBytes(12).toString('base64url')}`;

/** The WhatsApp-side id of each accepted message (Gupshup reports both its own id and this one). */
const whatsappIds = new WeakMap<SandboxMessage, string>();

function checkAuth(ctx: SandboxContext, req: SandboxRequest): SandboxResponse | undefined {
  return header(req, 'apikey') === ctx.credentials.gupshup.apiKey
    ? undefined
    : gupshupError(401, 'Authentication Failed');
}

/** `POST /wa/api/v1/msg` (`kind: 'session'`) and `POST /wa/api/v1/template/msg` (`kind: 'template'`). */
export function handleGupshupSend(
  ctx: SandboxContext,
  req: SandboxRequest,
  kind: 'session' | 'template',
): SandboxResponse {
  const denied = checkAuth(ctx, req);
  if (denied) return denied;
  const form = new URLSearchParams(req.body);
  const creds = ctx.credentials.gupshup;
  if (form.get('channel') !== 'whatsapp') return gupshupError(400, 'Invalid Channel');
  if (digits(form.get('source')) !== creds.source || form.get('src.name') !== creds.appName)
    return gupshupError(400, 'Invalid App Details');
  const destination = form.get('destination') ?? '';
  if (!/^\d{7,15}$/.test(destination)) return gupshupError(400, 'Invalid Destination');
  let type: string;
  let template: { id: string; params: unknown[] } | undefined;
  if (kind === 'session') {
    const message = tryJson(form.get('message') ?? '');
    if (!isRecord(message) || typeof message.type !== 'string' || !SESSION_TYPES.has(message.type))
      return gupshupError(
        400,
        `Invalid Message: message must be a JSON object whose type is one of ${[...SESSION_TYPES].join(', ')}`,
      );
    if (message.type === 'text' && (typeof message.text !== 'string' || message.text.length === 0))
      return gupshupError(400, 'Invalid Message: text is required');
    const refusal = interactiveRefusal(message);
    if (refusal) return gupshupError(400, refusal);
    type = message.type;
  } else {
    const t = tryJson(form.get('template') ?? '');
    if (!isRecord(t) || typeof t.id !== 'string' || t.id.length === 0)
      return gupshupError(
        400,
        'Invalid Template: template must be a JSON object with the Gupshup template id',
      );
    if (t.params !== undefined && !Array.isArray(t.params))
      return gupshupError(400, 'Invalid Template: params must be an array');
    template = { id: t.id, params: (t.params as unknown[] | undefined) ?? [] };
    type = 'template';
  }
  const sync = ctx.rules.admit(creds.source, destination);
  if (sync === 'throughput') return gupshupFault(429);
  const category = kind === 'template' ? 'template' : 'free-form';
  const message = ctx.accept({
    id: randomUUID(),
    provider: 'gupshup',
    to: destination,
    from: creds.source,
    type,
    category,
    template: template?.id,
    body: Object.fromEntries(form),
  });
  whatsappIds.set(message, whatsappId());
  if (template) {
    const t = ctx.templates.get(template.id);
    if (!t || t.status === 'PENDING' || t.status === 'REJECTED') {
      ctx.progress('gupshup', message, [
        { status: 'failed', error: { code: 4003, reason: 'No Template Match' }, byBsp: true },
      ]);
      return submitted(message);
    }
    if (t.status === 'PAUSED' || t.status === 'DISABLED') {
      ctx.progress('gupshup', message, [
        { status: 'failed', error: { code: 4005, reason: 'Paused Template' }, byBsp: true },
      ]);
      return submitted(message);
    }
    // `params` fill the header, body, dynamic buttons (URL suffixes, copy codes, OTP codes) and carousel cards in
    // order, then a catalog or MPM button's thumbnail product when one is chosen.
    const counts = templateVariableCounts(t);
    const expected = counts.header + counts.body + counts.buttons + counts.cardValues;
    if (template.params.length < expected || template.params.length > expected + counts.products) {
      ctx.progress('gupshup', message, [
        { status: 'accepted' },
        {
          status: 'failed',
          error: {
            code: 132000,
            reason: 'Number of parameters does not match the expected number of params',
          },
        },
      ]);
      return submitted(message);
    }
  }
  const refusal = sync ?? ctx.rules.deliver(creds.source, destination, category);
  const failure =
    refusal === 'window'
      ? {
          code: 470,
          reason:
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number',
        }
      : refusal === 'tier'
        ? { code: 131049, reason: 'This message was not delivered to maintain healthy ecosystem engagement.' }
        : refusal === 'pair-rate'
          ? { code: 131056, reason: '(Business Account, Consumer Account) pair rate limit hit' }
          : undefined;
  if (failure)
    ctx.progress('gupshup', message, [{ status: 'accepted' }, { status: 'failed', error: failure }]);
  else
    ctx.progress('gupshup', message, [
      { status: 'accepted' },
      { status: 'sent' },
      { status: 'delivered' },
      ...(ctx.readsMessages ? [{ status: 'read' as const }] : []),
    ]);
  return submitted(message);
}

function submitted(message: SandboxMessage): SandboxResponse {
  return { status: 202, body: { status: 'submitted', messageId: message.id }, accepted: true };
}

/** `PUT /wa/app/{appId}/msg/{msgId}/read`. */
export function handleGupshupRead(
  ctx: SandboxContext,
  req: SandboxRequest,
  appId: string,
  msgId: string,
): SandboxResponse {
  const denied = checkAuth(ctx, req);
  if (denied) return denied;
  if (appId !== ctx.credentials.gupshup.appId) return gupshupError(400, 'Invalid App Details');
  if (!ctx.inboundIds.has(msgId)) return gupshupError(400, 'Invalid Message Id');
  ctx.readReceipts.push({ provider: 'gupshup', messageId: msgId });
  return { status: 200 };
}

/** The v2 envelope. */
function envelope(ctx: SandboxContext, type: string, now: number, payload: unknown): Record<string, unknown> {
  return {
    app: ctx.credentials.gupshup.appName,
    timestamp: now,
    version: 2,
    type,
    payload,
  };
}

/** A v2 `message-event`. */
export function gupshupEventPayload(
  ctx: SandboxContext,
  message: SandboxMessage,
  wamid: string,
  status: 'enqueued' | 'sent' | 'delivered' | 'read' | 'failed',
  now: number,
  error?: { code: number; reason: string },
  gupshupSide = false,
): Record<string, unknown> {
  const base = { destination: message.to };
  let payload: Record<string, unknown>;
  switch (status) {
    case 'enqueued':
      payload = {
        id: message.id,
        type: 'enqueued',
        ...base,
        payload: { whatsappMessageId: wamid, type: message.category === 'template' ? 'template' : 'session' },
      };
      break;
    case 'failed':
      payload = gupshupSide
        ? { id: message.id, type: 'failed', ...base, payload: { code: error?.code, reason: error?.reason } }
        : {
            id: wamid,
            gsId: message.id,
            type: 'failed',
            ...base,
            payload: { code: error?.code, reason: error?.reason },
          };
      break;
    default:
      payload = {
        id: wamid,
        gsId: message.id,
        type: status,
        ...base,
        payload: { ts: Math.floor(now / 1000) },
        ...(status === 'sent'
          ? {
              pricing: {
                policy: 'PMP',
                category: message.category === 'template' ? 'marketing' : 'service',
              },
            }
          : {}),
      };
  }
  return envelope(ctx, 'message-event', now, payload);
}

/**
 * A customer's tap: `button_reply` / `list_reply` for session interactive messages, `quick_reply` with an inner
 * `type: "button"` for a template quick reply (https://docs.gupshup.io/docs/inbound-messages).
 */
function gupshupReply(
  content: Extract<InboundContent, { type: 'reply' }>,
): [string, Record<string, unknown>] {
  if (content.source === 'template')
    return ['quick_reply', { type: 'button', text: content.title, postbackText: content.id }];
  if (content.source === 'list')
    return [
      'list_reply',
      {
        title: content.title,
        id: content.id,
        reply: `${content.title} 1`,
        postbackText: content.id,
        ...(content.description !== undefined ? { description: content.description } : {}),
      },
    ];
  return ['button_reply', { title: content.title, id: content.id, reply: `${content.title} 1` }];
}

/** A v2 inbound `message`. */
export function gupshupInboundPayload(
  ctx: SandboxContext,
  id: string,
  customer: string,
  content: Exclude<InboundContent, string>,
  now: number,
  profileName: string,
  media?: InboundMedia | undefined,
): Record<string, unknown> {
  const [type, inner] =
    content.type === 'text'
      ? ['text', { text: content.text }]
      : content.type === 'image'
        ? [
            'image',
            {
              url: content.url,
              contentType: content.mimeType ?? 'image/jpeg',
              urlExpiry: media?.expiresAt ?? now + 7 * 24 * 3_600_000,
              ...(content.caption ? { caption: content.caption } : {}),
            },
          ]
        : content.type === 'location'
          ? ['location', { longitude: String(content.longitude), latitude: String(content.latitude) }]
          : gupshupReply(content);
  return envelope(ctx, 'message', now, {
    id,
    source: customer,
    type,
    payload: inner,
    ...(content.type === 'reply' && content.context !== undefined
      ? { context: { id: content.context } }
      : {}),
    sender: {
      phone: customer,
      name: profileName,
      country_code: customer.slice(0, 2),
      dial_code: customer.slice(2),
    },
  });
}

/** A WhatsApp-style id for an inbound Gupshup message. */
export const gupshupInboundId = whatsappId;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const objects = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isRecord) : [];

/** A Gupshup session `message` or `template` form as the customer sees it. */
function gupshupView(message: SandboxMessage, templates: TemplateStore): MessageView {
  const form = isRecord(message.body) ? message.body : {};
  const m = tryJson(text(form.message));
  const o = isRecord(m) ? m : {};
  const t = tryJson(text(form.template));
  if (isRecord(t)) {
    const stored = templates.get(text(t.id));
    const params = Array.isArray(t.params) ? t.params.map(String) : [];
    const counts = stored ? templateVariableCounts(stored) : { header: 0, body: params.length };
    const payloads: Record<number, string> = {};
    for (const p of objects(tryJson(text(form.postbackTexts)))) payloads[Number(p.index)] = text(p.text);
    const type = text(o.type);
    const media = isRecord(o[type]) ? (o[type] as Record<string, unknown>) : {};
    const header: MessageView['header'] =
      type === 'image' || type === 'video' || type === 'document'
        ? { type, url: text(media.link) || undefined, id: text(media.id) || undefined }
        : undefined;
    return templateView(stored?.name ?? text(t.id), stored, {
      headerText: params.slice(0, counts.header),
      body: params.slice(counts.header, counts.header + counts.body),
      header,
      payloads,
    });
  }
  const type = text(o.type);
  switch (type) {
    case 'text':
      return { kind: 'text', text: text(o.text) };
    case 'location':
      return {
        kind: 'location',
        location: {
          latitude: Number(o.latitude),
          longitude: Number(o.longitude),
          name: text(o.name) || undefined,
          address: text(o.address) || undefined,
        },
      };
    case 'quick_reply': {
      const c = isRecord(o.content) ? o.content : {};
      const contentType = text(c.type);
      const media = contentType === 'image' || contentType === 'video' || contentType === 'file';
      return {
        kind: 'interactive',
        header: media
          ? { type: contentType === 'file' ? 'document' : contentType, url: text(c.url) || undefined }
          : c.header
            ? { type: 'text', text: text(c.header) }
            : undefined,
        text: text(c.text),
        footer: text(c.caption) || undefined,
        buttons: objects(o.options).map((b) => ({
          type: 'reply',
          title: text(b.title),
          id: text(b.postbackText) || text(b.title),
        })),
      };
    }
    case 'list':
      return {
        kind: 'interactive',
        header: o.title ? { type: 'text', text: text(o.title) } : undefined,
        text: text(o.body),
        footer: text(o.footer) || undefined,
        list: {
          button: text(objects(o.globalButtons)[0]?.title) || 'Menu',
          sections: objects(o.items).map((s) => ({
            title: text(s.title) || undefined,
            rows: objects(s.options).map((r) => ({
              id: text(r.postbackText) || text(r.title),
              title: text(r.title),
              description: text(r.description) || undefined,
            })),
          })),
        },
      };
    case 'product_details': {
      const textOf = (v: unknown) => (isRecord(v) ? text(v.text) || undefined : undefined);
      const base: MessageView = {
        kind: 'interactive',
        header: textOf(o.header) ? { type: 'text', text: textOf(o.header) ?? '' } : undefined,
        text: textOf(o.body),
        footer: textOf(o.footer),
      };
      if (o.subType === 'product_list')
        return {
          ...base,
          list: {
            button: 'View items',
            sections: objects(o.sections).map((s) => ({
              title: text(s.title) || undefined,
              rows: objects(s.productList).map((p) => ({ id: text(p.productId), title: text(p.productId) })),
            })),
          },
        };
      const product = o.subType === 'product';
      return {
        ...base,
        buttons: [
          {
            type: 'catalog',
            title: product ? 'View' : 'View catalog',
            value: text(product ? o.productId : o.thumbnailId) || undefined,
          },
        ],
      };
    }
    default:
      return type ? mediaView(type, o) : { kind: 'other' };
  }
}

/** Gupshup's self-serve API as an emulated provider. */
export const gupshupProvider: EmulatedProvider<'gupshup'> = {
  id: 'gupshup',
  name: 'Gupshup',
  owns: (path) => path.startsWith('/wa/'),
  routes: [
    {
      method: 'POST',
      path: /^\/wa\/api\/v1\/msg$/,
      send: true,
      handle: (ctx, req) => handleGupshupSend(ctx, req, 'session'),
    },
    {
      method: 'POST',
      path: /^\/wa\/api\/v1\/template\/msg$/,
      send: true,
      handle: (ctx, req) => handleGupshupSend(ctx, req, 'template'),
    },
    {
      // A filemanager link: no credentials, dead once its `urlExpiry` passed on the sandbox clock (410, chosen:
      // Gupshup documents the expiry, not the answer; https://docs.gupshup.io/docs/media).
      method: 'GET',
      path: /^\/wa\/filemanager\/media\/([A-Za-z0-9_-]{1,64})$/,
      media: true,
      handle: (ctx, _req, match) => {
        const media = ctx.media.redeem('gupshup', match[1] as string);
        return media ? mediaBody(media) : gupshupError(410, 'The media link has expired');
      },
    },
    {
      method: 'PUT',
      path: /^\/wa\/app\/([^/]+)\/msg\/([^/]+)\/read$/,
      handle: (ctx, req, match) =>
        handleGupshupRead(
          ctx,
          req,
          decodeURIComponent(match[1] as string),
          decodeURIComponent(match[2] as string),
        ),
    },
  ],
  authorize: checkAuth,
  fault: gupshupFault,
  notFound: () => gupshupError(404, 'Not Found'),
  businessNumber: (credentials) => credentials.gupshup.source,
  clientConfig: (credentials) => ({
    apiKey: credentials.gupshup.apiKey,
    appName: credentials.gupshup.appName,
    appId: credentials.gupshup.appId,
    source: `+${credentials.gupshup.source}`,
  }),
  inboundMedia(ctx, media) {
    const { token, expiresAt } = ctx.media.issue(media);
    return { url: new URL(`/wa/filemanager/media/${token}`, ctx.media.baseUrl).href, expiresAt };
  },
  inbound(ctx, input) {
    const id = whatsappId();
    const { customer, content, now, profileName } = input;
    const payload = gupshupInboundPayload(ctx, id, customer, content, now, profileName, input.media);
    return { id, payload: withGupshupIdentity(payload, input) };
  },
  status(ctx, message, update) {
    let wamid = whatsappIds.get(message);
    if (!wamid) {
      wamid = whatsappId();
      whatsappIds.set(message, wamid);
    }
    const status = update.status === 'accepted' ? 'enqueued' : update.status;
    return gupshupEventPayload(ctx, message, wamid, status, ctx.clock.now(), update.error, update.byBsp);
  },
  view: gupshupView,
  sign(payload, _credentials, targets) {
    return {
      body: JSON.stringify(payload),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'waba-kit-sandbox (Gupshup callback)',
        ...targets.gupshup?.headers,
      },
    };
  },
  webhookUrl: (targets) => targets.gupshup?.url,
  // Gupshup does not sign callbacks; a shared secret travels in the subscription's extra headers.
  signingSecrets: () => ({}),
};
