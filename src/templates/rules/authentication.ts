/**
 * Authentication (OTP) template rules. Meta fixes the text of these templates itself ("<code> is your
 * verification code.", an optional security recommendation, an optional expiry line), so a valid definition
 * carries no text of the business's own:
 * - `BODY` `{ add_security_recommendation?: boolean }`, no `text`;
 * - `FOOTER` `{ code_expiration_minutes?: 1..90 }`, no `text`;
 * - `BUTTONS` with exactly one `OTP` button, `otp_type` `COPY_CODE`, `ONE_TAP` or `ZERO_TAP` (optional `text`
 *   and `autofill_text`, at most 25 characters); one-tap and zero-tap name the Android app by `package_name` and
 *   `signature_hash` (11 characters), or by `supported_apps` (1 to 5 of them); zero-tap also needs
 *   `zero_tap_terms_accepted: true`;
 * - no `HEADER` (URLs, media and emoji are not supported).
 * Sources: https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates,
 * .../authentication-templates/copy-code-button-authentication-templates,
 * .../authentication-templates/autofill-button-authentication-templates and
 * .../authentication-templates/zero-tap-authentication-templates.
 * @internal
 * @module
 */

import { isRecord } from '../../core/record.js';
import { codePointLength } from '../placeholders.js';
import { asString, describe, upper } from '../shape.js';
import { type FoundComponent, first, type RuleContext } from './context.js';

/** The OTP button types Meta defines. */
export const OTP_TYPES = ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'] as const;
/** Meta's range for `code_expiration_minutes`. */
export const CODE_EXPIRATION_MINUTES = { min: 1, max: 90 } as const;
/** Android apps one OTP button may name in `supported_apps`. */
export const MAX_SUPPORTED_APPS = 5;

const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;
const SIGNATURE_HASH = /^[A-Za-z0-9+/=]{11}$/;

function checkApp(app: Record<string, unknown>, path: (string | number)[], ctx: RuleContext): void {
  const pkg = asString(app.package_name);
  const hash = asString(app.signature_hash);
  if (
    // Stryker disable next-line ConditionalExpression: RegExp#test reads undefined as "undefined", which fails this pattern too
    pkg === undefined ||
    !PACKAGE_NAME.test(pkg) ||
    pkg.length > 224
  ) {
    ctx.add(
      'authentication.app_required',
      [...path, 'package_name'],
      `package_name ${pkg === undefined ? 'is missing' : `"${pkg}" is not an Android package name`}; give the app's package name, e.g. "com.example.luckyshrub" (two or more dot-separated segments, each starting with a letter, at most 224 characters).`,
    );
  }
  if (
    // Stryker disable next-line ConditionalExpression: RegExp#test reads undefined as "undefined", which fails this pattern too
    hash === undefined ||
    !SIGNATURE_HASH.test(hash)
  ) {
    ctx.add(
      'authentication.app_required',
      [...path, 'signature_hash'],
      `signature_hash ${hash === undefined ? 'is missing' : 'is not 11 characters of the app signing key hash'}; give the 11-character hash of your app signing key (e.g. "K8a/AINcGX7").`,
    );
  }
}

function checkOtpButton(b: Record<string, unknown>, path: (string | number)[], ctx: RuleContext): void {
  const otpType = upper(b.otp_type);
  if (
    // Stryker disable next-line ConditionalExpression: OTP_TYPES.includes(undefined) is false too
    otpType === undefined ||
    !(OTP_TYPES as readonly string[]).includes(otpType)
  ) {
    ctx.add(
      'authentication.otp_button',
      [...path, 'otp_type'],
      `OTP button otp_type ${otpType === undefined ? 'is missing' : `"${String(b.otp_type)}" is unknown`}; use COPY_CODE, ONE_TAP or ZERO_TAP.`,
    );
    return;
  }
  for (const field of ['text', 'autofill_text'] as const) {
    const value = b[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') {
      ctx.add(
        'button.text_required',
        [...path, field],
        `OTP button ${field} must be non-empty text or left out.`,
      );
    } else if (codePointLength(value) > ctx.rules.buttonTextMaxLength) {
      ctx.add(
        'button.text_too_long',
        [...path, field],
        `OTP button ${field} is ${codePointLength(value)} characters; the limit is ${ctx.rules.buttonTextMaxLength}.`,
      );
    }
  }
  if (otpType === 'COPY_CODE') return;
  const apps = b.supported_apps;
  if (apps !== undefined) {
    if (!Array.isArray(apps) || apps.length === 0 || apps.length > MAX_SUPPORTED_APPS) {
      ctx.add(
        'authentication.app_required',
        [...path, 'supported_apps'],
        `supported_apps must list 1 to ${MAX_SUPPORTED_APPS} apps as { package_name, signature_hash }, got ${Array.isArray(apps) ? `${apps.length} entries` : describe(apps)}.`,
      );
    } else {
      apps.forEach((app: unknown, i) => {
        if (isRecord(app)) checkApp(app, [...path, 'supported_apps', i], ctx);
        else
          ctx.add(
            'template.malformed',
            [...path, 'supported_apps', i],
            `supported_apps[${i}] must be an object { package_name, signature_hash }, got ${describe(app)}.`,
          );
      });
    }
  } else {
    checkApp(b, path, ctx);
  }
  if (otpType === 'ZERO_TAP' && b.zero_tap_terms_accepted !== true) {
    ctx.add(
      'authentication.zero_tap_terms',
      [...path, 'zero_tap_terms_accepted'],
      "A ZERO_TAP button needs zero_tap_terms_accepted: true (you accept Meta's zero-tap terms of service).",
    );
  }
}

