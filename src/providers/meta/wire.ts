/**
 * Meta Cloud API wire mapping. Meta and CleverTap BSP share one mapping, kept once in the core Cloud API layer;
 * this module gives it its Meta names.
 * @module
 */
export {
  markAsReadBody,
  parseCloudApiSendResponse as parseMetaSendResponse,
  toCloudApiMessage as toMetaMessage,
} from '../../core/cloud-api/wire.js';
