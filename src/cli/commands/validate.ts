/**
 * `waba validate <template.json...> [--profile strict|meta] [--json]`: checks template definitions and prints
 * every issue with its code and path.
 * @module
 */
import type { TemplateDefinition, TemplateIssue } from '../../templates/types.js';
import { validateTemplate } from '../../templates/validate.js';
import { parseCommand } from '../args.js';
import { CliError, EXIT_FAILURE, usageError } from '../errors.js';
import { type CliIo, utf8 } from '../io.js';
import { terminalJson, terminalSafe } from '../terminal.js';

/** `waba validate --help`. */
export const VALIDATE_HELP = `Usage: waba validate <template.json...> [--profile strict|meta] [--json]

Checks WhatsApp template definitions (Meta's create-template JSON: name, language, category, components)
against a rule profile and prints every issue with its severity, code and path. A file may hold one
definition or an array of them; "-" reads standard input.

Options:
  --profile strict|meta  strict (default): the CleverTap BSP rules (body <= 1000 characters, <= 3 quick
                         replies or <= 2 call-to-action buttons, ...); meta: Meta's current limits
  --json                 print one JSON array of { file, index, name, valid, issues } instead of text
  -h, --help             show this help

Exit status: 0 when every template is valid (warnings allowed), 1 when any has an error, 2 on usage errors.`;

interface FileResult {
  file: string;
  index: number;
  name: string | undefined;
  valid: boolean;
  issues: TemplateIssue[];
}

/** `components[0].buttons[1].text` from `['components', 0, 'buttons', 1, 'text']`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(root)';
}

/** Reads a JSON file holding one template definition or an array of them (`-`: standard input). */
export async function readTemplateFile(io: CliIo, file: string): Promise<TemplateDefinition[]> {
  let text: string;
  try {
    text = utf8(file === '-' ? await io.readStdin() : await io.readFile(file));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : 'cannot be read as UTF-8 text'}`,
      EXIT_FAILURE,
    );
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return (Array.isArray(parsed) ? parsed : [parsed]) as TemplateDefinition[];
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message})`, EXIT_FAILURE);
  }
}

/** Runs `waba validate`. */
export async function validateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand('validate', argv, {
    profile: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (help) {
    io.out(`${VALIDATE_HELP}\n`);
    return 0;
  }
  if (positionals.length === 0)
    throw usageError('give at least one template file (or - for standard input)', 'validate');
  const profile = values.profile ?? 'strict';
  if (profile !== 'strict' && profile !== 'meta') {
    throw usageError('--profile must be strict or meta', 'validate');
  }
  const results: FileResult[] = [];
  for (const file of positionals) {
    const definitions: unknown[] = await readTemplateFile(io, file);
    definitions.forEach((definition, index) => {
      const result = validateTemplate(definition, { profile });
      const name = (definition as { name?: unknown } | null)?.name;
      results.push({
        file,
        index,
        name: typeof name === 'string' ? name : undefined,
        valid: result.valid,
        issues: result.issues,
      });
    });
  }
  if (values.json) {
    io.out(`${terminalJson(results)}\n`);
  } else {
    for (const r of results) {
      const where = `${r.file}${r.index > 0 || results.filter((x) => x.file === r.file).length > 1 ? `[${r.index}]` : ''}`;
      const label = r.name ? ` (${r.name})` : '';
      const errors = r.issues.filter((i) => i.severity === 'error').length;
      const warnings = r.issues.length - errors;
      const summary = r.valid
        ? warnings > 0
          ? `valid, ${warnings} warning${warnings === 1 ? '' : 's'}`
          : 'valid'
        : `${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
      io.out(`${terminalSafe(`${where}${label}`)}: ${summary}\n`);
      for (const issue of r.issues) {
        io.out(
          `  ${issue.severity.padEnd(7)} ${issue.code}  ${terminalSafe(formatPath(issue.path))}  ${terminalSafe(issue.message)}\n`,
        );
      }
    }
  }
  return results.every((r) => r.valid) ? 0 : EXIT_FAILURE;
}
