/**
 * `waba-kit/templates`: validate a template definition (Meta's create-template JSON) against the `strict` or
 * `meta` rule profile, render it for previews, check send-time parameters before Meta refuses them, parse
 * legacy `namespace:name` names, and format WhatsApp text. Pure and I/O-free.
 * @module
 */

export { TEMPLATE_ISSUE_CODES } from './codes.js';
export { bold, italic, monospace, strike } from './format.js';
export { isTemplateLanguage, TEMPLATE_LANGUAGES } from './languages.js';
export {
  formatLegacyTemplateName,
  type LegacyTemplateName,
  type LegacyTemplateNameResult,
  type NamespaceIssue,
  parseLegacyTemplateName,
} from './namespace.js';
export {
  checkTemplateParams,
  MAX_RENDERED_BODY_LENGTH,
  type TemplateParamIssue,
  type TemplateParamIssueCode,
  type TemplateParamsCheckResult,
} from './params.js';
export { codePointLength, type Placeholder, type PlaceholderKind, scanPlaceholders } from './placeholders.js';
export { TEMPLATE_PROFILES, type TemplateProfileName, type TemplateRules } from './profiles.js';
export { type RenderedButton, type RenderedTemplate, renderTemplate, type TemplateParams } from './render.js';
export type {
  CopyCodeButtonDefinition,
  NamedParamExample,
  OtherButtonDefinition,
  PhoneNumberButtonDefinition,
  QuickReplyButtonDefinition,
  TemplateBodyComponent,
  TemplateButtonDefinition,
  TemplateButtonsComponent,
  TemplateCategory,
  TemplateComponent,
  TemplateDefinition,
  TemplateFooterComponent,
  TemplateHeaderComponent,
  TemplateIssue,
  TemplateIssueCode,
  TemplateIssueSeverity,
  TemplateParameterFormat,
  TemplateValidationResult,
  UrlButtonDefinition,
} from './types.js';
export { assertValidTemplate, type ValidateTemplateOptions, validateTemplate } from './validate.js';
