/**
 * `waba-kit/clevertap`: `CleverTapClient` (CleverTap as WhatsApp BSP, on the Cloud API), its config, regions,
 * click-tracking helpers, template import and the REST API bodies.
 * @module
 */
export {
  CloudApiClient,
  type CloudApiClientOptions,
  type CloudApiTemplateMessage,
} from '../meta/cloud-api-client.js';
export type {
  MessageTemplate,
  TemplateCategory,
  TemplateCreateResult,
  TemplateDeleteTarget,
  TemplateEdit,
  TemplateListQuery,
  TemplateQualityScore,
  TemplateStatus,
} from '../meta/templates.js';
export {
  type ClickTrackingButton,
  checkClickTrackingUrl,
  clickTrackingButton,
  clickTrackingUrl,
} from './click-tracking.js';
export { CleverTapClient, type OptInResult, type TriggerResult } from './client.js';
export {
  CLEVERTAP_SECRET_KEYS,
  type CleverTapConfig,
  CleverTapConfigSchema,
  parseCleverTapConfig,
} from './config.js';
export {
  cleverTapGraphResponseError,
  cleverTapRestResponseError,
  GRAPH_ERROR_CATALOGUE,
  type GraphErrorClass,
  type GraphErrorInfo,
  lookupGraphError,
} from './errors.js';
export {
  CLEVERTAP_REGIONS,
  CLICK_TRACKING_DOMAINS,
  type CleverTapRegion,
  cleverTapApiBaseUrl,
  regionOfClickTrackingDomain,
} from './regions.js';
export {
  CLEVERTAP_UNSUPPORTED_CATEGORIES,
  cleverTapTemplateIssues,
  mergeTemplateImport,
  type SkippedTemplate,
  type TemplateImportMode,
  type TemplateImportResult,
} from './templates.js';
export {
  type CleverTapUnprocessed,
  chunk,
  EXTERNAL_TRIGGER_BATCH_LIMIT,
  externalTriggerBody,
  optInUploadBody,
  PROFILE_UPLOAD_BATCH_LIMIT,
  parseUploadResponse,
  WHATSAPP_OPT_IN_PROPERTY,
} from './wire.js';
