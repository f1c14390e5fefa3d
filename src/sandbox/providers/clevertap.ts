/**
 * CleverTap's REST endpoints the CleverTap client calls: `POST /1/upload` (profile upload setting the
 * `MSG-whatsapp` subscription property) and `POST /1/send/externaltrigger.json` (External Trigger campaigns),
 * authenticated with `X-CleverTap-Account-Id` and `X-CleverTap-Passcode`. Sources:
 * https://developer.clevertap.com/docs/upload-user-profiles-api, https://developer.clevertap.com/docs/external-trigger-api,
 * https://developer.clevertap.com/docs/common-api-components.
 *
 * CleverTap's error bodies are `{ status: 'fail', error, code }`; the exact texts and the External Trigger
 * success body are not all public, so the sandbox answers in that documented shape with its own wording.
 * @module
 */

import { isRecord } from '../../core/record.js';
import type { SandboxContext } from '../context.js';
import { header, type SandboxRequest, type SandboxResponse, tryJson } from '../http.js';
import type { EmulatedProvider } from '../provider.js';
import type { SandboxTrigger } from '../types.js';
import { cloudApiClientFields, cloudApiProvider } from './meta.js';

const fail = (status: number, error: string): SandboxResponse => ({
  status,
  body: { status: 'fail', error, code: status },
});

function checkAuth(ctx: SandboxContext, req: SandboxRequest): SandboxResponse | undefined {
  const c = ctx.credentials.clevertap;
  if (
    header(req, 'x-clevertap-account-id') !== c.accountId ||
    header(req, 'x-clevertap-passcode') !== c.passcode
  )
    return fail(401, 'Invalid Credentials: check X-CleverTap-Account-Id and X-CleverTap-Passcode');
  return undefined;
}

/** `POST /1/upload`: at most 1000 records; answers `{ status: 'success', processed, unprocessed }`. */
export function handleCleverTapUpload(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const profiles = ctx.profiles;
  const denied = checkAuth(ctx, req);
  if (denied) return denied;
  const body = tryJson(req.body);
  if (!isRecord(body) || !Array.isArray(body.d)) return fail(400, 'Invalid payload: expected {"d": [...]}');
  if (body.d.length > 1000) return fail(400, 'Too many records: at most 1000 per request');
  let processed = 0;
  const unprocessed: unknown[] = [];
  body.d.forEach((record, index) => {
    if (
      !isRecord(record) ||
      typeof record.identity !== 'string' ||
      record.type !== 'profile' ||
      !isRecord(record.profileData)
    ) {
      unprocessed.push({
        status: 'fail',
        code: 509,
        error: 'Invalid record: identity, type "profile" and profileData are required',
        record,
        index,
      });
      return;
    }
    profiles.set(record.identity, { ...profiles.get(record.identity), ...record.profileData });
    processed++;
  });
  return { status: 200, body: { status: 'success', processed, unprocessed } };
}

/** `POST /1/send/externaltrigger.json`. */
export function handleCleverTapTrigger(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const triggers: SandboxTrigger[] = ctx.triggers;
  const denied = checkAuth(ctx, req);
  if (denied) return denied;
  const body = tryJson(req.body);
  const to = isRecord(body) && isRecord(body.to) ? body.to : undefined;
  const identities = Array.isArray(to?.identity)
    ? to.identity.filter((x): x is string => typeof x === 'string')
    : [];
  if (!isRecord(body) || identities.length === 0)
    return fail(400, 'Invalid payload: to.identity must list at least one identity');
  if (typeof body.campaign_id !== 'string' && typeof body.campaign_id !== 'number')
    return fail(400, 'Invalid payload: campaign_id is required');
  const vars = isRecord(body.ExternalTrigger) ? body.ExternalTrigger : {};
  if (Object.values(vars).some((v) => typeof v !== 'string'))
    return fail(400, 'Invalid payload: ExternalTrigger values must be strings');
  triggers.push({ campaignId: String(body.campaign_id), identities, vars });
  return { status: 200, body: { status: 'success', processed: identities.length } };
}

const cloudApi = cloudApiProvider('clevertap');

/** CleverTap as BSP: its REST endpoints plus the Cloud API number behind it. */
export const clevertapProvider: EmulatedProvider<'clevertap'> = {
  ...cloudApi,
  name: 'CleverTap',
  owns: (path) => path.startsWith('/1/') || cloudApi.owns(path),
  routes: [
    { method: 'POST', path: /^\/1\/upload$/, handle: (ctx, req) => handleCleverTapUpload(ctx, req) },
    {
      method: 'POST',
      path: /^\/1\/send\/externaltrigger\.json$/,
      handle: (ctx, req) => handleCleverTapTrigger(ctx, req),
    },
    ...cloudApi.routes,
  ],
  authorize: (ctx, req) =>
    req.url.pathname.startsWith('/1/') ? checkAuth(ctx, req) : cloudApi.authorize(ctx, req),
  notFound: (req) => (req.url.pathname.startsWith('/1/') ? fail(404, 'Not Found') : cloudApi.notFound(req)),
  clientConfig: (credentials, url) => ({
    ...cloudApiClientFields(credentials, 'clevertap'),
    accountId: credentials.clevertap.accountId,
    passcode: credentials.clevertap.passcode,
    region: 'eu1',
    restBaseUrl: `${url}/1`,
  }),
};
