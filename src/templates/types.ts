/**
 * The template definition (Meta's create-template JSON) and the issue model of the validator.
 * @module
 */
import type { Issue } from '../core/errors.js';

/**
 * Template category. Meta may re-categorise a template on review.
 * @inline
 */
export type TemplateCategory = 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';

/**
 * How variables are written: `{{1}}` (positional, the default) or `{{first_name}}` (named).
 * @inline
 */
export type TemplateParameterFormat = 'POSITIONAL' | 'NAMED' | 'positional' | 'named';

/**
 * One named-parameter example, as in `body_text_named_params` / `header_text_named_params`.
 * @inline
 */
export interface NamedParamExample {
  param_name: string;
  example: string;
}

/**
 * The header: text (at most one variable) or a media / location placeholder.
 * @inline
 */
export interface TemplateHeaderComponent {
  type: 'HEADER';
  format: 'TEXT' | 'IMAGE' | 'VIDEO' | 'GIF' | 'DOCUMENT' | 'LOCATION';
  /** The header text, for `format: 'TEXT'`. */
  text?: string;
  example?: {
    /** One value for the header's positional variable. */
    header_text?: string[];
    /** The header's named variable with its value. */
    header_text_named_params?: NamedParamExample[];
    /** Media sample handle from Meta's Resumable Upload API, for media headers. */
    header_handle?: string[];
  };
}

/**
 * The body: required; the only component that may carry many variables.
 * @inline
 */
export interface TemplateBodyComponent {
  type: 'BODY';
  text: string;
  example?: {
    /** One row of values, one per positional variable: `[["Ana", "25OFF"]]`. */
    body_text?: string[][];
    /** One entry per named variable. */
    body_text_named_params?: NamedParamExample[];
  };
}

/**
 * The footer: short plain text without variables.
 * @inline
 */
export interface TemplateFooterComponent {
  type: 'FOOTER';
  text: string;
}

/**
 * A quick-reply button: the tap sends its text (and the payload given at send time) back.
 * @inline
 */
export interface QuickReplyButtonDefinition {
  type: 'QUICK_REPLY';
  text: string;
}

/**
 * A "visit website" button; the URL may end with one variable filled at send time.
 * @inline
 */
export interface UrlButtonDefinition {
  type: 'URL';
  text: string;
  url: string;
  /** The full example URL with the variable filled in, required when `url` has a variable. */
  example?: string[];
}

/**
 * A "call phone number" button.
 * @inline
 */
export interface PhoneNumberButtonDefinition {
  type: 'PHONE_NUMBER';
  text: string;
  /** E.164 with `+`, e.g. `+15550051310`. */
  phone_number: string;
}

/**
 * A "copy offer code" button; the code is given at send time.
 * @inline
 */
export interface CopyCodeButtonDefinition {
  type: 'COPY_CODE';
  /** An example code, at most 15 characters. */
  example: string;
  text?: string;
}

/**
 * Other button types Meta defines (FLOW, OTP, MPM, CATALOG, ...): checked for text only.
 * @inline
 */
export interface OtherButtonDefinition {
  type: 'FLOW' | 'OTP' | 'MPM' | 'CATALOG' | 'VOICE_CALL' | (string & {});
  text?: string;
  [key: string]: unknown;
}

/**
 * Any template button.
 * @inline
 */
export type TemplateButtonDefinition =
  | QuickReplyButtonDefinition
  | UrlButtonDefinition
  | PhoneNumberButtonDefinition
  | CopyCodeButtonDefinition
  | OtherButtonDefinition;

/**
 * The buttons of a template, in display order (send-time `index` counts from 0 in this order).
 * @inline
 */
export interface TemplateButtonsComponent {
  type: 'BUTTONS';
  buttons: TemplateButtonDefinition[];
}

/**
 * Any component of a template definition.
 * @inline
 */
export type TemplateComponent =
  | TemplateHeaderComponent
  | TemplateBodyComponent
  | TemplateFooterComponent
  | TemplateButtonsComponent;

