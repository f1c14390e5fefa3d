/**
 * The Vonage Messages API, v1 and v0.1: `POST /v1/messages`, `POST /v0.1/messages` and `PATCH /v1/messages/{id}`,
 * with application-JWT (RS256, checked against the application's public key) or Basic auth, body validation
 * against the published schemas, `202 {message_uuid}`, RFC 7807 errors, and v1 / v0.1 status and inbound
 * webhooks. Sources: https://developer.vonage.com/en/api/messages, the Messages API OpenAPI definitions
 * (v0.1 "messages-olympus" 0.4.0, v1 1.3.0), https://developer.vonage.com/messages/guides/migration-guide.
 *
 * Where the published material is uncertain the emulator picks one reading and says so: the 422 `type`
 * anchors (the spec links #1100..#1150 and lists 1400..1450 for the same titles; we use the 14xx codes), and
 * the code of a tier refusal (not documented; 1070 "Partner quota exceeded" here).
 * @module
 */

import {
  createHash,
  createHmac,
  createPublicKey,
  type KeyObject,
  randomUUID,
  verify as verifySignature,
} from 'node:crypto';
import { isBsuid } from '../../core/identity.js';
import { isRecord } from '../../core/record.js';
import type { SandboxContext } from '../context.js';
import { digits } from '../context.js';
import type { SandboxCredentials } from '../credentials.js';
import { header, type SandboxRequest, type SandboxResponse, tryJson } from '../http.js';
import { mediaBody, type StoredMedia } from '../media.js';
import type { EmulatedProvider, StatusUpdate } from '../provider.js';
import type { AsyncRefusal } from '../rules.js';
import type { TemplateStore } from '../templates.js';
import { templateVariableCounts } from '../templates.js';
import type { InboundContent, SandboxMessage } from '../types.js';
import { cloudMessageView, type MessageView, mediaView, templateView } from '../view.js';
import { withVonageIdentity } from './identity.js';

const ERRORS = 'https://developer.nexmo.com/api-errors/messages-olympus';

/** An RFC 7807 problem answer with Vonage's trace header. */
export function problem(
  status: number,
  anchor: string,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): SandboxResponse {
  const instance = randomUUID();
  return {
    status,
    headers: { 'content-type': 'application/problem+json', 'x-nexmo-trace-id': instance, ...headers },
    body: { type: `${ERRORS}#${anchor}`, title, detail, instance, ...extra },
  };
}

/** The v0.1 error shape (`Errors#InvalidParams`, "Invalid Parameters"). */
function problemV01(detail: string): SandboxResponse {
  const instance = randomUUID();
  return {
    status: 400,
    headers: { 'content-type': 'application/problem+json', 'x-nexmo-trace-id': instance },
    body: {
      type: 'https://www.nexmo.com/messages/Errors#InvalidParams',
      title: 'Invalid Parameters',
      detail,
      instance,
    },
  };
}

/** Answers for injected faults, in Vonage's form. */
export function nexmoFault(status: 429 | 500 | 503, headers: Record<string, string> = {}): SandboxResponse {
  if (status === 429)
    return problem(429, '1010', 'Rate Limit Hit', 'Please wait, then retry your request', {}, headers);
  if (status === 500)
    return problem(500, '1000', 'Internal error', 'There was an error processing your request.');
  return problem(503, '1000', 'Service Unavailable', 'The service is temporarily unavailable, please retry.');
}

/** Parsed application public keys, by PEM (parsing on every request would dominate a load test). */
const publicKeys = new Map<string, KeyObject>();
function publicKeyOf(pem: string): KeyObject {
  let key = publicKeys.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    publicKeys.set(pem, key);
  }
  return key;
}

const unauthorized = () =>
  problem(
    401,
    'unathorized',
    'You did not provide correct credentials.',
    "Check that you're using the correct credentials, and that your account has this feature enabled",
  );

