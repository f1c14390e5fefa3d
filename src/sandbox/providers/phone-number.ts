/**
 * The phone number node of the Cloud API: `GET /{version}/{phone-number-id}?fields=...`, answered from the
 * sandbox's platform rules (its messaging tier and throughput) so `getPhoneNumberHealth()` works offline.
 * Sources: https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/whatsapp-business-account-phone-number-api
 * (fields; without `fields` Graph answers id, display_phone_number, verified_name, quality_rating and
 * code_verification_status), https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits
 * (`whatsapp_business_manager_messaging_limit`, e.g. `TIER_2K`; the deprecated `messaging_limit_tier`) and
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput (`throughput.level`).
 * A number in the sandbox is always CONNECTED, GREEN, its name APPROVED; both limit fields are answered on every
 * version.
 * @module
 */
import type { SandboxContext } from '../context.js';
import type { SandboxRequest, SandboxResponse } from '../http.js';
import { type CloudProvider, checkAuth, graphError } from './graph.js';

const DEFAULT_FIELDS = [
  'id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'code_verification_status',
];

/** Meta's name of a tier limit: 250 -> `TIER_250`, 2000 -> `TIER_2K`, `Infinity` -> `TIER_UNLIMITED`. */
export function tierNameOfLimit(limit: number): string {
  if (!Number.isFinite(limit)) return 'TIER_UNLIMITED';
  return limit % 1000 === 0 ? `TIER_${limit / 1000}K` : `TIER_${limit}`;
}

/**
 * The `phone_number_quality_update` webhook announcing a new messaging limit, in the shape of
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/phone_number_quality_update
 * (`event` UPGRADE or DOWNGRADE, `old_limit`, `current_limit` and `max_daily_conversations_per_business`).
 */
export function phoneNumberQualityUpdatePayload(
  ctx: SandboxContext,
  provider: CloudProvider,
  oldLimit: number,
  newLimit: number,
): unknown {
  const c = ctx.credentials[provider];
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: c.wabaId,
        time: Math.floor(ctx.clock.now() / 1000),
        changes: [
          {
            field: 'phone_number_quality_update',
            value: {
              display_phone_number: c.displayPhoneNumber,
              event: newLimit < oldLimit ? 'DOWNGRADE' : 'UPGRADE',
              old_limit: tierNameOfLimit(oldLimit),
              current_limit: tierNameOfLimit(newLimit),
              max_daily_conversations_per_business: tierNameOfLimit(newLimit),
            },
          },
        ],
      },
    ],
  };
}

/** `GET /{version}/{phone-number-id}`: the number's fields, only those asked for (and `id`). */
export function handlePhoneNumberNode(
  ctx: SandboxContext,
  req: SandboxRequest,
  provider: CloudProvider,
): SandboxResponse {
  const denied = checkAuth(ctx, req, provider);
  if (denied) return denied;
  const c = ctx.credentials[provider];
  const tier = tierNameOfLimit(ctx.rules.tierLimit);
  const node: Record<string, unknown> = {
    id: c.phoneNumberId,
    display_phone_number: c.displayPhoneNumber,
    verified_name: provider === 'meta' ? 'waba-kit sandbox' : 'waba-kit sandbox (CleverTap)',
    quality_rating: 'GREEN',
    status: 'CONNECTED',
    name_status: 'APPROVED',
    code_verification_status: 'VERIFIED',
    platform_type: 'CLOUD_API',
    throughput: { level: ctx.rules.throughputPerSecond >= 1000 ? 'HIGH' : 'STANDARD' },
    whatsapp_business_manager_messaging_limit: tier,
    messaging_limit_tier: tier,
  };
  const asked = req.url.searchParams.get('fields');
  const fields = asked
    ? asked
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f.length > 0)
    : DEFAULT_FIELDS;
  const unknown = fields.find((f) => !Object.hasOwn(node, f));
  if (unknown !== undefined)
    return graphError(
      400,
      100,
      `Tried accessing nonexisting field (${unknown.slice(0, 64)}) on node type (WhatsAppBusinessPhoneNumber)`,
    );
  const body: Record<string, unknown> = {};
  for (const f of fields) body[f] = node[f];
  body.id = node.id;
  return { status: 200, body };
}
