/**
 * Cloud API media in the sandbox (Meta's own numbers and CleverTap's): `POST /{version}/{phone-number-id}/media`
 * (multipart `messaging_product`, `type`, `file`) answered `{ id }`; `GET /{version}/{media-id}` (the media
 * object: `url`, `mime_type`, `sha256` in hex, `file_size`) and `DELETE`; the short-lived download URL, which
 * needs the bearer token and answers 404 once `media.urlTtlMs` has passed on the sandbox clock; and the Resumable
 * Upload API (`POST /{version}/{app-id}/uploads` -> `{ id: "upload:..." }`, `POST /{version}/upload:<id>` with
 * `file_offset` -> `{ h }`, `GET /{version}/upload:<id>` -> `{ id, file_offset }`).
 * Sources: https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/media/media-api,
 * https://developers.facebook.com/docs/graph-api/guides/upload.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { cloudApiOwner } from '../credentials.js';
import { header, type SandboxRequest, type SandboxResponse } from '../http.js';
import { MAX_SANDBOX_MEDIA_BYTES, mediaBody, type StoredMedia } from '../media.js';
import { multipartBoundary, parseMultipart } from '../multipart.js';
import type { SandboxRoute } from '../provider.js';
import { type CloudProvider, checkAuth, graphError } from './graph.js';

/** The path of the emulated lookaside download URL. */
const ATTACHMENTS = /^\/whatsapp_business\/attachments\/?$/;

/** Room for the multipart framing around the largest file. */
const UPLOAD_LIMIT = MAX_SANDBOX_MEDIA_BYTES + 64 * 1024;

/** Whether `id` names a file stored for `provider` (a send by media id must name one). */
export function knownMediaId(ctx: SandboxContext, provider: CloudProvider, id: string): boolean {
  return ctx.media.get(provider, id) !== undefined;
}

const invalid = (message: string) => graphError(400, 100, `Invalid parameter: ${message}`);

/** The media object of `media`, with a freshly issued download URL. */
function mediaObject(ctx: SandboxContext, media: StoredMedia): Record<string, unknown> {
  const { token, expiresAt } = ctx.media.issue(media);
  const url = new URL('/whatsapp_business/attachments/', ctx.media.baseUrl);
  url.searchParams.set('mid', media.id);
  url.searchParams.set('ext', String(Math.floor(expiresAt / 1000)));
  url.searchParams.set('hash', token);
  return {
    messaging_product: 'whatsapp',
    url: url.href,
    mime_type: media.mimeType,
    sha256: media.sha256,
    file_size: media.bytes.length,
    id: media.id,
  };
}

/** `POST /{version}/{phone-number-id}/media`. */
function handleUpload(ctx: SandboxContext, req: SandboxRequest, provider: CloudProvider): SandboxResponse {
  const denied = checkAuth(ctx, req, provider);
  if (denied) return denied;
  const boundary = multipartBoundary(header(req, 'content-type'));
  if (!boundary) return invalid('the upload must be multipart/form-data.');
  const parts = parseMultipart(req.raw ?? Buffer.from(req.body), boundary);
  if (!parts) return invalid('the multipart body is malformed.');
  const field = (name: string) => parts.find((p) => p.name === name);
  if (field('messaging_product')?.data.toString() !== 'whatsapp')
    return graphError(400, 100, 'The parameter messaging_product is required.');
  const file = field('file');
  if (!file || file.data.length === 0) return graphError(400, 100, 'The parameter file is required.');
  const type = field('type')?.data.toString() || file.contentType;
  if (!type) return graphError(400, 100, 'The parameter type is required.');
  const media = ctx.media.add(provider, file.data, type, file.filename);
  return { status: 200, body: { id: media.id } };
}

/** `GET|DELETE /{version}/{media-id}`. */
function handleMediaNode(
  ctx: SandboxContext,
  req: SandboxRequest,
  provider: CloudProvider,
  id: string,
): SandboxResponse {
  const denied = checkAuth(ctx, req, provider);
  if (denied) return denied;
  const phone = req.url.searchParams.get('phone_number_id');
  if (phone !== null && phone !== ctx.credentials[provider].phoneNumberId)
    return invalid('phone_number_id is not the number this media belongs to.');
  const media = ctx.media.get(provider, id);
  if (!media) return graphError(404, 100, `Media ${id} does not exist.`, { subcode: 33 });
  if (req.method === 'DELETE') {
    ctx.media.delete(provider, id);
    return { status: 200, body: { success: true } };
  }
  return { status: 200, body: mediaObject(ctx, media) };
}

/** The lookaside download: the bearer token is required, and the URL dies after its life on the sandbox clock. */
function handleDownload(ctx: SandboxContext, req: SandboxRequest, provider: CloudProvider): SandboxResponse {
  const denied = checkAuth(ctx, req, provider);
  if (denied) return denied;
  const media = ctx.media.redeem(provider, req.url.searchParams.get('hash') ?? '');
  if (!media || media.id !== req.url.searchParams.get('mid'))
    return { status: 404, body: { error: 'Not Found', detail: 'The media URL has expired.' } };
  return mediaBody(media);
}