/**
 * A message template exactly as submitted to Meta (`POST /{WABA_ID}/message_templates`) or to CleverTap as BSP.
 *
 * @example
 * ```ts
 * const template: TemplateDefinition = {
 *   name: 'seasonal_promotion', language: 'en_US', category: 'MARKETING',
 *   components: [
 *     { type: 'HEADER', format: 'TEXT', text: 'Our {{1}} is on!', example: { header_text: ['Summer Sale'] } },
 *     { type: 'BODY', text: 'Shop now through {{1}} and use code {{2}} to get {{3}} off.',
 *       example: { body_text: [['the end of August', '25OFF', '25%']] } },
 *     { type: 'FOOTER', text: 'Reply STOP to opt out' },
 *     { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Unsubscribe' }] },
 *   ],
 * };
 * ```
 */
export interface TemplateDefinition {
  /** `[a-z0-9_]`, at most 512 characters. */
  name: string;
  /** A language code from {@link TEMPLATE_LANGUAGES}, e.g. `en_US`. */
  language: string;
  category: TemplateCategory;
  /** Default positional. */
  parameter_format?: TemplateParameterFormat;
  components: TemplateComponent[];
}

/**
 * How bad an issue is: `error` makes the template invalid; `warning` is advice (likely rejection).
 * @inline
 */
export type TemplateIssueSeverity = 'error' | 'warning';

/**
 * The stable codes {@link validateTemplate} reports. They are a public contract: a code is never renamed or
 * reused for another meaning. Documented with meaning and fix in `docs/templates.md`.
 *
 * | code | meaning |
 * | --- | --- |
 * | `template.malformed` | the input, `components`, a component or a button is not an object / array of the expected shape |
 * | `name.required` | `name` missing or empty |
 * | `name.format` | `name` has characters other than `a-z`, `0-9`, `_` |
 * | `name.too_long` | `name` longer than 512 characters |
 * | `language.unknown` | `language` missing or not in the language list |
 * | `category.invalid` | `category` not allowed by the profile |
 * | `body.required` | no BODY component, or its text is empty |
 * | `body.too_long` | body longer than the profile limit (strict 1000, meta 1024 characters) |
 * | `header.too_long` | header text longer than 60 characters |
 * | `header.too_many_variables` | more than one variable in the header |
 * | `header.format` | unknown header format, TEXT header without text, newline or emoji in header text, or a LOCATION header in an AUTHENTICATION template |
 * | `footer.too_long` | footer longer than 60 characters |
 * | `footer.has_variables` | a variable in the footer |
 * | `variable.malformed` | broken braces (`{{1}`, `{1}}`, `{{ }}`, `{{{1}}}`) or a name that is neither a number nor `[a-z_][a-z0-9_]*` |
 * | `variable.special_characters` | `#`, `$` or `%` inside braces |
 * | `variable.not_sequential` | positional variables not `1..n` without gaps (error), or first used out of order (warning) |
 * | `variable.leading` | the body starts with a variable |
 * | `variable.trailing` | the body ends with a variable |
 * | `variable.mixed_format` | positional and named variables mixed, or not matching `parameter_format` |
 * | `variable.too_dense` | (warning) too many variables for the words around them |
 * | `example.missing` | a variable or media header without its example |
 * | `example.count_mismatch` | example values do not match the variables one for one |
 * | `buttons.too_many` | more buttons than the profile allows in total |
 * | `buttons.quick_reply_limit` | too many QUICK_REPLY buttons |
 * | `buttons.cta_limit` | (strict) more than 2 call-to-action buttons |
 * | `buttons.url_limit` | too many URL buttons |
 * | `buttons.phone_limit` | more than one PHONE_NUMBER button |
 * | `buttons.copy_code_limit` | more than one COPY_CODE button |
 * | `buttons.mixed` | (strict) quick replies and call-to-action buttons combined |
 * | `buttons.not_grouped` | quick replies and call-to-action buttons interleaved instead of grouped (both profiles) |
 * | `button.text_required` | a button without text |
 * | `button.text_too_long` | button text longer than 25 characters |
 * | `button.url_invalid` | URL missing, not https, not a valid URL, or longer than 2000 characters |
 * | `button.url_variable` | more than one variable in a URL, or a variable not at the end |
 * | `button.phone_invalid` | phone number not E.164 (`+` and 8 to 15 digits) or longer than 20 characters |
 * | `authentication.custom_text` | (AUTHENTICATION) a BODY or FOOTER with text of its own: Meta writes these templates' text |
 * | `authentication.security_recommendation` | (AUTHENTICATION) `add_security_recommendation` is not a boolean |
 * | `authentication.code_expiration` | (AUTHENTICATION) `code_expiration_minutes` is not a whole number from 1 to 90 |
 * | `authentication.otp_button` | (AUTHENTICATION) not exactly one button, of type OTP, or an unknown `otp_type` |
 * | `authentication.app_required` | (AUTHENTICATION) a ONE_TAP / ZERO_TAP button without a valid `package_name` and `signature_hash` (or `supported_apps`) |
 * | `authentication.zero_tap_terms` | (AUTHENTICATION) a ZERO_TAP button without `zero_tap_terms_accepted: true` |
 * | `authentication.header_not_allowed` | (AUTHENTICATION) a HEADER component |
 * | `carousel.cards_count` | a CAROUSEL with fewer than 2 or more than 10 cards |
 * | `carousel.header_format` | a card header missing, not IMAGE / VIDEO / PRODUCT, or not the same format on every card |
 * | `carousel.cards_mismatch` | cards with different components or different buttons |
 * | `carousel.card_body_too_long` | a card body longer than 160 characters |
 * | `carousel.card_buttons` | more than 2 buttons on a card, or a button type cards do not take |
 * | `carousel.top_level_component` | a HEADER, FOOTER or BUTTONS beside the carousel, or an unknown component in a card |
 * | `offer.text_required` | (LIMITED_TIME_OFFER) no offer text |
 * | `offer.text_too_long` | (LIMITED_TIME_OFFER) offer text longer than 16 characters |
 * | `offer.body_too_long` | (LIMITED_TIME_OFFER) body longer than 600 characters |
 * | `offer.footer_not_allowed` | (LIMITED_TIME_OFFER) a FOOTER component |
 * | `offer.header_format` | (LIMITED_TIME_OFFER) a header that is not IMAGE or VIDEO |
 * | `offer.category` | (LIMITED_TIME_OFFER) a category other than MARKETING |
 * | `offer.url_button_required` | (LIMITED_TIME_OFFER) no URL button |
 * | `offer.copy_code` | (LIMITED_TIME_OFFER) `has_expiration: true` without a COPY_CODE button, or a COPY_CODE button that is not first |
 */