/**
 * Checks `Authorization`: an RS256 application JWT signed with the application's private key (its
 * `application_id` must match; `iat` required; `exp` honoured, else 15 minutes; never more than 24 h after
 * `iat`), or Basic `api_key:api_secret`. Returns the 401 answer, or `undefined` when accepted.
 */
export function checkNexmoAuth(ctx: SandboxContext, req: SandboxRequest): SandboxResponse | undefined {
  const creds = ctx.credentials.nexmo;
  const auth = header(req, 'authorization') ?? '';
  const [scheme, value] = auth.split(' ', 2);
  if (scheme?.toLowerCase() === 'basic' && value) {
    return Buffer.from(value, 'base64').toString('utf8') === `${creds.apiKey}:${creds.apiSecret}`
      ? undefined
      : unauthorized();
  }
  if (scheme?.toLowerCase() !== 'bearer' || !value) return unauthorized();
  const parts = value.split('.');
  if (parts.length !== 3) return unauthorized();
  const [h, p, s] = parts as [string, string, string];
  const head = tryJson(Buffer.from(h, 'base64url').toString('utf8'));
  const claims = tryJson(Buffer.from(p, 'base64url').toString('utf8'));
  if (!isRecord(head) || head.alg !== 'RS256' || !isRecord(claims)) return unauthorized();
  const ok = verifySignature(
    'RSA-SHA256',
    Buffer.from(`${h}.${p}`),
    publicKeyOf(creds.publicKey),
    Buffer.from(s, 'base64url'),
  );
  if (!ok || claims.application_id !== creds.applicationId) return unauthorized();
  const now = Math.floor(Date.now() / 1000);
  const iat = claims.iat;
  if (typeof iat !== 'number' || iat > now + 60 || now - iat > 86_400) return unauthorized();
  const exp = typeof claims.exp === 'number' ? claims.exp : iat + 900;
  if (exp <= now) return unauthorized();
  return undefined;
}

const V1_TYPES = new Set([
  'text',
  'image',
  'audio',
  'video',
  'file',
  'template',
  'custom',
  'sticker',
  'reaction',
]);
const V01_TYPES = new Set(['text', 'image', 'audio', 'video', 'file', 'template', 'custom']);

interface Parsed {
  to: string;
  from: string;
  type: string;
  clientRef?: string | undefined;
  template?: { name: string; locale: string; parameters: number | undefined } | undefined;
}

type Invalid = { name: string; reason: string }[];

function mediaIssues(prefix: string, media: unknown, allowId: boolean): Invalid {
  if (!isRecord(media)) return [{ name: prefix, reason: 'is required.' }];
  if (typeof media.url === 'string' && media.url.length > 0) return [];
  if (allowId && typeof media.id === 'string' && media.id.length > 0) return [];
  return [{ name: `${prefix}.url`, reason: 'is required.' }];
}

