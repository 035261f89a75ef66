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

/** Prints each event; `end()` ends a line left open on a terminal (a build stopped or failed part way). */
export interface ProgressPrinter {
  (event: ProgressEvent): void;
  end(): void;
}

/**
 * A progress printer. On a terminal, one line rewritten in place (and ended once all are done, or
 * by `end()`, so what is printed next starts a line of its own); piped or in CI, one plain line per
 * report; with `none` (--quiet), nothing.
 */
export function progressPrinter(
  mode: ProgressMode,
  write: (text: string) => void,
  now: () => number = () => performance.now(),
): ProgressPrinter | undefined {
  if (mode === 'none') return undefined;
  const start = now();
  let open = false;
  const print = (event: ProgressEvent) => {
    const text = progressText(event, now() - start);
    if (mode === 'lines') return write(`${text}\n`);
    open = event.done !== event.total;
    write(`\r\x1b[K${text}${open ? '' : '\n'}`);
  };
  const end = () => {
    if (open) write('\n');
    open = false;
  };
  return Object.assign(print, { end });
}
