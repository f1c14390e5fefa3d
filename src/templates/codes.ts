/**
 * Every issue code as data, for tooling (lint rules, UIs, tests) that needs the full list.
 * @module
 */
import type { TemplateIssueCode } from './types.js';

/** Every {@link TemplateIssueCode}, in documentation order. */
export const TEMPLATE_ISSUE_CODES = Object.freeze([
  'template.malformed',
  'name.required',
  'name.format',
  'name.too_long',
  'language.unknown',
  'category.invalid',
  'body.required',
  'body.too_long',
  'header.too_long',
  'header.too_many_variables',
  'header.format',
  'footer.too_long',
  'footer.has_variables',
  'variable.malformed',
  'variable.special_characters',
  'variable.not_sequential',
  'variable.leading',
  'variable.trailing',
  'variable.mixed_format',
  'variable.too_dense',
  'example.missing',
  'example.count_mismatch',
  'buttons.too_many',
  'buttons.quick_reply_limit',
  'buttons.cta_limit',
  'buttons.url_limit',
  'buttons.phone_limit',
  'buttons.copy_code_limit',
  'buttons.mixed',
  'buttons.not_grouped',
  'button.text_required',
  'button.text_too_long',
  'button.url_invalid',
  'button.url_variable',
  'button.phone_invalid',
  'authentication.custom_text',
  'authentication.security_recommendation',
  'authentication.code_expiration',
  'authentication.otp_button',
  'authentication.app_required',
  'authentication.zero_tap_terms',
  'authentication.header_not_allowed',
  'carousel.cards_count',
  'carousel.header_format',
  'carousel.cards_mismatch',
  'carousel.card_body_too_long',
  'carousel.card_buttons',
  'carousel.top_level_component',
  'offer.text_required',
  'offer.text_too_long',
  'offer.body_too_long',
  'offer.footer_not_allowed',
  'offer.header_format',
  'offer.category',
  'offer.url_button_required',
  'offer.copy_code',
] as const satisfies readonly TemplateIssueCode[]);

// Compile-time check that the list above names every code of the union.
type Missing = Exclude<TemplateIssueCode, (typeof TEMPLATE_ISSUE_CODES)[number]>;
const exhaustive: [Missing] extends [never] ? true : Missing = true;
void exhaustive;
