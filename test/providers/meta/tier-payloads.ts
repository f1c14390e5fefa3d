/**
 * Meta webhook deliveries that announce (or do not announce) a messaging limit, in the shapes of Meta's
 * references:
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/phone_number_quality_update
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/business_capability_update/
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/account_update
 */
export const APP_SECRET = 'tier-app-secret-0123456789';
export const WABA = '102290129340398';

/** A Meta webhook delivery with one change. */
export const delivery = (field: string, value: Record<string, unknown>) =>
  JSON.stringify({
    entry: [{ id: WABA, time: 1739321024, changes: [{ value, field }] }],
    object: 'whatsapp_business_account',
  });

export const downgrade = delivery('phone_number_quality_update', {
  display_phone_number: '15550783881',
  event: 'DOWNGRADE',
  old_limit: 'TIER_10K',
  current_limit: 'TIER_2K',
  max_daily_conversations_per_business: 'TIER_2K',
});
export const upgradeLegacy = delivery('phone_number_quality_update', {
  display_phone_number: '15550783881',
  event: 'UPGRADE',
  old_limit: 'TIER_1K',
  current_limit: 'TIER_10K',
});
export const throughputUpgrade = delivery('phone_number_quality_update', {
  display_phone_number: '15550783881',
  event: 'THROUGHPUT_UPGRADE',
  current_limit: 'TIER_UNLIMITED',
  max_daily_conversations_per_business: 'TIER_UNLIMITED',
});
export const flagged = delivery('phone_number_quality_update', {
  display_phone_number: '15550783881',
  event: 'FLAGGED',
});
export const capability = delivery('business_capability_update', {
  max_daily_conversations_per_business: 2000,
  max_phone_numbers_per_waba: 25,
});
export const capabilityLegacy = delivery('business_capability_update', {
  max_daily_conversation_per_phone: -1,
  max_phone_numbers_per_waba: 25,
});
export const partnerRemoved = delivery('account_update', {
  event: 'PARTNER_REMOVED',
  waba_info: { waba_id: WABA, owner_business_id: '1234567890' },
});