/** Validates a v1 body; returns the parsed essentials or the `invalid_parameters`. */
export function parseV1(body: Record<string, unknown>): Parsed | { error: SandboxResponse } {
  if (body.channel !== 'whatsapp')
    return {
      error: problem(
        422,
        '1400',
        'Unsupported channel',
        'The channel must be one of the supported channels; this sandbox emulates whatsapp.',
      ),
    };
  const to = typeof body.to === 'string' ? body.to : '';
  // v1 also takes a business-scoped user id in `to`:
  // https://developer.vonage.com/en/messages/guides/handling-whatsapp-usernames-and-bsuids
  if (!/^\d{7,15}$/.test(to) && !isBsuid(to))
    return {
      error: problem(
        422,
        '1430',
        'Invalid recipient',
        'The `to` parameter must be 7 to 15 digits, E.164 without a leading + or 00.',
      ),
    };
  if (typeof body.from !== 'string' || body.from.length === 0)
    return { error: problem(422, '1420', 'Invalid sender', 'The `from` parameter is required.') };
  const type = body.message_type;
  if (typeof type !== 'string' || !V1_TYPES.has(type))
    return {
      error: problem(
        422,
        '1440',
        'Invalid message type',
        `message_type must be one of ${[...V1_TYPES].join(', ')}.`,
      ),
    };
  if (body.client_ref !== undefined && (typeof body.client_ref !== 'string' || body.client_ref.length > 40))
    return {
      error: problem(
        422,
        '1450',
        'Invalid client reference',
        'client_ref must be a string of up to 40 characters.',
      ),
    };
  const invalid: Invalid = [];
  let template: Parsed['template'];
  switch (type) {
    case 'text':
      if (typeof body.text !== 'string' || body.text.length === 0)
        invalid.push({ name: 'text', reason: 'is required.' });
      else if (body.text.length > 4096)
        invalid.push({ name: 'text', reason: 'must be at most 4096 characters.' });
      break;
    case 'image':
    case 'video':
    case 'audio':
    case 'file':
      invalid.push(...mediaIssues(type, body[type], false));
      break;
    case 'sticker':
      invalid.push(...mediaIssues('sticker', body.sticker, true));
      break;
    case 'reaction': {
      const r = body.reaction;
      if (!isRecord(r) || (r.action !== 'react' && r.action !== 'unreact'))
        invalid.push({ name: 'reaction.action', reason: 'must be react or unreact.' });
      if (!isRecord(body.context) || typeof body.context.message_uuid !== 'string')
        invalid.push({ name: 'context.message_uuid', reason: 'is required.' });
      break;
    }
    case 'template': {
      const t = body.template;
      const w = body.whatsapp;
      if (!isRecord(t) || typeof t.name !== 'string' || t.name.length === 0)
        invalid.push({ name: 'template.name', reason: 'is required.' });
      if (
        isRecord(t) &&
        t.parameters !== undefined &&
        (!Array.isArray(t.parameters) || t.parameters.some((x) => typeof x !== 'string'))
      )
        invalid.push({ name: 'template.parameters', reason: 'must be an array of strings.' });
      if (!isRecord(w) || typeof w.locale !== 'string' || w.locale.length === 0)
        invalid.push({ name: 'whatsapp.locale', reason: 'is required.' });
      if (isRecord(w) && w.policy !== undefined && w.policy !== 'deterministic')
        invalid.push({ name: 'whatsapp.policy', reason: 'must be deterministic.' });
      if (invalid.length === 0 && isRecord(t) && isRecord(w))
        template = {
          name: String(t.name),
          locale: String(w.locale),
          parameters: Array.isArray(t.parameters) ? t.parameters.length : 0,
        };
      break;
    }
    case 'custom':
      if (!isRecord(body.custom) || typeof body.custom.type !== 'string')
        invalid.push({ name: 'custom.type', reason: 'is required.' });
      else template = customTemplate(body.custom);
      break;
  }
  if (invalid.length > 0)
    return {
      error: problem(422, '1150', 'Invalid params', 'The value of one or more parameters is invalid.', {
        invalid_parameters: invalid,
      }),
    };
  return { to, from: digits(body.from), type, clientRef: body.client_ref as string | undefined, template };
}

/** A `custom` template (Meta's template object passed through). */
function customTemplate(custom: Record<string, unknown>): Parsed['template'] {
  if (custom.type !== 'template' || !isRecord(custom.template)) return undefined;
  const t = custom.template;
  const language = isRecord(t.language) ? String(t.language.code ?? '') : '';
  const body = Array.isArray(t.components)
    ? t.components.find((c) => isRecord(c) && String(c.type).toLowerCase() === 'body')
    : undefined;
  const parameters = isRecord(body) && Array.isArray(body.parameters) ? body.parameters.length : 0;
  return { name: String(t.name ?? ''), locale: language, parameters };
}

