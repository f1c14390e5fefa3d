/**
 * `waba-kit/templates`: validate a template definition (Meta's create-template JSON) against the `strict` or
 * `meta` rule profile, render it for previews, check send-time parameters before Meta refuses them, parse
 * legacy `namespace:name` names, and format WhatsApp text. Pure and I/O-free.
 *
 * This file is the entry's public export list, recorded in `api/templates.api.md` (`npm run api:report`).
 * @module waba-kit/templates
 */
export {
  assertValidTemplate,
  bold,
  checkTemplateParams,
  formatLegacyTemplateName,
  italic,
  monospace,
  parseLegacyTemplateName,
  renderTemplate,
  strike,
  TEMPLATE_LANGUAGES,
  TEMPLATE_PROFILES,
  type TemplateDefinition,
  type TemplateIssue,
  type TemplateIssueCode,
  type TemplateParams,
  validateTemplate,
} from '../templates/index.js';
