/** `gareport schema [year]`: the JSON Schema of answer files (or of the config file), for editors. */
import type { Command } from 'commander';
import { EXIT_INVALID, UsageError } from '../../diagnostics/errors.js';
import { yearOnly } from '../arguments.js';
import type { CommandDeps } from '../deps.js';
import { printOrWrite } from '../printer.js';

interface SchemaFlags {
  out?: string;
  config?: boolean;
}

export function registerSchemaCommand(program: Command, deps: CommandDeps): void {
  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of an answer file, for editors')
    .argument('[year]', 'reporting year (default: the latest form)')
    .option('--out <file>', 'write the schema to this file instead of standard output')
    .option('--config', 'the schema of gareport.config.yaml instead')
    .action((yearArg: string | undefined, opts: SchemaFlags) => runSchema(deps, yearArg, opts));
}

async function runSchema(deps: CommandDeps, yearArg: string | undefined, opts: SchemaFlags): Promise<void> {
  const { ctx, io } = deps;
  if (opts.config) {
    const { configJsonSchema } = await import('../../project/config.js');
    await printOrWrite(io, ctx.cwd, configJsonSchema(), opts.out);
    return;
  }
  const { answerSchemaJson } = await import('../../model/answer-schema.js');
  const { availableFormYears, formDirectories } = await import('../../model/form.js');
  const years = await availableFormYears(formDirectories(ctx.cwd, ctx.packageRoot));
  const year = yearOnly('schema', yearArg) ?? years.at(-1);
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
