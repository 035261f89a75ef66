import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { answerFileJsonSchema } from './answer-file-schema.js';
import type { Context } from './report.js';
import { loadForm } from './report.js';

/** JSON Schema (draft-07) of the year's answer files, as text with a trailing newline. */
export async function answerSchemaJson(
  ctx: Context,
  year: number,
): Promise<{ json?: string; diagnostics: Diagnostic[] }> {
  const { form, diagnostics } = await loadForm(ctx, year);
  if (!form) return { diagnostics };
  const schema = {
    ...(answerFileJsonSchema(form) as Record<string, unknown>),
    title: `Answer file, ${form.title}`,
  };
  return { json: `${JSON.stringify(schema, null, 2)}\n`, diagnostics };
}

export function schemaFileName(year: number): string {
  return `answers-${year}.schema.json`;
}
