/**
 * Colour for diagnostics: on a terminal only, never when piped, and as the NO_COLOR
 * (https://no-color.org) and FORCE_COLOR conventions say.
 */

const RESET = '\x1b[0m';
const STYLE = { error: '\x1b[1;31m', warning: '\x1b[1;33m', hint: '\x1b[36m' } as const;

/** Whether a stream gets colour: NO_COLOR wins, then FORCE_COLOR, then "is it a terminal". */
export function wantsColour(env: Record<string, string | undefined>, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  return Boolean(isTTY) && env.TERM !== 'dumb';
}

/**
 * Colours the severity of a formatted diagnostic (`file:1:2  error  message`) and its `hint:`
 * lines; the text is otherwise unchanged, so a copy of the plain text is still the same words.
 */
export function colourDiagnostics(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const hint = /^(\s*)hint:/.exec(line);
      if (hint) return `${hint[1]}${STYLE.hint}hint:${RESET}${line.slice(hint[0].length)}`;
      return line.replace(/^(\S.*?) {2}(error|warning) {2}/, (_all, where: string, severity: 'error' | 'warning') => {
        return `${where}  ${STYLE[severity]}${severity}${RESET}  `;
      });
    })
    .join('\n');
}

/** Writers that colour diagnostics when their stream wants it. */
export interface Painter {
  stdout: (text: string) => string;
  stderr: (text: string) => string;
}

export function painter(
  env: Record<string, string | undefined>,
  isTTY: { stdout?: boolean | undefined; stderr?: boolean | undefined },
): Painter {
  const plain = (text: string) => text;
  return {
    stdout: wantsColour(env, isTTY.stdout) ? colourDiagnostics : plain,
    stderr: wantsColour(env, isTTY.stderr) ? colourDiagnostics : plain,
  };
}
