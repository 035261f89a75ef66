/**
 * A .docx that would unpack past the limit is refused before mammoth unpacks it (issue 8: a 728 KB
 * file expanding to ~300 MB took 26 s and 4 GB). The archive's declared sizes are what is checked.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_DOCX_EXPANDED_BYTES, zipExpansionProblem } from '../src/import/zip-limits.js';
import { runInProcess, withProject } from './helpers/cli.js';
import { seedAsDocx } from './helpers/docx-forms.js';

/** The archive with each central-directory entry declaring `size` unpacked bytes. */
function declaring(bytes: Uint8Array, size: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  for (let i = 0; i + 46 <= copy.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return copy;
}

describe('.docx expansion limit', () => {
  it('passes a real Word document and refuses one declaring more than the limit', async () => {
    await withProject({}, async ({ dir }) => {
      const path = join(dir, 'kosovo.docx');
      await seedAsDocx(path);
      const bytes = new Uint8Array(await readFile(path));
      expect(zipExpansionProblem(bytes)).toBeUndefined();
      await writeFile(path, declaring(bytes, 40 * 1024 * 1024));
      const result = await runInProcess(['import', 'kosovo.docx', '2014', 'kosovo'], dir);
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout + result.stderr).toContain(
        'expands to more than 100 MiB when unpacked (the limit is 100 MiB)',
      );
      expect(result.stderr).not.toContain('internal error');
      expect(await readdir(dir)).not.toContain('reports');
    });
  });

  it('refuses a zip bomb: a few hundred KB deflating to more than the limit', () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(MAX_DOCX_EXPANDED_BYTES + 1) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(zipExpansionProblem(bomb)).toContain('the limit is 100 MiB');
  });

  it('says what is wrong with a file that is not a zip archive', () => {
    expect(zipExpansionProblem(new TextEncoder().encode('PK\u0003\u0004 not really a zip'))).toContain(
      'not a complete zip archive',
    );
  });
});
