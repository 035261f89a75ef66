/**
 * `gareport schema [year]`: the JSON Schema of answer files, for editors; `--config`, `--theme` and
 * `--country`: of gareport.config.yaml, theme.yaml and country.yaml, generated from the zod schemas
 * that check them.
 */
import type { Command } from 'commander';
import { EXIT_INVALID, UsageError } from '../../diagnostics/errors.js';
import { yearOnly } from '../arguments.js';
import type { CommandDeps } from '../deps.js';
import { printOrWrite } from '../printer.js';

interface SchemaFlags {
  out?: string;
  config?: boolean;
  theme?: boolean;
  country?: boolean;
}

/** The schemas of the project's other files: each flag with the module that makes its schema. */
const FILE_SCHEMAS = {
  config: async () => (await import('../../project/config.js')).configJsonSchema(),
  theme: async () => (await import('../../render/theme/schema.js')).themeJsonSchema(),
  country: async () => (await import('../../model/country.js')).countryJsonSchema(),
} as const;

export function registerSchemaCommand(program: Command, deps: CommandDeps): void {
  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of an answer file, for editors')
    .argument('[year]', 'reporting year (default: the latest form)')
    .option('--out <file>', 'write the schema to this file instead of standard output')
    .option('--config', 'the schema of gareport.config.yaml instead')
    .option('--theme', 'the schema of templates/theme.yaml instead')
    .option('--country', "the schema of a report's country.yaml instead")
    .action((yearArg: string | undefined, opts: SchemaFlags) => runSchema(deps, yearArg, opts));
}

async function runSchema(deps: CommandDeps, yearArg: string | undefined, opts: SchemaFlags): Promise<void> {
  const { ctx, io } = deps;
  const files = (Object.keys(FILE_SCHEMAS) as (keyof typeof FILE_SCHEMAS)[]).filter((flag) => opts[flag]);
  if (files.length > 1) {
    throw new UsageError(
      `choose one of ${files.map((f) => `--${f}`).join(', ')}`,
      'the command prints one schema at a time',
    );
  }
  const [file] = files;
  if (file) {
    await printOrWrite(io, ctx.cwd, await FILE_SCHEMAS[file](), opts.out);
    return;
  }
  const { answerSchemaJson } = await import('../../model/answer-schema.js');
  const { availableFormYears, formDirectories } = await import('../../model/form.js');
  const years = await availableFormYears(formDirectories(ctx.cwd, ctx.packageRoot));
  const year = (await yearOnly('schema', yearArg, async () => years.at(-1))) ?? years.at(-1);
  if (year === undefined) throw new UsageError('no form files found', 'add forms/<year>.yaml');
  if (!years.includes(year)) {
    throw new UsageError(
      `there is no reporting form for ${year}`,
      years.length ? `forms exist for ${years.join(', ')}` : 'add forms/<year>.yaml',
    );
  }
  const { json, diagnostics } = await answerSchemaJson(ctx, year);
  if (!json) {
    for (const d of diagnostics) deps.stderr(`${deps.err(d)}\n`);
    deps.setExitCode(EXIT_INVALID);
    return;
  }
  await printOrWrite(io, ctx.cwd, json, opts.out);
}
