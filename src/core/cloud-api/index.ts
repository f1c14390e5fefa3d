/**
 * The WhatsApp Cloud API layer shared by `waba-kit/meta` and `waba-kit/clevertap`: config keys, the wire
 * mapping, the Graph error catalogue, template management and the {@link CloudApiClient} base class.
 * @module
 */
export {
  CLOUD_API_MESSAGE_TYPES,
  CloudApiClient,
  type CloudApiClientOptions,
  type CloudApiConfig,
  type CloudApiSpec,
  type CloudApiTemplateMessage,
} from './client.js';
export {
  CLOUD_API_SECRET_KEYS,
  type CloudApiConfigFields,
  cloudApiConfigShape,
  DEFAULT_GRAPH_API_VERSION,
  GRAPH_API_BASE_URL,
} from './config.js';
export {
  createGraphResponseError,
  GRAPH_ERROR_CATALOGUE,
  type GraphError,
  type GraphErrorClass,
  type GraphErrorExtras,
  type GraphErrorInfo,
  graphResponseError,
  lookupGraphError,
  readGraphError,
} from './errors.js';
export { richParameterSchema } from './rich-parameters.js';
export {
  type MessageTemplate,
  parseMessageTemplate,
  parseTemplateCreateResponse,
  parseTemplatePage,
  TEMPLATE_EDIT_LIMITS,
  TEMPLATE_FIELDS,
  TEMPLATE_STATUSES,
  type TemplateCategory,
  type TemplateCreateResult,
  type TemplateDeleteTarget,
  type TemplateEdit,
  TemplateEditHistory,
  type TemplateListQuery,
  type TemplateQualityScore,
  type TemplateStatus,
  templateDeleteQuery,
  templateEditBody,
} from './templates.js';
export {
  bodyComponent,
  buttonComponent,
  type CloudApiBody,
  type CloudApiBodyValue,
  type CloudApiMessageStatus,
  type CloudApiOutbound,
  type CloudApiRichParameter,
  type CloudApiSendResponse,
  type CloudApiTemplateInput,
  contactObject,
  headerComponent,
  headerParameter,
  interactiveObject,
  locationObject,
  markAsReadBody,
  parseCloudApiSendResponse,
  templateObject,
  toCloudApiMessage,
  toWaId,
} from './wire.js';
