/**
 * `waba-kit/meta`: `MetaCloudClient`, its config, and the Cloud API building blocks it uses.
 * @module
 */
export {
  CloudApiClient,
  type CloudApiClientOptions,
  type CloudApiTemplateMessage,
} from '../../core/cloud-api/client.js';
export { DEFAULT_GRAPH_API_VERSION } from '../../core/cloud-api/config.js';
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
} from '../../core/cloud-api/templates.js';
export type { CloudApiRichParameter } from '../../core/cloud-api/wire.js';
export { MetaCloudClient } from './client.js';
export { META_SECRET_KEYS, type MetaConfig, MetaConfigSchema, parseMetaConfig } from './config.js';
export {
  GRAPH_ERROR_CATALOGUE,
  type GraphErrorClass,
  type GraphErrorInfo,
  lookupGraphError,
  metaResponseError,
} from './errors.js';
export { markAsReadBody, parseMetaSendResponse, toMetaMessage } from './wire.js';