/** The Resumable Upload API steps take `OAuth <token>` (as documented) or `Bearer <token>`. */
function checkUploadAuth(
  ctx: SandboxContext,
  req: SandboxRequest,
  provider: CloudProvider,
): SandboxResponse | undefined {
  const auth = header(req, 'authorization') ?? '';
  const token = ctx.credentials[provider].accessToken;
  if (auth === `OAuth ${token}` || auth === `Bearer ${token}`) return undefined;
  return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
}

/** `POST /{version}/{app-id}/uploads?file_name=&file_length=&file_type=`. */
function handleStartSession(
  ctx: SandboxContext,
  req: SandboxRequest,
  provider: CloudProvider,
): SandboxResponse {
  const denied = checkUploadAuth(ctx, req, provider);
  if (denied) return denied;
  const q = req.url.searchParams;
  const length = Number(q.get('file_length'));
  const type = q.get('file_type');
  if (!Number.isSafeInteger(length) || length <= 0 || length > MAX_SANDBOX_MEDIA_BYTES)
    return invalid('file_length must be a positive number of bytes.');
  if (!type) return graphError(400, 100, 'The parameter file_type is required.');
  const session = ctx.media.startSession(provider, q.get('file_name') ?? 'file', length, type);
  return { status: 200, body: { id: session.id } };
}

/** `POST|GET /{version}/upload:<id>`: append bytes at `file_offset`, or report how far the session got. */
function handleSession(
  ctx: SandboxContext,
  req: SandboxRequest,
  provider: CloudProvider,
  id: string,
): SandboxResponse {
  const denied = checkUploadAuth(ctx, req, provider);
  if (denied) return denied;
  const session = ctx.media.session(provider, id);
  if (!session) return graphError(400, 100, `Upload session ${id} does not exist.`, { subcode: 33 });
  if (req.method === 'GET') return { status: 200, body: { id, file_offset: session.bytes.length } };
  const offset = Number(header(req, 'file_offset'));
  if (!Number.isSafeInteger(offset) || offset !== session.bytes.length)
    return invalid(`file_offset must be ${session.bytes.length}, where the session stands.`);
  const chunk = req.raw ?? Buffer.from(req.body);
  if (offset + chunk.length > session.fileLength)
    return invalid('the bytes sent exceed the file_length of the session.');
  session.bytes = Buffer.concat([session.bytes, chunk]);
  if (session.bytes.length < session.fileLength)
    return { status: 200, body: { id, file_offset: session.bytes.length } };
  session.handle ??= `4::${Buffer.from(session.fileType).toString('base64')}:${randomBytes(24).toString('base64url')}`;
  return { status: 200, body: { h: session.handle } };
}

/** The media routes of `provider`'s number; they come before the template node route (`/{id}`). */
export function cloudMediaRoutes(provider: CloudProvider): SandboxRoute[] {
  return [
    {
      method: 'POST',
      path: /^\/v\d+\.\d+\/(\d+)\/media\/?$/,
      bodyLimit: UPLOAD_LIMIT,
      when: (ctx, _req, match) => {
        const owner = cloudApiOwner(ctx.credentials, match[1] as string);
        return owner?.provider === provider && owner.kind === 'phone';
      },
      handle: (ctx, req) => handleUpload(ctx, req, provider),
    },
    {
      path: /^\/v\d+\.\d+\/(\d+)\/?$/,
      when: (ctx, req, match) =>
        (req.method === 'GET' || req.method === 'DELETE') && knownMediaId(ctx, provider, match[1] as string),
      handle: (ctx, req, match) => handleMediaNode(ctx, req, provider, match[1] as string),
    },
    {
      method: 'POST',
      path: /^\/v\d+\.\d+\/(\d+)\/uploads\/?$/,
      when: (ctx, _req, match) => match[1] === ctx.credentials[provider].appId,
      handle: (ctx, req) => handleStartSession(ctx, req, provider),
    },
    {
      path: /^\/v\d+\.\d+\/(upload:[A-Za-z0-9_-]{1,128})\/?$/,
      bodyLimit: UPLOAD_LIMIT,
      when: (ctx, _req, match) => ctx.media.session(provider, match[1] as string) !== undefined,
      handle: (ctx, req, match) => handleSession(ctx, req, provider, match[1] as string),
    },
    {
      method: 'GET',
      path: ATTACHMENTS,
      media: true,
      when: (ctx, req) => ctx.media.get(provider, req.url.searchParams.get('mid') ?? '') !== undefined,
      handle: (ctx, req) => handleDownload(ctx, req, provider),
    },
  ];
}