/** Validates a v0.1 body. */
export function parseV01(body: Record<string, unknown>): Parsed | { error: SandboxResponse } {
  const to = isRecord(body.to) ? body.to : undefined;
  const from = isRecord(body.from) ? body.from : undefined;
  if (to?.type !== 'whatsapp' || typeof to.number !== 'string' || !/^\d{7,15}$/.test(to.number))
    return { error: problemV01('to must be {"type":"whatsapp","number":"<7 to 15 digits>"}.') };
  if (from?.type !== 'whatsapp' || typeof from.number !== 'string')
    return { error: problemV01('from must be {"type":"whatsapp","number":"<digits>"}.') };
  const message = isRecord(body.message) ? body.message : undefined;
  const content = message && isRecord(message.content) ? message.content : undefined;
  const type = content?.type;
  if (!content || typeof type !== 'string' || !V01_TYPES.has(type))
    return { error: problemV01(`message.content.type must be one of ${[...V01_TYPES].join(', ')}.`) };
  if (body.client_ref !== undefined && (typeof body.client_ref !== 'string' || body.client_ref.length > 40))
    return { error: problemV01('client_ref must be a string of up to 40 characters.') };
  let template: Parsed['template'];
  if (
    type === 'text' &&
    (typeof content.text !== 'string' || content.text.length === 0 || content.text.length > 4096)
  )
    return { error: problemV01('message.content.text is required (at most 4096 characters).') };
  if (
    ['image', 'audio', 'video', 'file'].includes(type) &&
    mediaIssues(type, content[type], false).length > 0
  )
    return { error: problemV01(`message.content.${type}.url is required.`) };
  if (type === 'custom') {
    if (!isRecord(content.custom)) return { error: problemV01('message.content.custom is required.') };
    template = customTemplate(content.custom);
  }
  if (type === 'template') {
    const t = content.template;
    const w = isRecord(message?.whatsapp) ? message.whatsapp : undefined;
    if (!isRecord(t) || typeof t.name !== 'string')
      return { error: problemV01('message.content.template.name is required.') };
    if (!w || typeof w.locale !== 'string')
      return { error: problemV01('message.whatsapp.locale is required.') };
    // WhatsApp deprecated the fallback policy in January 2020; requests carrying it get a 400.
    if (w.policy !== undefined && w.policy !== 'deterministic')
      return { error: problemV01('message.whatsapp.policy must be deterministic (fallback is deprecated).') };
    template = {
      name: t.name,
      locale: w.locale,
      parameters: Array.isArray(t.parameters) ? t.parameters.length : 0,
    };
  }
  return {
    to: to.number,
    from: digits(from.number),
    type,
    clientRef: body.client_ref as string | undefined,
    template,
  };
}

/** Vonage's error for an asynchronous refusal (status `rejected`). */
function refusalError(reason: AsyncRefusal | 'template' | 'pair-rate' | 'paused'): {
  code: number;
  reason: string;
} {
  switch (reason) {
    case 'window':
      return { code: 1340, reason: 'Outside of the allowed window' };
    case 'tier':
      return { code: 1070, reason: 'Partner quota exceeded' };
    case 'pair-rate':
      return { code: 1241, reason: 'Too many send requests' };
    case 'paused':
    case 'template':
      return { code: 1022, reason: 'Invalid template (invalid template or template parameters)' };
  }
}

