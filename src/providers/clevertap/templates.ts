/**
 * CleverTap BSP template rules (pure): what CleverTap refuses beyond the `strict` profile, and the template
 * import of CleverTap's dashboard ("Import Templates": pull the approved templates from Meta and either
 * replace every existing template or add the new ones). Source: https://docs.clevertap.com/docs/clevertap-bsp.
 * @module
 */

import type { Issue } from '../../core/errors.js';
import { isRecord } from '../../core/record.js';
import type { MessageTemplate } from '../meta/templates.js';
import { checkClickTrackingUrl } from './click-tracking.js';
import type { CleverTapRegion } from './regions.js';

/** Categories CleverTap BSP does not support (authentication templates). */
export const CLEVERTAP_UNSUPPORTED_CATEGORIES: readonly string[] = ['AUTHENTICATION'];

/**
 * CleverTap-specific problems of a template definition: an `AUTHENTICATION` category (not supported on
 * CleverTap BSP), and URL buttons on a click-tracking domain that is not the account region's.
 */
export function cleverTapTemplateIssues(definition: unknown, region: CleverTapRegion): Issue[] {
  if (!isRecord(definition)) return [];
  const issues: Issue[] = [];
  const category = typeof definition.category === 'string' ? definition.category.toUpperCase() : undefined;
  if (category && CLEVERTAP_UNSUPPORTED_CATEGORIES.includes(category)) {
    issues.push({
      code: 'clevertap.category_unsupported',
      path: ['category'],
      message: 'Authentication templates are not supported on CleverTap BSP; use MARKETING or UTILITY.',
    });
  }
  const components = Array.isArray(definition.components) ? definition.components : [];
  components.forEach((component, c) => {
    if (!isRecord(component) || !Array.isArray(component.buttons)) return;
    component.buttons.forEach((button, b) => {
      if (isRecord(button) && typeof button.url === 'string') {
        issues.push(...checkClickTrackingUrl(button.url, region, ['components', c, 'buttons', b, 'url']));
      }
    });
  });
  return issues;
}

/**
 * How imported templates meet the ones already held: `replace` drops them all, `add` keeps them.
 * @inline
 */
export type TemplateImportMode = 'replace' | 'add';

/**
 * A template left out of an import, and why.
 * @inline
 */
export interface SkippedTemplate {
  template: MessageTemplate;
  reason: 'not_approved' | 'authentication_unsupported' | 'already_present';
}

/**
 * What an import produced.
 * @inline
 */
export interface TemplateImportResult {
  mode: TemplateImportMode;
  /** The templates held after the import. */
  templates: MessageTemplate[];
  /** Templates newly added. */
  added: MessageTemplate[];
  /** Templates held before and dropped (`replace` mode): CleverTap mails these to you; keep them if needed. */
  removed: MessageTemplate[];
  skipped: SkippedTemplate[];
  /** Non-fatal findings, e.g. a click-tracking URL of another region (fixed once approved). */
  warnings: Issue[];
}

const key = (t: Pick<MessageTemplate, 'name' | 'language'>) => `${t.name}\u0000${t.language}`;

/**
 * Merges templates pulled from Meta into the ones already held, as CleverTap's import does: only APPROVED
 * templates are imported, authentication templates are skipped (unsupported on CleverTap BSP); `replace`
 * returns exactly the imported set, `add` keeps existing templates and adds those whose name and language are
 * new. Pure.
 *
 * @example
 * ```ts
 * const { templates, added } = mergeTemplateImport(current, fromMeta, 'add', 'eu1');
 * ```
 */
export function mergeTemplateImport(
  existing: readonly MessageTemplate[],
  imported: readonly MessageTemplate[],
  mode: TemplateImportMode,
  region: CleverTapRegion,
): TemplateImportResult {
  const skipped: SkippedTemplate[] = [];
  const warnings: Issue[] = [];
  const eligible: MessageTemplate[] = [];
  for (const template of imported) {
    if (template.status !== 'APPROVED') skipped.push({ template, reason: 'not_approved' });
    else if (CLEVERTAP_UNSUPPORTED_CATEGORIES.includes(String(template.category).toUpperCase())) {
      skipped.push({ template, reason: 'authentication_unsupported' });
    } else {
      eligible.push(template);
      for (const issue of cleverTapTemplateIssues({ components: template.components }, region)) {
        warnings.push({
          ...issue,
          message: `Template "${template.name}" (${template.language}): ${issue.message} The link cannot be changed after approval.`,
        });
      }
    }
  }
  if (mode === 'replace') {
    return { mode, templates: eligible, added: eligible, removed: [...existing], skipped, warnings };
  }
  const held = new Set(existing.map(key));
  const added: MessageTemplate[] = [];
  for (const template of eligible) {
    if (held.has(key(template))) skipped.push({ template, reason: 'already_present' });
    else {
      held.add(key(template));
      added.push(template);
    }
  }
  return { mode, templates: [...existing, ...added], added, removed: [], skipped, warnings };
}
