/** The CLI's view of the project: its root, its configuration, and the settings a command runs with. */

import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { Project } from '../project/locate.js';
import { findProject } from '../project/locate.js';
import { displayPath } from '../project/paths.js';
import type { SettingFlags, Settings } from '../project/settings.js';

export type { Project } from '../project/locate.js';

/** The project gareport runs in: found by walking up from `cwd`. */
export function locateProject(cwd: string): Promise<Project> {
  return findProject(cwd);
}

/**
 * The settings of `build`, by precedence: flag > GAREPORT_* environment > config file > default.
 * A config file with mistakes gives diagnostics and no settings.
 */
export async function projectSettings(
  project: Project,
  cwd: string,
  flags: SettingFlags,
  env: Record<string, string | undefined>,
): Promise<{ settings?: Settings; diagnostics: Diagnostic[] }> {
  // The configuration file's module (YAML, zod) is loaded only when there is a file to read.
  const { resolveSettings } = await import('../project/settings.js');
  const config = project.configFile
    ? await (await import('../project/config.js')).loadConfig(
        project.configFile,
        displayPath(project.root, project.configFile),
      )
    : undefined;
  if (config && !config.config) return { diagnostics: config.diagnostics };
  return { settings: resolveSettings({ project, cwd, flags, env, config }), diagnostics: config?.diagnostics ?? [] };
}

/** What `--verbose` prints first: the project root and where each setting came from. */
export async function describeProject(project: Project, settings: Settings): Promise<string> {
  const { describeSettings } = await import('../project/settings.js');
  const shown = (path: string) => displayPath(project.root, path);
  const lines = [
    `project: ${project.root}${project.configFile ? ` (config: ${shown(project.configFile)})` : ''}`,
    ...describeSettings(settings, shown).map((l) => `  ${l}`),
  ];
  return `${lines.join('\n')}\n`;
}
