/** Where the CLI reads and writes; passed in so tests run `main` in-process. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is an interactive terminal (progress display, colour). */
  isTTY?: boolean;
  /** Whether stderr is an interactive terminal (colour of the diagnostics printed there). */
  stderrIsTTY?: boolean;
  /** Aborted to stop long-running commands (`build --watch`), e.g. on Ctrl-C. */
  signal?: AbortSignal;
  /** gareport's own folder (forms/, templates/, data/); defaults to the installed package. */
  packageRoot?: string;
}
