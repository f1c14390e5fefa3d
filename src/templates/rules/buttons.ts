/**
 * The button-grouping rule, checked in every profile: quick-reply buttons sit next to each other, and so do
 * call-to-action buttons (URL, phone, copy code, Flow, catalog, ...), with no interleaving. Meta's words
 * (https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/components#buttons):
 * "If a template has more than one button, quick reply buttons must be grouped together, and non-quick-reply
 * buttons grouped together"; `QUICK_REPLY, QUICK_REPLY, URL, PHONE_NUMBER` is valid, `QUICK_REPLY, URL,
 * QUICK_REPLY` is not.
 * @internal
 * @module
 */
import type { AddIssue, Path } from './context.js';

/**
 * Reports `buttons.not_grouped` when the button types (upper-cased, in display order) switch between quick
 * replies and call-to-action buttons more than once.
 */
export function checkButtonGrouping(kinds: readonly string[], path: Path, add: AddIssue): void {
  let switches = 0;
  for (let i = 1; i < kinds.length; i += 1) {
    if ((kinds[i] === 'QUICK_REPLY') !== (kinds[i - 1] === 'QUICK_REPLY')) switches += 1;
  }
  if (switches > 1) {
    add(
      'buttons.not_grouped',
      path,
      `Buttons must be grouped: all QUICK_REPLY buttons together and all call-to-action buttons together, with no interleaving (got ${kinds.join(', ')}). Reorder them, e.g. quick replies first.`,
    );
  }
}
