/**
 * Meta's WhatsApp Cloud API (also the transport behind CleverTap as BSP): `POST /{version}/{phone-number-id}/messages`
 * (send and mark-as-read), `GET|POST|DELETE /{version}/{waba-id}/message_templates` and `GET|POST
 * /{version}/{template-id}`, `GET /{version}/{phone-number-id}` (the number's health), bearer-token auth, Graph error objects, `statuses` and `messages` webhooks and
 * `message_template_status_update`. Sources: Meta's OpenAPI description `business-messaging-api_v23.0.yaml`,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes,
 * .../webhooks/reference/messages/status, .../templates/template-management.
 *
 * As on the platform, 131047 (outside the window) arrives as a `failed` status, not as an HTTP error. Chosen
 * here where Meta documents no code: a tier refusal is reported as 131049.
 * @module
 */

import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { isBsuid } from '../../core/identity.js';
import { isRecord } from '../../core/record.js';
import type { SandboxContext } from '../context.js';
import { digits } from '../context.js';
import { cloudApiOwner, type SandboxCredentials } from '../credentials.js';
import { header, metaJson, type SandboxRequest, type SandboxResponse, tryJson } from '../http.js';
import type { StoredMedia } from '../media.js';
import type { EmulatedProvider, SandboxRoute } from '../provider.js';
import { type SandboxTemplate, TemplateOperationError, templateVariableCounts } from '../templates.js';
import type { InboundContent, SandboxMessage } from '../types.js';
import { cloudMessageView } from '../view.js';
import { type CloudProvider, checkAuth, graphError } from './graph.js';
import { withCloudIdentity } from './identity.js';
import { cloudMediaRoutes, knownMediaId } from './meta-media.js';
import { handlePhoneNumberNode, phoneNumberQualityUpdatePayload } from './phone-number.js';

export { type CloudProvider, graphError } from './graph.js';

/** Answers for injected faults, in Graph's form. */
export function metaFault(status: 429 | 500 | 503, headers: Record<string, string> = {}): SandboxResponse {
  if (status === 429)
    return graphError(429, 4, 'Application request limit reached', { transient: true, headers });
  if (status === 500) return graphError(500, 131000, 'Something went wrong', { transient: true });
  return graphError(503, 2, 'Service temporarily unavailable', { transient: true });
}

