/**
 * `waba-kit/clevertap`: `CleverTapClient` (CleverTap as WhatsApp BSP, on the Cloud API), its config, regions,
 * click-tracking helpers and template import.
 *
 * This file is the entry's public export list, recorded in `api/clevertap.api.md` (`npm run api:report`).
 * @module waba-kit/clevertap
 */
export {
  CleverTapClient,
  type CleverTapConfig,
  type CleverTapRegion,
  checkClickTrackingUrl,
  clickTrackingButton,
  clickTrackingUrl,
  mergeTemplateImport,
} from '../providers/clevertap/index.js';
