import type { TemplateProfileName, TemplateValidationResult } from '../../src/templates/index.js';
import { validateTemplate } from '../../src/templates/index.js';

/** A template valid in both profiles: text header, body with two variables, footer, URL + phone buttons. */
export function baseTemplate(): any {
  return {
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1042'] } },
      {
        type: 'BODY',
        text: 'Hello {{1}}, your order {{2}} has shipped and will arrive soon.',
        example: { body_text: [['Ana', 'A-1042']] },
      },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
      {
        type: 'BUTTONS',
        buttons: [
          {
            type: 'URL',
            text: 'Track',
            url: 'https://www.example.com/track/{{1}}',
            example: ['https://www.example.com/track/A-1042'],
          },
          { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550051310' },
        ],
      },
    ],
  };
}

/** Indexes of the base template's components. */
export const HEADER = 0;
export const BODY = 1;
export const FOOTER = 2;
export const BUTTONS = 3;

/** A fresh base template changed by `change`. */
export function variant(change: (t: any) => void): any {
  const t = baseTemplate();
  change(t);
  return t;
}

/** A body-only template with `text` and no example. */
export function bodyOnly(text: string, example?: unknown): any {
  return variant((t) => {
    t.components = [{ type: 'BODY', text, ...(example === undefined ? {} : { example }) }];
  });
}

/** A template whose BUTTONS component holds `buttons`. */
export function withButtons(buttons: unknown[]): any {
  return variant((t) => {
    t.components[BUTTONS].buttons = buttons;
  });
}

export const QR = (text = 'Yes') => ({ type: 'QUICK_REPLY', text });
export const URL_BTN = (url = 'https://www.example.com/shop', text = 'Shop') => ({ type: 'URL', text, url });
export const PHONE = (phone_number = '+15550051310') => ({
  type: 'PHONE_NUMBER',
  text: 'Call',
  phone_number,
});
export const COPY = (example = '25OFF') => ({ type: 'COPY_CODE', example });

export function codes(result: TemplateValidationResult): string[] {
  return result.issues.map((i) => i.code);
}

export function check(template: unknown, profile: TemplateProfileName = 'strict'): TemplateValidationResult {
  return validateTemplate(template, { profile });
}

export const PROFILES: TemplateProfileName[] = ['strict', 'meta'];