const noObject = (id: string) =>
  graphError(
    400,
    100,
    `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    { subcode: 33 },
  );

/** Graph's answer to a body that is not a JSON object. */
const notJson = () => graphError(400, 100, 'Invalid parameter: the request body is not valid JSON.');

const MEDIA = new Set(['image', 'video', 'audio', 'document', 'sticker']);
const TYPES = new Set([...MEDIA, 'text', 'location', 'contacts', 'interactive', 'template', 'reaction']);

const INTERACTIVE_TYPES = new Set([
  'button',
  'list',
  'cta_url',
  'location_request_message',
  'flow',
  'product',
  'product_list',
  'catalog_message',
]);

/**
 * The first parameter an interactive object lacks, as Meta names it in a 131008 error (`['action']['name']`),
 * or `undefined`. Required fields from the pages cited in `core/whatsapp-interactive.ts`: a body except on
 * single-product messages; `send_location` / `catalog_message` / `flow` action names; a Flow's
 * `flow_message_version`, `flow_cta` and `flow_id` or `flow_name`; a product's `catalog_id` and
 * `product_retailer_id`; a product list's `catalog_id`, `sections` and text header.
 */
function missingInteractiveParameter(o: Record<string, unknown>): string | undefined {
  const type = String(o.type);
  if (!INTERACTIVE_TYPES.has(type)) return "['type']";
  const action = o.action as Record<string, unknown>;
  const text = (v: unknown) => isRecord(v) && typeof v.text === 'string' && v.text.length > 0;
  if (type !== 'product' && !text(o.body)) return "['body']['text']";
  if (type === 'location_request_message' && action.name !== 'send_location') return "['action']['name']";
  if (type === 'catalog_message' && action.name !== 'catalog_message') return "['action']['name']";
  if (type === 'flow') {
    const p = isRecord(action.parameters) ? action.parameters : undefined;
    if (action.name !== 'flow' || !p) return "['action']['parameters']";
    if (typeof p.flow_message_version !== 'string') return "['action']['parameters']['flow_message_version']";
    if (typeof p.flow_cta !== 'string') return "['action']['parameters']['flow_cta']";
    if (typeof p.flow_id !== 'string' && typeof p.flow_name !== 'string')
      return "['action']['parameters']['flow_id']";
  }
  if ((type === 'product' || type === 'product_list') && typeof action.catalog_id !== 'string')
    return "['action']['catalog_id']";
  if (type === 'product' && typeof action.product_retailer_id !== 'string')
    return "['action']['product_retailer_id']";
  if (type === 'product_list') {
    if (!Array.isArray(action.sections) || action.sections.length === 0) return "['action']['sections']";
    if (!isRecord(o.header) || o.header.type !== 'text') return "['header']";
  }
  return undefined;
}

/** Validates a send body; returns an error answer or `undefined`. */
function validateSend(body: Record<string, unknown>): SandboxResponse | undefined {
  const invalid = (message: string) => graphError(400, 100, message);
  if (body.messaging_product !== 'whatsapp') return invalid('The parameter messaging_product is required.');
  // A customer with a username is addressed by BSUID in `recipient`; `to` (a number) wins when both are given.
  if ((typeof body.to !== 'string' || digits(body.to).length < 7) && !isBsuid(body.recipient))
    return invalid('The parameter to is required.');
  const type = body.type ?? 'text';
  if (typeof type !== 'string' || !TYPES.has(type))
    return invalid(`Param type must be one of {${[...TYPES].join(', ')}}.`);
  const object = body[type];
  if (type === 'contacts' ? !Array.isArray(object) : !isRecord(object))
    return graphError(400, 131008, `Required parameter is missing: ${type}`);
  const o = object as Record<string, unknown>;
  if (type === 'text') {
    if (typeof o.body !== 'string' || o.body.length === 0)
      return graphError(400, 131008, "Required parameter is missing: text['body']");
    if (o.body.length > 4096) return invalid("Param text['body'] must be at most 4096 characters long.");
  }
  if (MEDIA.has(type) && typeof o.id !== 'string' && typeof o.link !== 'string')
    return graphError(400, 131008, `Required parameter is missing: ${type}['id'] or ${type}['link']`);
  if (type === 'location' && (typeof o.latitude !== 'number' || typeof o.longitude !== 'number'))
    return invalid('Param location requires numeric latitude and longitude.');
  if (type === 'reaction' && typeof o.message_id !== 'string')
    return graphError(400, 131008, "Required parameter is missing: reaction['message_id']");
  if (type === 'interactive' && (typeof o.type !== 'string' || !isRecord(o.action)))
    return graphError(400, 131008, "Required parameter is missing: interactive['action']");
  if (type === 'interactive') {
    const missing = missingInteractiveParameter(o);
    if (missing) return graphError(400, 131008, `Required parameter is missing: interactive${missing}`);
  }
  if (type === 'template') {
    if (typeof o.name !== 'string' || o.name.length === 0)
      return graphError(400, 131008, "Required parameter is missing: template['name']");
    if (!isRecord(o.language) || typeof o.language.code !== 'string')
      return graphError(400, 131008, "Required parameter is missing: template['language']['code']");
  }
  return undefined;
}

/** Template checks at send time: existence (132001), paused (132015), disabled (132016), parameter count (132000). */
function checkTemplate(ctx: SandboxContext, o: Record<string, unknown>): SandboxResponse | undefined {
  const name = String(o.name);
  const language = String((o.language as Record<string, unknown>).code);
  const template = ctx.templates.list().find((t) => t.name === name && t.language === language);
  if (!template || template.status === 'PENDING' || template.status === 'REJECTED')
    return graphError(404, 132001, `Template name does not exist in the translation: ${name} (${language})`);
  if (template.status === 'PAUSED') return graphError(400, 132015, `Template is paused: ${name}`);
  if (template.status === 'DISABLED') return graphError(400, 132016, `Template is disabled: ${name}`);
  const components = Array.isArray(o.components) ? o.components.filter(isRecord) : [];
  const given = (kind: string) => {
    const c = components.find((x) => String(x.type).toLowerCase() === kind);
    return Array.isArray(c?.parameters) ? c.parameters.length : 0;
  };
  const counts = templateVariableCounts(template);
  // A media or location header takes one parameter (the media or the place), a text header one per variable.
  // Meta accepts component types and formats in either case (`header` / `HEADER`).
  const mediaHeader = template.components.some(
    (c) =>
      String(c.type).toUpperCase() === 'HEADER' &&
      String((c as { format?: unknown }).format).toUpperCase() !== 'TEXT',
  );
  const expected = { body: counts.body, header: mediaHeader ? 1 : counts.header };
  if (given('body') !== expected.body || given('header') !== expected.header)
    return graphError(400, 132000, 'Number of parameters does not match the expected number of params', {
      details: `body: ${expected.body} expected, ${given('body')} given; header: ${expected.header} expected, ${given('header')} given`,
    });
  const carousel = components.find((x) => String(x.type).toLowerCase() === 'carousel');
  const cards = Array.isArray(carousel?.cards) ? carousel.cards.length : 0;
  if (cards !== counts.cards)
    return graphError(400, 132000, 'Number of parameters does not match the expected number of params', {
      details: `carousel: ${counts.cards} cards expected, ${cards} given`,
    });
  return undefined;
}

/** A `wamid.` message id. */
const wamid = () => `wamid.HBgL${randomBytes(18).toString('base64url')}`;

/** `POST /{version}/{phone-number-id}/messages`. */
export function handleMetaMessages(
  ctx: SandboxContext,
  req: SandboxRequest,
  provider: CloudProvider,
): SandboxResponse {
  const denied = checkAuth(ctx, req, provider);
  if (denied) return denied;
  const body = tryJson(req.body);
  if (!isRecord(body)) return notJson();
  if (body.status === 'read') {
    if (body.messaging_product !== 'whatsapp')
      return graphError(400, 100, 'The parameter messaging_product is required.');
    if (typeof body.message_id !== 'string' || !ctx.inboundIds.has(body.message_id))
      return graphError(
        400,
        100,
        'Invalid parameter: message_id does not name a message received by this number.',
      );
    const typing = body.typing_indicator;
    if (typing !== undefined && (!isRecord(typing) || typing.type !== 'text'))
      return graphError(400, 100, "Invalid parameter: typing_indicator['type'] must be text.");
    ctx.readReceipts.push({ provider, messageId: body.message_id, ...(typing ? { typing: true } : {}) });
    return { status: 200, body: { success: true } };
  }
  const invalid = validateSend(body);
  if (invalid) return invalid;
  const type = String(body.type ?? 'text');
  const object = body[type] as Record<string, unknown>;
  if (MEDIA.has(type) && typeof object.id === 'string' && !knownMediaId(ctx, provider, object.id))
    return graphError(
      400,
      100,
      `Invalid parameter: ${type}['id'] is not a media id uploaded to this number.`,
    );
  if (type === 'template') {
    const refused = checkTemplate(ctx, object);
    if (refused) return refused;
  }
  const creds = ctx.credentials[provider];
  const to =
    typeof body.to === 'string' && digits(body.to).length >= 7 ? digits(body.to) : String(body.recipient);
  const sync = ctx.rules.admit(creds.displayPhoneNumber, to);
  if (sync === 'throughput')
    return graphError(400, 130429, 'Rate limit hit: Cloud API message throughput has been reached.', {
      transient: true,
    });
  if (sync === 'pair-rate')
    return graphError(400, 131056, '(Business Account, Consumer Account) pair rate limit hit');
  const category = type === 'template' ? 'template' : 'free-form';
  const message = ctx.accept({
    id: wamid(),
    provider,
    to,
    from: creds.displayPhoneNumber,
    type,
    category,
    template: type === 'template' ? String(object.name) : undefined,
    clientRef: typeof body.biz_opaque_callback_data === 'string' ? body.biz_opaque_callback_data : undefined,
    body,
  });
  const refusal = ctx.rules.deliver(creds.displayPhoneNumber, to, category);
  if (refusal === 'window')
    ctx.progress(provider, message, [
      {
        status: 'failed',
        error: {
          code: 131047,
          reason:
            'Re-engagement message: more than 24 hours have passed since the recipient last replied to the sender number.',
        },
      },
    ]);
  else if (refusal === 'tier')
    ctx.progress(provider, message, [
      {
        status: 'failed',
        error: {
          code: 131049,
          reason: 'This message was not delivered to maintain healthy ecosystem engagement.',
        },
      },
    ]);
  else
    ctx.progress(provider, message, [
      { status: 'sent' },
      { status: 'delivered' },
      ...(ctx.readsMessages ? [{ status: 'read' as const }] : []),
    ]);
  return {
    status: 200,
    body: {
      messaging_product: 'whatsapp',
      contacts: [isBsuid(to) ? { input: to, user_id: to } : { input: body.to, wa_id: to }],
      messages: [{ id: message.id, message_status: 'accepted' }],
    },
    accepted: true,
  };
}

function operationError(e: unknown): SandboxResponse {
  if (e instanceof TemplateOperationError)
    return graphError(e.httpStatus, e.graphCode, e.message.replace(/^\(#\d+\) /, ''));
  throw e;
}

/** `GET|POST|DELETE /{version}/{waba-id}/message_templates`. */
export function handleTemplateCollection(
  ctx: SandboxContext,
  req: SandboxRequest,
  provider: CloudProvider,
): SandboxResponse {
  const denied = checkAuth(ctx, req, provider);
  if (denied) return denied;
  const store = ctx.templates;
  if (req.method === 'GET') {
    const q = req.url.searchParams;
    let list = store.list();
    const name = q.get('name');
    const status = q.get('status');
    if (name) list = list.filter((t) => t.name.includes(name));
    if (status) list = list.filter((t) => status.split(',').includes(t.status));
    const language = q.get('language');
    const category = q.get('category');
    if (language) list = list.filter((t) => t.language === language);
    if (category) list = list.filter((t) => t.category === category.toUpperCase());
    const limit = Math.max(1, Math.min(Number(q.get('limit') ?? 25) || 25, 1000));
    const after = q.get('after');
    const start = after ? Number(Buffer.from(after, 'base64url').toString()) || 0 : 0;
    const page = list.slice(start, start + limit);
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
    const next = start + limit < list.length ? cursor(start + limit) : undefined;
    return {
      status: 200,
      body: {
        data: page.map((t) => store.toGraph(t)),
        paging: {
          cursors: { before: cursor(start), after: cursor(start + page.length) },
          ...(next ? { next: `${req.url.origin}${req.url.pathname}?limit=${limit}&after=${next}` } : {}),
        },
      },
    };
  }
  if (req.method === 'POST') {
    const body = tryJson(req.body);
    if (!isRecord(body)) return notJson();
    try {
      const template = store.create(body as never, provider);
      scheduleReview(ctx, template);
      return { status: 200, body: { id: template.id, status: template.status, category: template.category } };
    } catch (e) {
      return operationError(e);
    }
  }
  if (req.method === 'DELETE') {
    const name = req.url.searchParams.get('name');
    if (!name) return graphError(400, 100, 'The parameter name is required.');
    try {
      store.delete(name, req.url.searchParams.get('hsm_id') ?? undefined);
      return { status: 200, body: { success: true } };
    } catch (e) {
      return operationError(e);
    }
  }
  return graphError(400, 100, `Unsupported ${req.method} request.`);
}

/** `GET|POST /{version}/{template-id}`. */
export function handleTemplateNode(
  ctx: SandboxContext,
  req: SandboxRequest,
  provider: CloudProvider,
  id: string,
): SandboxResponse {
  const denied = checkAuth(ctx, req, provider);
  if (denied) return denied;
  const template = ctx.templates.get(id);
  if (!template || template.id !== id) return noObject(id);
  if (req.method === 'GET') return { status: 200, body: ctx.templates.toGraph(template) };
  if (req.method === 'POST') {
    const body = tryJson(req.body);
    if (!isRecord(body)) return notJson();
    if (body.name !== undefined && body.name !== template.name)
      return graphError(400, 100, 'The name of a template cannot be changed.');
    if (body.language !== undefined && body.language !== template.language)
      return graphError(400, 100, 'The language of a template cannot be changed.');
    try {
      ctx.templates.edit(id, body);
      scheduleReview(ctx, template);
      return { status: 200, body: { success: true } };
    } catch (e) {
      return operationError(e);
    }
  }
  return noObject(id);
}

/** Reviews a PENDING template after `reviewDelayMs`. */
function scheduleReview(ctx: SandboxContext, template: SandboxTemplate): void {
  const delay = ctx.options.reviewDelayMs ?? 20;
  if (delay === 'manual') return;
  ctx.dispatcher.track(
    new Promise<void>((resolve) =>
      setTimeout(() => {
        ctx.templates.review(template.id);
        resolve();
      }, delay),
    ),
  );
}

/** The Cloud API webhook envelope around one `value`. */
export function cloudEnvelope(
  ctx: SandboxContext,
  provider: CloudProvider,
  field: string,
  value: unknown,
): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: ctx.credentials[provider].wabaId, changes: [{ field, value }] }],
  };
}

function metadata(ctx: SandboxContext, provider: CloudProvider) {
  const c = ctx.credentials[provider];
  return { display_phone_number: c.displayPhoneNumber, phone_number_id: c.phoneNumberId };
}

/** A `statuses` webhook. */
export function metaStatusPayload(
  ctx: SandboxContext,
  provider: CloudProvider,
  message: SandboxMessage,
  status: 'sent' | 'delivered' | 'read' | 'failed',
  now: number,
  error?: { code: number; reason: string },
): Record<string, unknown> {
  const statusObject = {
    id: message.id,
    status,
    timestamp: String(Math.floor(now / 1000)),
    // A message sent to a BSUID is reported by `recipient_user_id`, without `recipient_id`.
    ...(isBsuid(message.to) ? { recipient_user_id: message.to } : { recipient_id: message.to }),
    ...(message.clientRef !== undefined ? { biz_opaque_callback_data: message.clientRef } : {}),
    ...(status !== 'failed'
      ? {
          pricing: {
            billable: message.category === 'template',
            pricing_model: 'PMP',
            type: message.category === 'template' ? 'regular' : 'free_customer_service',
            category: message.category === 'template' ? 'marketing' : 'service',
          },
        }
      : {}),
    ...(error
      ? {
          errors: [
            {
              code: error.code,
              title: error.reason,
              message: error.reason,
              error_data: { details: error.reason },
              href: 'https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes',
            },
          ],
        }
      : {}),
  };
  return cloudEnvelope(ctx, provider, 'messages', {
    messaging_product: 'whatsapp',
    metadata: metadata(ctx, provider),
    statuses: [statusObject],
  });
}

/** A customer's tap: `interactive` `button_reply` / `list_reply`, or `button` for a template quick reply. */
function cloudReply(
  ctx: SandboxContext,
  provider: CloudProvider,
  base: Record<string, unknown>,
  content: Extract<InboundContent, { type: 'reply' }>,
): Record<string, unknown> {
  const context =
    content.context !== undefined
      ? { context: { from: ctx.credentials[provider].displayPhoneNumber, id: content.context } }
      : {};
  if (content.source === 'template')
    return { ...base, ...context, type: 'button', button: { payload: content.id, text: content.title } };
  const interactive =
    content.source === 'list'
      ? {
          type: 'list_reply',
          list_reply: {
            id: content.id,
            title: content.title,
            ...(content.description !== undefined ? { description: content.description } : {}),
          },
        }
      : { type: 'button_reply', button_reply: { id: content.id, title: content.title } };
  return { ...base, ...context, type: 'interactive', interactive };
}

/** An inbound `messages` webhook. */
export function metaInboundPayload(
  ctx: SandboxContext,
  provider: CloudProvider,
  id: string,
  customer: string,
  content: Exclude<InboundContent, string>,
  now: number,
  profileName: string,
  media?: StoredMedia | undefined,
): Record<string, unknown> {
  const base = { from: customer, id, timestamp: String(Math.floor(now / 1000)) };
  const message =
    content.type === 'text'
      ? { ...base, type: 'text', text: { body: content.text } }
      : content.type === 'image'
        ? {
            ...base,
            type: 'image',
            // Stored media carry their real id and hash (Meta's webhooks show the hash in base64).
            image: {
              id: media?.id ?? randomUUID(),
              mime_type: media?.mimeType ?? 'image/jpeg',
              sha256: media
                ? Buffer.from(media.sha256, 'hex').toString('base64')
                : randomBytes(32).toString('base64'),
              ...(content.caption ? { caption: content.caption } : {}),
            },
          }
        : content.type === 'location'
          ? {
              ...base,
              type: 'location',
              location: { latitude: content.latitude, longitude: content.longitude, name: content.name },
            }
          : cloudReply(ctx, provider, base, content);
  return cloudEnvelope(ctx, provider, 'messages', {
    messaging_product: 'whatsapp',
    metadata: metadata(ctx, provider),
    contacts: [{ profile: { name: profileName }, wa_id: customer }],
    messages: [message],
  });
}

/** A `message_template_status_update` webhook. */
export function templateStatusPayload(
  ctx: SandboxContext,
  provider: CloudProvider,
  template: SandboxTemplate,
): Record<string, unknown> {
  return cloudEnvelope(ctx, provider, 'message_template_status_update', {
    event: template.status,
    message_template_id: Number(template.id),
    message_template_name: template.name,
    message_template_language: template.language,
    reason: template.reason,
    ...(template.status === 'REJECTED' && template.rejectionDetails.length > 0
      ? {
          rejection_info: {
            reason: template.rejectionDetails.join('; '),
            recommendation: 'Fix the issues and resubmit.',
          },
        }
      : {}),
  });
}

/** A new inbound message id. */
export const metaInboundId = wamid;

/** The `X-Hub-Signature-256` value of `body` under `appSecret`. */
export function signMetaWebhook(body: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body, 'utf8').digest('hex')}`;
}

