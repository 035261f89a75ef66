/**
 * The preview's settings from the project's configuration, read again when it is saved: rules,
 * templates, fonts and paper. What a flag or GAREPORT_* variable chose (`pinned`, as the CLI knows
 * from each setting's origin) stays; the rest follows the configuration.
 */
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { diagnosticData } from '../diagnostics/diagnostics.js';
import type { Settings } from '../project/config.js';
import { chosenPaper, findProject } from '../project/locate.js';
import { displayPath } from '../project/paths.js';
import type { PreviewSettings } from './country-page.js';

type Chosen = Pick<PreviewSettings, 'templates' | 'fonts' | 'paper' | 'rules'>;

/** The settings a flag or an environment variable chose: the configuration does not change them. */
export type PinnedSettings = readonly ('templates' | 'fonts' | 'paper')[];

/** The configuration's settings (no flags, no environment), or the mistakes that keep it from giving any. */
async function fromConfig(root: string): Promise<{ chosen?: Chosen; diagnostics: Diagnostic[]; configFile?: string }> {
  const { loadConfig, resolveSettings } = await import('../project/config.js');
  const project = await findProject(root);
  const config = project.configFile
    ? await loadConfig(project.configFile, displayPath(project.root, project.configFile))
    : undefined;
  if (config && !config.config) return { diagnostics: config.diagnostics, configFile: project.configFile };
  const settings: Settings = resolveSettings({ project, cwd: root, flags: {}, env: {}, config });
  return {
    chosen: {
      templates: settings.templates.value,
      fonts: settings.fonts.value,
      paper: chosenPaper(settings.paper),
      rules: config?.config?.rules,
    },
    diagnostics: config?.diagnostics ?? [],
    configFile: project.configFile,
  };
}

/** The first mistake of a configuration, as one line: `gareport.config.yaml:2:8: …`. */
function firstMistake(diagnostics: readonly Diagnostic[]): string {
  const d = diagnostics[0];
  if (!d) return 'it cannot be read';
  const data = diagnosticData(d);
  return `${data.file}${data.line ? `:${data.line}:${data.column}` : ''}: ${data.message}`;
}

export interface ConfigFollower {
  /** The configuration file (absolute), if the project has one. */
  configFile?: string | undefined;
  /** The settings to start with: the given ones, with the configuration's rules. */
  initial: PreviewSettings;
  /** The settings after the configuration was saved; throws (saying that the old ones stay) when it has mistakes. */
  reload: () => Promise<PreviewSettings>;
}

/** Follows the project's configuration for a preview that started with `given`. */
export async function followConfig<T extends PreviewSettings>(
  given: T,
  pinnedSettings: PinnedSettings = [],
): Promise<ConfigFollower> {
  const start = await fromConfig(given.cwd);
  const pinned = (key: keyof Chosen) => (pinnedSettings as readonly string[]).includes(key);
  let current: PreviewSettings = { ...given, rules: given.rules ?? start.chosen?.rules };
  return {
    configFile: start.configFile,
    initial: current,
    reload: async () => {
      const next = await fromConfig(given.cwd);
      if (!next.chosen) {
        throw new Error(
          `the configuration has mistakes (${firstMistake(next.diagnostics)}): the preview goes on with the settings it had before`,
        );
      }
      const chosen = next.chosen;
      const keep = (key: keyof Chosen) => (pinned(key) ? given[key] : chosen[key]);
      current = {
        ...current,
        templates: keep('templates') as string | undefined,
        fonts: keep('fonts') as readonly string[] | undefined,
        paper: keep('paper') as PreviewSettings['paper'],
        rules: given.rules ?? chosen.rules,
      };
      return current;
    },
  };
}
