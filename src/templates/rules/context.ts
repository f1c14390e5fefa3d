/**
 * What a template rule sees: the definition (already known to be an object with a `components` array), its
 * upper-cased category, the profile's numbers, and a sink for issues. Rules never throw on malformed input.
 * @internal
 * @module
 */

import { isRecord } from '../../core/record.js';
import type { TemplateRules } from '../profiles.js';
import { upper } from '../shape.js';
import type { TemplateIssueCode, TemplateIssueSeverity } from '../types.js';

/** A path into the definition, e.g. `['components', 2, 'cards', 0]`. */
export type Path = (string | number)[];

/** Records one issue. */
export type AddIssue = (
  code: TemplateIssueCode,
  path: Path,
  message: string,
  severity?: TemplateIssueSeverity,
) => void;

/** One component of the definition with its position in `components`. */
export interface FoundComponent {
  index: number;
  /** The upper-cased `type` (`HEADER`, `BODY`, `CAROUSEL`, ...). */
  type: string;
  value: Record<string, unknown>;
}

/** The input of a rule. */
export interface RuleContext {
  category: string | undefined;
  rules: TemplateRules;
  /** Every object component, in order. */
  components: FoundComponent[];
  add: AddIssue;
}

/** The object components of a component list, with upper-cased types. */
export function findComponents(list: readonly unknown[]): FoundComponent[] {
  const out: FoundComponent[] = [];
  list.forEach((value, index) => {
    if (isRecord(value)) out.push({ index, type: upper(value.type) ?? '', value });
  });
  return out;
}

/** The first component of a type. */
export function first(components: readonly FoundComponent[], type: string): FoundComponent | undefined {
  return components.find((c) => c.type === type);
}