/** `POST /v1/messages` and `POST /v0.1/messages`. */
export function handleNexmoSend(
  ctx: SandboxContext,
  req: SandboxRequest,
  version: 'v1' | 'v0.1',
): SandboxResponse {
  const denied = checkNexmoAuth(ctx, req);
  if (denied) return denied;
  const body = tryJson(req.body);
  if (!isRecord(body))
    return version === 'v1'
      ? problem(422, '1150', 'Invalid JSON', 'The request body did not contain valid JSON.')
      : problemV01('The request body did not contain valid JSON.');
  const parsed = version === 'v1' ? parseV1(body) : parseV01(body);
  if ('error' in parsed) return parsed.error;
  const creds = ctx.credentials.nexmo;
  if (parsed.from !== creds.from)
    return version === 'v1'
      ? problem(
          422,
          '1420',
          'Invalid sender',
          `The sender ${parsed.from} is not a WhatsApp number of this application.`,
        )
      : problemV01(`from.number ${parsed.from} is not a WhatsApp number of this application.`);
  // Vonage has no synchronous per-recipient limits; WhatsApp's throughput refusal surfaces as a 429 here.
  const sync = ctx.rules.admit(creds.from, parsed.to);
  if (sync === 'throughput') return nexmoFault(429);
  const category = parsed.template ? 'template' : 'free-form';
  const message = ctx.accept({
    id: randomUUID(),
    provider: 'nexmo',
    to: parsed.to,
    from: parsed.from,
    type: parsed.type,
    category,
    template: parsed.template?.name,
    clientRef: parsed.clientRef,
    body,
  });
  let refusal: Parameters<typeof refusalError>[0] | undefined = sync;
  if (!refusal && parsed.template) {
    const t = ctx.templates.find(parsed.template.name, parsed.template.locale);
    if (!t || t.status === 'PENDING' || t.status === 'REJECTED') refusal = 'template';
    else if (parsed.template.parameters !== templateVariableCounts(t).body) refusal = 'template';
    else if (t.status === 'PAUSED' || t.status === 'DISABLED') refusal = 'paused';
  }
  refusal ??= ctx.rules.deliver(creds.from, parsed.to, category);
  if (refusal) ctx.progress('nexmo', message, [{ status: 'failed', error: refusalError(refusal) }]);
  else
    ctx.progress('nexmo', message, [
      { status: 'sent' },
      { status: 'delivered' },
      ...(ctx.readsMessages ? [{ status: 'read' as const }] : []),
    ]);
  return {
    status: 202,
    headers: { 'x-nexmo-trace-id': randomUUID() },
    body: { message_uuid: message.id },
    accepted: true,
  };
}

/** `PATCH /v1/messages/{message_uuid}`: `{"status":"read"}` or `{"status":"revoked"}`, answered 202. */
export function handleNexmoUpdate(ctx: SandboxContext, req: SandboxRequest, id: string): SandboxResponse {
  const denied = checkNexmoAuth(ctx, req);
  if (denied) return denied;
  const body = tryJson(req.body);
  if (!isRecord(body) || (body.status !== 'read' && body.status !== 'revoked'))
    return problem(422, '1150', 'Invalid params', 'The value of one or more parameters is invalid.', {
      invalid_parameters: [{ name: 'status', reason: 'must be read or revoked.' }],
    });
  if (!ctx.inboundIds.has(id) && !ctx.message(id))
    return problem(404, '1000', 'Not Found', `No message with id ${id} was found.`);
  // `replying_indicator: { show: true, type: "text" }` also shows a typing indicator:
  // https://developer.vonage.com/en/messages/code-snippets/whatsapp/send-replying-indicator
  const indicator = body.replying_indicator;
  if (indicator !== undefined && (!isRecord(indicator) || typeof indicator.show !== 'boolean'))
    return problem(422, '1150', 'Invalid params', 'The value of one or more parameters is invalid.', {
      invalid_parameters: [{ name: 'replying_indicator.show', reason: 'must be a boolean.' }],
    });
  const typing = isRecord(indicator) && indicator.show === true;
  ctx.readReceipts.push({ provider: 'nexmo', messageId: id, ...(typing ? { typing: true } : {}) });
  return { status: 202 };
}

/** A status webhook in the v1 or v0.1 format. */
export function nexmoStatusPayload(
  version: 'v1' | 'v0.1',
  message: SandboxMessage,
  status: 'submitted' | 'delivered' | 'read' | 'rejected',
  now: number,
  error?: { code: number; reason: string },
): Record<string, unknown> {
  const timestamp = new Date(now).toISOString();
  const usage = status === 'delivered' ? { usage: { currency: 'EUR', price: '0.0333' } } : {};
  const ref = message.clientRef !== undefined ? { client_ref: message.clientRef } : {};
  if (version === 'v0.1')
    return {
      message_uuid: message.id,
      to: { type: 'whatsapp', number: message.to },
      from: { type: 'whatsapp', number: message.from },
      timestamp,
      status,
      ...(error ? { error: { code: error.code, reason: error.reason } } : {}),
      ...usage,
      ...ref,
    };
  return {
    message_uuid: message.id,
    to: message.to,
    from: message.from,
    timestamp,
    status,
    channel: 'whatsapp',
    ...(error
      ? {
          error: {
            type: `${ERRORS}#${error.code}`,
            title: String(error.code),
            detail: error.reason,
            instance: randomUUID(),
          },
        }
      : {}),
    ...usage,
    ...ref,
  };
}

