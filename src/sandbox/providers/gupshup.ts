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
import type { SandboxContext, StatusStep } from '../context.js';
import { digits } from '../context.js';
import { header, type SandboxRequest, type SandboxResponse, tryJson } from '../http.js';
import { templateVariableCounts } from '../templates.js';
import type { InboundContent, SandboxMessage } from '../types.js';

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
]);

/** A WhatsApp-style message id (`gBEGk...`), as Gupshup reports the WhatsApp side. */
const whatsappId = () => `gBEG${randomBytes(12).toString('base64url')}`;

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
  const wamid = whatsappId();
  const now = () => ctx.clock.now();
  const event = (
    status: 'enqueued' | 'sent' | 'delivered' | 'read' | 'failed',
    error?: { code: number; reason: string },
    gupshupSide = false,
  ): StatusStep => ({
    status: status === 'enqueued' ? 'accepted' : status,
    payload: gupshupEventPayload(ctx, message, wamid, status, now(), error, gupshupSide),
    error,
  });
  if (template) {
    const t = ctx.templates.get(template.id);
    if (!t || t.status === 'PENDING' || t.status === 'REJECTED') {
      ctx.progress('gupshup', message, [event('failed', { code: 4003, reason: 'No Template Match' }, true)]);
      return submitted(message);
    }
    if (t.status === 'PAUSED' || t.status === 'DISABLED') {
      ctx.progress('gupshup', message, [event('failed', { code: 4005, reason: 'Paused Template' }, true)]);
      return submitted(message);
    }
    const counts = templateVariableCounts(t);
    if (template.params.length !== counts.body + counts.header) {
      ctx.progress('gupshup', message, [
        event('enqueued'),
        event('failed', {
          code: 132000,
          reason: 'Number of parameters does not match the expected number of params',
        }),
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
  if (failure) ctx.progress('gupshup', message, [event('enqueued'), event('failed', failure)]);
  else
    ctx.progress('gupshup', message, [
      event('enqueued'),
      event('sent'),
      event('delivered'),
      ...(ctx.readsMessages ? [event('read')] : []),
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

/** A v2 inbound `message`. */
export function gupshupInboundPayload(
  ctx: SandboxContext,
  id: string,
  customer: string,
  content: Exclude<InboundContent, string>,
  now: number,
  profileName: string,
): Record<string, unknown> {
  const [type, inner] =
    content.type === 'text'
      ? ['text', { text: content.text }]
      : content.type === 'image'
        ? [
            'image',
            {
              url: content.url,
              contentType: 'image/jpeg',
              urlExpiry: now + 7 * 24 * 3_600_000,
              ...(content.caption ? { caption: content.caption } : {}),
            },
          ]
        : content.type === 'location'
          ? ['location', { longitude: String(content.longitude), latitude: String(content.latitude) }]
          : ['button_reply', { title: content.title, id: content.id, reply: `${content.title} 1` }];
  return envelope(ctx, 'message', now, {
    id,
    source: customer,
    type,
    payload: inner,
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