function checkButtons(buttons: FoundComponent | undefined, ctx: RuleContext): void {
  const path = buttons ? ['components', buttons.index, 'buttons'] : ['components'];
  const list = buttons?.value.buttons;
  // Stryker disable next-line ArrayDeclaration: when list is no array the condition below refuses it before reading otp
  const otp = Array.isArray(list) ? list.filter((b) => isRecord(b) && upper(b.type) === 'OTP') : [];
  if (!Array.isArray(list) || otp.length !== 1 || list.length !== 1) {
    ctx.add(
      'authentication.otp_button',
      path,
      !Array.isArray(list) || list.length === 0
        ? 'An AUTHENTICATION template needs a BUTTONS component with one OTP button: { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE" }] }.'
        : `An AUTHENTICATION template has exactly one button, of type OTP; got ${list.map((b) => (isRecord(b) ? (asString(b.type) ?? '?') : describe(b))).join(', ')}.`,
    );
  }
  if (Array.isArray(list)) {
    list.forEach((b: unknown, i) => {
      if (isRecord(b) && upper(b.type) === 'OTP') checkOtpButton(b, [...path, i], ctx);
    });
  }
}

/**
 * Checks an AUTHENTICATION template's body, footer, header and OTP button. Called instead of the free-text
 * body and footer checks, which do not apply to these templates.
 */
export function checkAuthentication(ctx: RuleContext): void {
  const header = first(ctx.components, 'HEADER');
  if (header) {
    ctx.add(
      'authentication.header_not_allowed',
      ['components', header.index],
      'AUTHENTICATION templates have no header (Meta fixes their text; media, URLs and emoji are not supported). Remove the HEADER component.',
    );
  }
  const body = first(ctx.components, 'BODY');
  if (body) {
    if (body.value.text !== undefined) {
      ctx.add(
        'authentication.custom_text',
        ['components', body.index, 'text'],
        'AUTHENTICATION templates carry no body text of your own: Meta writes "<code> is your verification code." itself. Remove text and set add_security_recommendation if you want the security line.',
      );
    }
    const rec = body.value.add_security_recommendation;
    if (rec !== undefined && typeof rec !== 'boolean') {
      ctx.add(
        'authentication.security_recommendation',
        ['components', body.index, 'add_security_recommendation'],
        `add_security_recommendation must be true or false, got ${describe(rec)}.`,
      );
    }
  }
  const footer = first(ctx.components, 'FOOTER');
  if (footer) {
    if (footer.value.text !== undefined) {
      ctx.add(
        'authentication.custom_text',
        ['components', footer.index, 'text'],
        'AUTHENTICATION templates carry no footer text of your own; use code_expiration_minutes for the expiry line.',
      );
    }
    const minutes = footer.value.code_expiration_minutes;
    const { min, max } = CODE_EXPIRATION_MINUTES;
    if (
      minutes !== undefined &&
      (!Number.isInteger(minutes) || (minutes as number) < min || (minutes as number) > max)
    ) {
      ctx.add(
        'authentication.code_expiration',
        ['components', footer.index, 'code_expiration_minutes'],
        `code_expiration_minutes must be a whole number of minutes from ${min} to ${max}, got ${typeof minutes === 'number' ? minutes : describe(minutes)}.`,
      );
    }
  }
  checkButtons(first(ctx.components, 'BUTTONS'), ctx);
}