const GRAPH = /^\/v\d+\.\d+\//;

/** The Graph endpoints of `provider`'s number and WABA: messages, template collection, template nodes. */
function cloudApiRoutes(provider: CloudProvider): SandboxRoute[] {
  const owner = (ctx: SandboxContext, match: RegExpMatchArray) =>
    cloudApiOwner(ctx.credentials, match[1] as string);
  return [
    ...cloudMediaRoutes(provider),
    {
      method: 'POST',
      path: /^\/v\d+\.\d+\/(\d+)\/messages\/?$/,
      send: true,
      when: (ctx, _req, match) =>
        owner(ctx, match)?.provider === provider && owner(ctx, match)?.kind === 'phone',
      handle: (ctx, req) => handleMetaMessages(ctx, req, provider),
    },
    {
      path: /^\/v\d+\.\d+\/(\d+)\/message_templates\/?$/,
      when: (ctx, _req, match) =>
        owner(ctx, match)?.provider === provider && owner(ctx, match)?.kind === 'waba',
      handle: (ctx, req) => handleTemplateCollection(ctx, req, provider),
    },
    {
      method: 'GET',
      path: /^\/v\d+\.\d+\/(\d+)\/?$/,
      when: (ctx, _req, match) =>
        owner(ctx, match)?.provider === provider && owner(ctx, match)?.kind === 'phone',
      handle: (ctx, req) => handlePhoneNumberNode(ctx, req, provider),
    },
    {
      // A template node belongs to whichever Cloud API account's token asks for it.
      path: /^\/v\d+\.\d+\/(\d+)\/?$/,
      when: (ctx, req, match) =>
        owner(ctx, match) === undefined &&
        (provider === 'meta' ||
          header(req, 'authorization') === `Bearer ${ctx.credentials[provider].accessToken}`),
      handle: (ctx, req, match) => handleTemplateNode(ctx, req, provider, match[1] as string),
    },
  ];
}