export type TemplateIssueCode =
  | 'template.malformed'
  | 'name.required'
  | 'name.format'
  | 'name.too_long'
  | 'language.unknown'
  | 'category.invalid'
  | 'body.required'
  | 'body.too_long'
  | 'header.too_long'
  | 'header.too_many_variables'
  | 'header.format'
  | 'footer.too_long'
  | 'footer.has_variables'
  | 'variable.malformed'
  | 'variable.special_characters'
  | 'variable.not_sequential'
  | 'variable.leading'
  | 'variable.trailing'
  | 'variable.mixed_format'
  | 'variable.too_dense'
  | 'example.missing'
  | 'example.count_mismatch'
  | 'buttons.too_many'
  | 'buttons.quick_reply_limit'
  | 'buttons.cta_limit'
  | 'buttons.url_limit'
  | 'buttons.phone_limit'
  | 'buttons.copy_code_limit'
  | 'buttons.mixed'
  | 'buttons.not_grouped'
  | 'button.text_required'
  | 'button.text_too_long'
  | 'button.url_invalid'
  | 'button.url_variable'
  | 'button.phone_invalid'
  | 'authentication.custom_text'
  | 'authentication.security_recommendation'
  | 'authentication.code_expiration'
  | 'authentication.otp_button'
  | 'authentication.app_required'
  | 'authentication.zero_tap_terms'
  | 'authentication.header_not_allowed'
  | 'carousel.cards_count'
  | 'carousel.header_format'
  | 'carousel.cards_mismatch'
  | 'carousel.card_body_too_long'
  | 'carousel.card_buttons'
  | 'carousel.top_level_component'
  | 'offer.text_required'
  | 'offer.text_too_long'
  | 'offer.body_too_long'
  | 'offer.footer_not_allowed'
  | 'offer.header_format'
  | 'offer.category'
  | 'offer.url_button_required'
  | 'offer.copy_code';

/** One problem in a template definition. `path` points into the definition, e.g. `['components', 1, 'text']`. */
export interface TemplateIssue extends Issue {
  code: TemplateIssueCode;
  severity: TemplateIssueSeverity;
}

/**
 * The result of {@link validateTemplate}: `valid` is true iff no issue has severity `error`.
 * @inline
 */
export interface TemplateValidationResult {
  valid: boolean;
  issues: TemplateIssue[];
}
