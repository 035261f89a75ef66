/** `gareport preview [year] [country]`: a local server showing the report as it is written. */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { plural } from '../../diagnostics/diagnostics.js';
import { EXIT_INVALID, UsageError } from '../../diagnostics/errors.js';
import { chosenPaper } from '../../project/locate.js';
import { listYears } from '../../project/paths.js';
import { stoppedExitCode } from '../build-report.js';
import type { CommandDeps } from '../deps.js';
import { printToStderr } from '../deps.js';
import { projectSettings } from '../project-settings.js';
import { describeMistake } from '../remedies.js';

interface PreviewFlags {
  port?: number;
  host?: string;
  open?: boolean;
  templates?: string;
  fonts?: string;
}

function portNumber(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new InvalidArgumentError(`\`${value}\` is not a port number (0 to 65535).`);
  }
  return Number(value);
}

export function registerPreviewCommand(program: Command, deps: CommandDeps): void {
  program
    .command('preview')
    .description('show a report in the browser, updated on every save, with its problems in place')
    .argument('[year]', 'reporting year, e.g. 2014 (default: the newest under ./reports)')
    .argument('[country]', "country folder, e.g. kosovo (default: a list of the year's countries)")
    .option('--port <port>', 'port to listen on (default: the first free one from 4014)', portNumber)
    .option('--host <address>', 'address to listen on (default: 127.0.0.1, this machine only)')
    .option('--open', 'open the page in the default browser')
    .option('--templates <dir>', 'folder with templates that override the built-in ones')
    .option('--fonts <list>', 'comma-separated font files or npm font packages (for the PDF download)')
    .action((yearArg: string | undefined, countryArg: string | undefined, opts: PreviewFlags) =>
      runPreview(deps, yearArg, countryArg, opts),
    );
}

/** Opens `url` in the desktop's browser; failing to is not an error (the address is printed). */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  // Loaded here: child_process (with net and streams) costs every command's start-up 4 ms.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

async function runPreview(
  deps: CommandDeps,
  yearArg: string | undefined,
  countryArg: string | undefined,
  opts: PreviewFlags,
): Promise<void> {
  const { io } = deps;
  const { settings, diagnostics } = await projectSettings(deps.project, deps.cwd, opts, deps.env);
  printToStderr(deps, diagnostics);
  if (!settings) {
    deps.setExitCode(EXIT_INVALID);
    return;
  }
  const here = deps.here('preview', yearArg, countryArg);
  const year = here.year ?? (await listYears(deps.ctx.cwd)).at(-1);
  if (year === undefined)
    throw new UsageError(
      'there are no reports to preview in reports/',
      'start one with `gareport init <year> <country>`',
    );
  if (opts.host && !['127.0.0.1', 'localhost', '::1'].includes(opts.host)) {
    deps.stderr(`warning: listening on ${opts.host}: anyone who can reach this machine there can read the reports\n`);
  }
  const { startPreview } = await import('../../commands/preview.js');
  const preview = await startPreview({
    ...deps.ctx,
    year,
    country: here.country,
    host: opts.host,
    port: opts.port,
    templates: settings.templates.value,
    fonts: settings.fonts.value,
    paper: chosenPaper(settings.paper),
    sourceDateEpoch: io.env.SOURCE_DATE_EPOCH,
    // What a flag or GAREPORT_* variable chose stays when the configuration is saved.
    pinned: (['templates', 'fonts', 'paper'] as const).filter((key) =>
      ['flag', 'environment'].includes(settings[key].origin.kind),
    ),
    onRendered: (r) =>
      deps.stderr(
        `rendered ${r.country} in ${Math.round(r.ms)} ms${r.errors + r.warnings ? `: ${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}` : ''}\n`,
      ),
    onChange: (files) => deps.stderr(`changed: ${files.join(', ')}\n`),
    onError: (error) => {
      const { message, hint } = error instanceof UsageError ? describeMistake(error) : { message: error.message };
      deps.stderr(`gareport: ${message}${hint ? `\n  hint: ${hint}` : ''}\n`);
    },
  });
  deps.stdout(`Preview of ${here.country ?? `the ${year} reports`} at ${preview.url}\n`);
  deps.stderr('Save an answer file and the page updates. Ctrl-C stops.\n');
  if (opts.open) openBrowser(preview.url);
  await new Promise<void>((resolve) => {
    if (!io.signal || io.signal.aborted) return resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await preview.close();
  if (io.signal?.aborted) deps.setExitCode(stoppedExitCode(io));
}