/**
 * The parts of an emulated provider every Cloud API number shares (Meta's own, and CleverTap's as BSP): Graph
 * routes, bearer auth, Graph errors, `messages`/`statuses` webhooks signed with `X-Hub-Signature-256`.
 */
export function cloudApiProvider<P extends CloudProvider>(
  provider: P,
): Omit<EmulatedProvider<P>, 'name' | 'clientConfig'> {
  return {
    id: provider,
    owns: (path) => GRAPH.test(path),
    routes: cloudApiRoutes(provider),
    authorize: (ctx, req) => checkAuth(ctx, req, provider),
    fault: metaFault,
    notFound: (req) =>
      graphError(
        400,
        100,
        `Unsupported ${req.method.toLowerCase()} request. Object with ID '${req.url.pathname.split('/')[2] ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        { subcode: 33 },
      ),
    businessNumber: (credentials) => credentials[provider].displayPhoneNumber,
    inbound(ctx, input) {
      const id = wamid();
      const { customer, content, now, profileName } = input;
      const payload = metaInboundPayload(
        ctx,
        provider,
        id,
        customer,
        content,
        now,
        profileName,
        input.media?.stored,
      );
      return { id, payload: withCloudIdentity(payload, input) };
    },
    // The webhook carries the media id; the URL comes from `GET /{media-id}`.
    inboundMedia: () => ({}),
    status: (ctx, message, update) =>
      metaStatusPayload(
        ctx,
        provider,
        message,
        update.status === 'accepted' ? 'sent' : update.status,
        ctx.clock.now(),
        update.error,
      ),
    view: (message, templates) => cloudMessageView(message.body, templates),
    templateStatus: (ctx, template) => templateStatusPayload(ctx, provider, template),
    messagingLimitUpdate: (ctx, oldLimit, newLimit) =>
      phoneNumberQualityUpdatePayload(ctx, provider, oldLimit, newLimit),
    sign(payload, credentials) {
      const body = metaJson(payload);
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signMetaWebhook(body, credentials[provider].appSecret),
        },
      };
    },
    webhookUrl: (targets) => targets[provider]?.url,
    signingSecrets: (credentials) => ({ appSecret: credentials[provider].appSecret }),
    verifyToken: (credentials) => credentials[provider].verifyToken,
  };
}

/** The client fields of a Cloud API number (CleverTap adds its account fields). */
export function cloudApiClientFields(credentials: SandboxCredentials, provider: CloudProvider) {
  const c = credentials[provider];
  return {
    accessToken: c.accessToken,
    phoneNumberId: c.phoneNumberId,
    wabaId: c.wabaId,
    appSecret: c.appSecret,
    verifyToken: c.verifyToken,
    appId: c.appId,
    apiVersion: 'v23.0',
  };
}

/** Meta's Cloud API as an emulated provider. */
export const metaProvider: EmulatedProvider<'meta'> = {
  ...cloudApiProvider('meta'),
  name: 'Meta Cloud API',
  clientConfig: (credentials) => cloudApiClientFields(credentials, 'meta'),
};
