/** The zod schema of an answer file, derived from the form (what validation and editors' `$schema` use). */
import * as z from 'zod';
import type { FormDefinition, FormGoal, FormTarget } from './form.js';

const answerSchema = (text: string) =>
  z
    .string()
    .nullable()
    .optional()
    .describe(`${text}. Markdown text; \`--\` means nothing to report; leave empty if not yet answered.`);

function goalSchema(goal: FormGoal) {
  const shape: Record<string, ReturnType<typeof answerSchema>> = {};
  for (const q of goal.questions) shape[q.id] = answerSchema(`${q.id}) ${q.text}`);
  return z.object(shape).strict().nullable().optional().describe(goal.text);
}

/** Each target's schema, built once per process: a form read again (edited) has new targets. */
const schemas = new WeakMap<FormTarget, ReturnType<typeof buildTargetSchema>>();

/** The zod schema of `target-<n>.yaml`, derived from the form. */
export function targetFileSchema(target: FormTarget): ReturnType<typeof buildTargetSchema> {
  let schema = schemas.get(target);
  if (!schema) {
    schema = buildTargetSchema(target);
    schemas.set(target, schema);
  }
  return schema;
}

function buildTargetSchema(target: FormTarget) {
  const goals: Record<string, ReturnType<typeof goalSchema>> = {};
  for (const g of target.goals) goals[g.id] = goalSchema(g);
  return z
    .object({
      target: z.literal(target.number).describe(`Policy Target No. ${target.number}: ${target.text}`),
      goals: z.object(goals).strict().nullable().optional().describe('Answers, by operational goal'),
    })
    .strict();
}

/** One schema for any answer file of the year (what editors get through `$schema`). */
export function answerFileSchema(form: FormDefinition) {
  const [first, ...rest] = form.targets.map(targetFileSchema);
  if (!first) throw new Error('a form has at least one target');
  return z.discriminatedUnion('target', [first, ...rest]).describe(`An answer file of the ${form.title}`);
}

export function answerFileJsonSchema(form: FormDefinition): unknown {
  return z.toJSONSchema(answerFileSchema(form), { target: 'draft-7' });
}
