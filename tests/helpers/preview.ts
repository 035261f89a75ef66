/** A preview of Kosovo 2014 in a scratch project, closed and removed afterwards whatever happens. */
import type { PreviewHandle, PreviewOptions } from '../../src/commands/preview.js';
import { startPreview } from '../../src/commands/preview.js';
import { makeProject, repoRoot } from './cli.js';

export async function withPreview<T>(
  setup: { prepare?: (dir: string) => Promise<void>; options?: Partial<PreviewOptions> },
  fn: (preview: PreviewHandle, dir: string) => Promise<T>,
): Promise<T> {
  const project = await makeProject({ withKosovo: true });
  try {
    await setup.prepare?.(project.dir);
    const preview = await startPreview({
      cwd: project.dir,
      packageRoot: repoRoot,
      year: 2014,
      country: 'kosovo',
      port: 0,
      ...setup.options,
    });
    try {
      return await fn(preview, project.dir);
    } finally {
      await preview.close();
    }
  } finally {
    await project.cleanup();
  }
}
