/**
 * Template language codes, as data. Meta extends its list from time to time: pass `languages` to
 * `validateTemplate` to use your own list (for example `[...TEMPLATE_LANGUAGES, 'ky_KG']`).
 * @module
 */

/**
 * Language codes Meta accepts for message templates, transcribed from Meta's "Supported languages" page
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/supported-languages).
 * A send with a name/language pair that does not exist fails with Meta error 132001.
 */
export const TEMPLATE_LANGUAGES: readonly string[] = Object.freeze([
  'af',
  'sq',
  'ar',
  'az',
  'bn',
  'bg',
  'ca',
  'zh_CN',
  'zh_HK',
  'zh_TW',
  'hr',
  'cs',
  'da',
  'nl',
  'en',
  'en_GB',
  'en_US',
  'et',
  'fil',
  'fi',
  'fr',
  'de',
  'el',
  'gu',
  'ha',
  'he',
  'hi',
  'hu',
  'id',
  'ga',
  'it',
  'ja',
  'kn',
  'kk',
  'ko',
  'lo',
  'lv',
  'lt',
  'mk',
  'ms',
  'ml',
  'mr',
  'nb',
  'fa',
  'pl',
  'pt_BR',
  'pt_PT',
  'pa',
  'ro',
  'ru',
  'sr',
  'sk',
  'sl',
  'es',
  'es_AR',
  'es_ES',
  'es_MX',
  'sw',
  'sv',
  'ta',
  'te',
  'th',
  'tr',
  'uk',
  'ur',
  'uz',
  'vi',
  'zu',
]);

/** True when `code` is in `languages` (default {@link TEMPLATE_LANGUAGES}). Case-sensitive, as Meta is. */
export function isTemplateLanguage(
  code: unknown,
  languages: readonly string[] = TEMPLATE_LANGUAGES,
): boolean {
  return typeof code === 'string' && languages.includes(code);
}
