/** Issue 21 item 14: completion of `init`'s new country, `--format`, `followup`, and through `npx gareport`. */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runInProcess, withProject } from './helpers/cli.js';

const complete = async (words: string[], cwd: string) =>
  (await runInProcess(['__complete', ...words], cwd)).stdout.split('\n').filter(Boolean);

/** A project with Kosovo's 2014 report and an (empty) 2015 report of Greece. */
function withTwoYears<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  return withProject({ withKosovo: true }, async ({ dir }) => {
    await mkdir(join(dir, 'reports', '2015', 'greece'), { recursive: true });
    return fn(dir);
  });
}

describe('completion', () => {
  it('`init 2015 <TAB>` offers the countries with no 2015 report yet', async () => {
    await withTwoYears(async (dir) => {
      const offered = await complete(['init', '2015', ''], dir);
      expect(offered).toContain('kosovo'); // a report in 2014, none in 2015
      expect(offered).toContain('albania'); // a participating country (data/countries.yaml)
      expect(offered).not.toContain('greece'); // has its 2015 report already
      expect(await complete(['init', '2014', 'ko'], dir)).not.toContain('kosovo');
      expect(await complete(['init', '2015', 'kos'], dir)).toEqual(['kosovo']);
    });
  });

  it('`build --format <TAB>` offers the formats, also after a comma', async () => {
    await withTwoYears(async (dir) => {
      expect(await complete(['build', '--format', ''], dir)).toEqual(['md', 'html', 'pdf', 'docx']);
      expect(await complete(['build', '2014', '--format', 'md,h'], dir)).toEqual(['md,html']);
      expect(await complete(['build', '--format', 'md,html,'], dir)).toEqual(['md,html,pdf', 'md,html,docx']);
      expect(await complete(['followup', '--format', 'p'], dir)).toEqual(['pdf']);
    });
  });

  it('`followup <TAB>` offers countries and years; after one, the other', async () => {
    await withTwoYears(async (dir) => {
      expect(await complete(['followup', ''], dir)).toEqual(['2014', '2015', 'greece', 'kosovo']);
      expect(await complete(['followup', 'kosovo', ''], dir)).toEqual(['2014', '2015']);
      expect(await complete(['followup', '2015', ''], dir)).toEqual(['greece']);
      expect(await complete(['diff', ''], dir)).toEqual(['greece', 'kosovo']);
      expect(await complete(['diff', 'kosovo', ''], dir)).toEqual(['2014', '2015']);
    });
  });

  it('the bash script completes `npx gareport` and `gareport`, with no gareport on PATH', async () => {
    await withTwoYears(async (dir) => {
      const script = (await runInProcess(['completion', 'bash'], dir)).stdout;
      const ask = async (line: string[]) => {
        const program = `${script}\nCOMP_WORDS=(${line.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${line.length - 1}; "$(complete -p ${line[0]} | sed -E 's/.*-F ([^ ]+).*/\\1/')"; printf '%s\\n' "\${COMPREPLY[@]}"`;
        const { stdout } = await promisify(execFile)('bash', ['--norc', '--noprofile', '-c', program], {
          cwd: join(dir, 'reports'),
          // No gareport, and no npx, on PATH: the script runs the binary it was printed by.
          env: { PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C' },
        });
        return stdout.split('\n').filter(Boolean);
      };
      expect(await ask(['npx', 'gareport', 'bu'])).toEqual(['build']);
      expect(await ask(['npx', 'gareport', 'init', '2015', 'kos'])).toEqual(['kosovo']);
      expect(await ask(['gareport', 'build', '--format', 'md,p'])).toEqual(['md,pdf']);
      expect(await ask(['gareport', 'followup', 'k'])).toEqual(['kosovo']);
    });
  });
});
