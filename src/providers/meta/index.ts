/**
 * `waba-kit/meta`: `MetaCloudClient`, its config, and the Cloud API building blocks it uses.
 * @module
 */

export type { CloudApiRichParameter } from '../../core/whatsapp-objects.js';
export { MetaCloudClient } from './client.js';
export {
  CloudApiClient,
  type CloudApiClientOptions,
  type CloudApiTemplateMessage,
} from './cloud-api-client.js';
export { DEFAULT_GRAPH_API_VERSION } from './cloud-api-config.js';
export { META_SECRET_KEYS, type MetaConfig, MetaConfigSchema, parseMetaConfig } from './config.js';
export { metaResponseError } from './errors.js';
export {
  GRAPH_ERROR_CATALOGUE,
  type GraphErrorClass,
  type GraphErrorInfo,
  lookupGraphError,
} from './graph-errors.js';
export {
  type MessagingLimitUpdate,
  messagingLimitOf,
  messagingLimitUpdate,
  type PhoneNumberHealth,
  parsePhoneNumberHealth,
  phoneNumberHealthFields,
} from './phone-health.js';
export {
  type MessageTemplate,
  TEMPLATE_EDIT_LIMITS,
  TEMPLATE_STATUSES,
  type TemplateCategory,
  type TemplateCreateResult,
  type TemplateDeleteTarget,
  type TemplateEdit,
  TemplateEditHistory,
  type TemplateListQuery,
  type TemplateQualityScore,
  type TemplateStatus,
} from './templates.js';
export { markAsReadBody, parseCloudApiSendResponse, toCloudApiMessage } from './wire.js';