/** An inbound-message webhook in the v1 or v0.1 format. */
export function nexmoInboundPayload(
  version: 'v1' | 'v0.1',
  id: string,
  business: string,
  customer: string,
  content: Exclude<InboundContent, string>,
  now: number,
  profileName: string,
): Record<string, unknown> {
  if (version === 'v0.1') {
    const c =
      content.type === 'text'
        ? { type: 'text', text: content.text }
        : content.type === 'image'
          ? {
              type: 'image',
              image: { url: content.url, ...(content.caption ? { caption: content.caption } : {}) },
            }
          : content.type === 'location'
            ? {
                type: 'location',
                location: { latitude: content.latitude, longitude: content.longitude, name: content.name },
              }
            : { type: 'text', text: content.title };
    return {
      message_uuid: id,
      timestamp: new Date(now).toISOString(),
      to: { type: 'whatsapp', number: business },
      from: { type: 'whatsapp', number: customer },
      message: { content: c },
    };
  }
  const base = {
    channel: 'whatsapp',
    message_uuid: id,
    to: business,
    from: customer,
    timestamp: new Date(now).toISOString(),
    profile: { name: profileName },
  };
  switch (content.type) {
    case 'text':
      return { ...base, message_type: 'text', text: content.text };
    case 'image':
      return {
        ...base,
        message_type: 'image',
        image: { url: content.url, ...(content.caption ? { caption: content.caption } : {}) },
      };
    case 'location':
      return {
        ...base,
        message_type: 'location',
        location: { lat: content.latitude, long: content.longitude, name: content.name },
      };
    case 'reply': {
      const context = content.context !== undefined ? { context: { message_uuid: content.context } } : {};
      if (content.source === 'template')
        return {
          ...base,
          ...context,
          message_type: 'button',
          button: { payload: content.id, text: content.title },
        };
      return {
        ...base,
        ...context,
        message_type: 'reply',
        reply: {
          id: content.id,
          title: content.title,
          ...(content.description !== undefined ? { description: content.description } : {}),
        },
      };
    }
  }
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * Signs a Vonage webhook body: an HS256 JWT with `iss: "Vonage"` carrying the SHA-256 hex of the exact body
 * (https://developer.vonage.com/messages/concepts/signed-webhooks).
 */
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

/** Vonage's native status name of a neutral status update. */
function nativeStatus(update: StatusUpdate): 'submitted' | 'delivered' | 'read' | 'rejected' {
  switch (update.status) {
    case 'accepted':
    case 'sent':
      return 'submitted';
    case 'failed':
      return 'rejected';
    default:
      return update.status;
  }
}

/** A Vonage v1 or v0.1 body as the customer sees it. */
function nexmoView(message: SandboxMessage, templates: TemplateStore): MessageView {
  const body = isRecord(message.body) ? message.body : {};
  const v01 = isRecord(body.message) ? body.message : undefined;
  const content = v01 && isRecord(v01.content) ? v01.content : body;
  const type = String((v01 ? content.type : body.message_type) ?? '');
  if (type === 'text') return { kind: 'text', text: typeof content.text === 'string' ? content.text : '' };
  if (type === 'custom') return cloudMessageView(content.custom, templates);
  if (type === 'template') {
    const t = isRecord(content.template) ? content.template : {};
    const w = v01 ? v01.whatsapp : body.whatsapp;
    const locale = isRecord(w) && typeof w.locale === 'string' ? w.locale : undefined;
    // A legacy `namespace:name` names the template after the colon.
    const name = String(t.name ?? '').replace(/^[^:]*:/, '');
    const parameters = Array.isArray(t.parameters) ? t.parameters.map(String) : [];
    return templateView(name, templates.find(name, locale), { body: parameters });
  }
  if (type === 'reaction') {
    const r = isRecord(content.reaction) ? content.reaction : {};
    return { kind: 'reaction', emoji: typeof r.emoji === 'string' ? r.emoji : undefined };
  }
  if (type in content) return mediaView(type, content[type]);
  return { kind: 'other', text: type };
}

/** The Vonage Messages API as an emulated provider. */
export const nexmoProvider: EmulatedProvider<'nexmo'> = {
  id: 'nexmo',
  name: 'Vonage',
  owns: (path) => path.startsWith('/v1/') || path.startsWith('/v0.1/') || path.startsWith('/v3/media/'),
  routes: [
    {
      method: 'POST',
      path: /^\/(v1|v0\.1)\/messages$/,
      send: true,
      handle: (ctx, req, match) => handleNexmoSend(ctx, req, match[1] as 'v1' | 'v0.1'),
    },
    {
      // Inbound media on Vonage's media servers (`/v3/media/<uuid>`): open for 48 h, or behind the
      // application's JWT with Secure Inbound Media on
      // (https://developer.vonage.com/en/messages/concepts/secure-inbound-media).
      method: 'GET',
      path: /^\/v3\/media\/([0-9a-f]{32})$/,
      media: true,
      when: (ctx, _req, match) => ctx.media.get('nexmo', match[1] as string) !== undefined,
      handle: (ctx, req, match) => {
        const denied = ctx.options.media?.secureInbound ? checkNexmoAuth(ctx, req) : undefined;
        return denied ?? mediaBody(ctx.media.get('nexmo', match[1] as string) as StoredMedia);
      },
    },
    {
      method: 'PATCH',
      path: /^\/v1\/messages\/([^/]+)$/,
      handle: (ctx, req, match) => handleNexmoUpdate(ctx, req, decodeURIComponent(match[1] as string)),
    },
  ],
  authorize: checkNexmoAuth,
  fault: nexmoFault,
  notFound: (req) =>
    problem(
      404,
      '1000',
      'Not Found',
      `${req.method} ${req.url.pathname} is not an endpoint of this sandbox.`,
    ),
  businessNumber: (credentials) => credentials.nexmo.from,
  clientConfig: (credentials) => ({
    applicationId: credentials.nexmo.applicationId,
    privateKey: credentials.nexmo.privateKey,
    signatureSecret: credentials.nexmo.signatureSecret,
    from: `+${credentials.nexmo.from}`,
  }),
  inboundMedia: (ctx, media) => ({ url: new URL(`/v3/media/${media.id}`, ctx.media.baseUrl).href }),
  inbound(ctx, input) {
    const id = randomUUID();
    const version = ctx.options.webhooks?.nexmo?.version ?? 'v1';
    const { business, customer, content, now, profileName } = input;
    const payload = nexmoInboundPayload(version, id, business, customer, content, now, profileName);
    return { id, payload: withVonageIdentity(payload, input, version) };
  },
  status: (ctx, message, update) =>
    nexmoStatusPayload(
      ctx.options.webhooks?.nexmo?.version ?? 'v1',
      message,
      nativeStatus(update),
      ctx.clock.now(),
      update.error,
    ),
  view: nexmoView,
  sign(payload, credentials) {
    const body = JSON.stringify(payload);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${signVonageWebhook(body, credentials.nexmo)}`,
      },
    };
  },
  webhookUrl(targets, kind) {
    const target = targets.nexmo;
    if (!target) return undefined;
    return kind === 'status' ? (target.statusUrl ?? target.url) : target.url;
  },
  signingSecrets: (credentials) => ({ signatureSecret: credentials.nexmo.signatureSecret }),
};
