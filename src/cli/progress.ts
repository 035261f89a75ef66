/** How the CLI shows a build's progress on standard error (the library only reports events). */
export type ProgressMode = 'terminal' | 'lines' | 'none';

export interface ProgressEvent {
  done: number;
  total: number;
  country: string;
  year: number;
}

/** `[ 3/54] 2014 kosovo  1.2 s`: reports done of the total, the last one finished, time since the start. */
function progressText(event: ProgressEvent, elapsedMs: number): string {
  const { done, total, country, year } = event;
  return `[${String(done).padStart(String(total).length)}/${total}] ${year} ${country}  ${(elapsedMs / 1000).toFixed(1)} s`;
}

/**
 * A progress printer. On a terminal, one line rewritten in place (and ended once all are done);
 * piped or in CI, one plain line per report; with `none` (--quiet), nothing.
 */
export function progressPrinter(
  mode: ProgressMode,
  write: (text: string) => void,
  now: () => number = () => performance.now(),
): ((event: ProgressEvent) => void) | undefined {
  if (mode === 'none') return undefined;
  const start = now();
  return (event) => {
    const text = progressText(event, now() - start);
    if (mode === 'lines') write(`${text}\n`);
    else write(`\r\x1b[K${text}${event.done === event.total ? '\n' : ''}`);
  };
}
