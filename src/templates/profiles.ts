/**
 * Rule profiles: the numbers the validator checks against.
 *
 * - `strict` (the default) is the seed rule set, CleverTap's BSP guide
 *   (https://docs.clevertap.com/docs/clevertap-bsp): body at most 1000 characters; either up to three quick
 *   replies or up to two call-to-action buttons (one phone, one website), never both; only MARKETING and UTILITY
 *   templates (CleverTap BSP does not support AUTHENTICATION templates).
 * - `meta` is Meta's current numbers
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components and
 *   .../templates/template-review): body 1024, at most 10 buttons of which 2 URL, 1 phone number, 1 copy code,
 *   quick replies grouped together.
 *
 * Both share Meta's structural limits (name 512, header and footer 60, button text 25, URL 2000, phone 20).
 * @module
 */

/**
 * The names of the built-in profiles.
 * @inline
 */
export type TemplateProfileName = 'strict' | 'meta';

/**
 * The limits one profile enforces. Pass a modified copy as `profile` to `validateTemplate` to tune them.
 * @inline
 */
export interface TemplateRules {
  /** Profile name, echoed in messages. */
  name: string;
  nameMaxLength: number;
  categories: readonly string[];
  bodyMaxLength: number;
  headerMaxLength: number;
  headerMaxVariables: number;
  footerMaxLength: number;
  maxButtons: number;
  maxQuickReplies: number;
  /** Call-to-action buttons (URL, PHONE_NUMBER, COPY_CODE, ...) in total; `undefined` = no separate limit. */
  maxCallToAction: number | undefined;
  maxUrlButtons: number;
  maxPhoneButtons: number;
  maxCopyCodeButtons: number;
  /** Whether quick replies and call-to-action buttons may appear in the same template. */
  allowMixedButtons: boolean;
  buttonTextMaxLength: number;
  urlMaxLength: number;
  phoneMaxLength: number;
  /** Minimum words of fixed text per variable (`words >= ratio * variables + 1`) before `variable.too_dense`. */
  densityWordsPerVariable: number;
}

const shared = {
  nameMaxLength: 512,
  headerMaxLength: 60,
  headerMaxVariables: 1,
  footerMaxLength: 60,
  maxUrlButtons: 2,
  maxPhoneButtons: 1,
  maxCopyCodeButtons: 1,
  buttonTextMaxLength: 25,
  urlMaxLength: 2000,
  phoneMaxLength: 20,
  densityWordsPerVariable: 2,
} as const;

/** The built-in profiles. */
export const TEMPLATE_PROFILES: Readonly<Record<TemplateProfileName, Readonly<TemplateRules>>> =
  Object.freeze({
    strict: Object.freeze({
      ...shared,
      name: 'strict',
      categories: Object.freeze(['MARKETING', 'UTILITY']),
      bodyMaxLength: 1000,
      maxButtons: 3,
      maxQuickReplies: 3,
      maxCallToAction: 2,
      maxUrlButtons: 1,
      allowMixedButtons: false,
    }),
    meta: Object.freeze({
      ...shared,
      name: 'meta',
      categories: Object.freeze(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
      bodyMaxLength: 1024,
      maxButtons: 10,
      maxQuickReplies: 10,
      maxCallToAction: undefined,
      allowMixedButtons: true,
    }),
  });
