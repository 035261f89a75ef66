/**
 * Files as they come from other machines and other programs: Windows encodings and line endings,
 * control and bidi characters, invalid UTF-8. Each case is a report folder generated in a scratch
 * project (the bytes matter, so they are not committed), validated in-process and through the binary.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBinary, runInProcess, withProject } from './helpers/cli.js';

const KOSOVO = 'reports/2014/kosovo';
const T1 = `${KOSOVO}/target-1.yaml`;
const HEAD = 'target: 1\ngoals:\n  icse-victim-identification:\n';
const VALID_T1 = `${HEAD}    A: Four cases were reported.\n    B: --\n    C: --\n`;

interface Case {
  name: string;
  /** Files of the Kosovo folder (country.yaml is added). */
  files: Record<string, string | Uint8Array>;
  exit: number;
  /** `path:line:col` and a part of the message of each error expected. */
  errors?: { at: string; message: string }[];
  /** Nothing of this may appear in stdout or stderr (raw control characters). */
  never?: string[];
  /**
   * Also run through the binary: what reaches the terminal as bytes (control characters, scripts),
   * and nesting deep enough that the main thread's stack, not a test worker's, is what counts.
   */
  binary?: true;
}

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
};
const withBytes = (before: string, bytes: number[], after: string) =>
  Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);

const cases: Case[] = [
  { name: 'a UTF-8 byte-order mark is accepted', files: { 'target-1.yaml': `\uFEFF${VALID_T1}` }, exit: 0 },
  { name: 'CRLF line endings are accepted', files: { 'target-1.yaml': VALID_T1.replace(/\n/g, '\r\n') }, exit: 0 },
  {
    name: 'BOM and CRLF in every file, as Notepad and core.autocrlf write them',
    binary: true,
    files: {
      'country.yaml': '\uFEFFname: Kosovo\r\nlanguage: en\r\n',
      'target-1.yaml':
        `\uFEFF${HEAD}    A: |\n      Four cases.\n\n      - one\n      - two\n    B: --\n    C: --\n`.replace(
          /\n/g,
          '\r\n',
        ),
    },
    exit: 0,
  },
  {
    name: 'UTF-16 (little-endian, with BOM)',
    files: { 'target-1.yaml': utf16le(VALID_T1) },
    exit: 1,
    errors: [{ at: `${T1}:1:1`, message: 'this file is UTF-16; save it as UTF-8' }],
  },
  {
    name: 'UTF-16 (big-endian, with BOM)',
    files: { 'target-1.yaml': utf16be(VALID_T1) },
    exit: 1,
    errors: [{ at: `${T1}:1:1`, message: 'this file is UTF-16; save it as UTF-8' }],
  },
  {
    name: 'CR-only line endings',
    files: { 'target-1.yaml': VALID_T1.replace(/\n/g, '\r') },
    exit: 1,
    errors: [{ at: `${T1}:1:10`, message: 'old Mac line endings (CR alone)' }],
  },
  {
    name: 'an encoded surrogate (ED A0 80)',
    files: { 'target-1.yaml': withBytes(`${HEAD}    A: Fush`, [0xed, 0xa0, 0x80], ' Kosova.\n    B: --\n    C: --\n') },
    exit: 1,
    errors: [{ at: `${T1}:4:12`, message: 'not valid UTF-8 (byte 0xed)' }],
  },
  {
    name: 'a code point past U+10FFFF (F4 90 80 80)',
    files: {
      'target-1.yaml': withBytes(`${HEAD}    A: Four`, [0xf4, 0x90, 0x80, 0x80], ' cases.\n    B: --\n    C: --\n'),
    },
    exit: 1,
    errors: [{ at: `${T1}:4:12`, message: 'not valid UTF-8 (byte 0xf4)' }],
  },
  {
    name: 'an overlong encoding (C0 AF)',
    files: { 'target-1.yaml': withBytes(`${HEAD}    A: a`, [0xe0, 0x80, 0xaf], ' b\n    B: --\n    C: --\n') },
    exit: 1,
    errors: [{ at: `${T1}:4:9`, message: 'not valid UTF-8 (byte 0xe0)' }],
  },
  {
    name: 'a "\\0" escape',
    files: { 'target-1.yaml': `${HEAD}    A: "Four\\0 cases"\n    B: --\n    C: --\n` },
    exit: 1,
    errors: [{ at: `${T1}:4:13`, message: 'U+0000 NUL' }],
  },
  {
    name: 'a "\\e" escape',
    files: { 'target-1.yaml': `${HEAD}    A: "Four\\e[2K cases"\n    B: --\n    C: --\n` },
    exit: 1,
    errors: [{ at: `${T1}:4:13`, message: 'U+001B ESCAPE' }],
  },
  {
    name: 'a raw U+0001 in a block',
    files: { 'target-1.yaml': `${HEAD}    A: |\n      Four\u0001 cases.\n    B: --\n    C: --\n` },
    exit: 1,
    errors: [{ at: `${T1}:5:11`, message: 'U+0001' }],
    never: ['\u0001'],
  },
  {
    name: 'a raw ESC in plain text',
    binary: true,
    files: { 'target-1.yaml': `${HEAD}    A: Four \u001b[31mcases.\n    B: --\n    C: --\n` },
    exit: 1,
    errors: [{ at: `${T1}:4:13`, message: 'U+001B ESCAPE' }],
    never: ['\u001b'],
  },
  {
    name: 'U+202E RIGHT-TO-LEFT OVERRIDE (Trojan Source)',
    binary: true,
    files: { 'target-1.yaml': `${HEAD}    A: Access is \u202edenied\u202c for all.\n    B: --\n    C: --\n` },
    exit: 1,
    errors: [{ at: `${T1}:4:18`, message: 'U+202E RIGHT-TO-LEFT OVERRIDE' }],
    never: ['\u202e'],
  },
  {
    name: 'a control character in the country name',
    files: { 'country.yaml': 'name: "Kosovo\\a"\n', 'target-1.yaml': VALID_T1 },
    exit: 1,
    errors: [{ at: `${KOSOVO}/country.yaml:1:14`, message: 'U+0007 BELL' }],
  },
  {
    name: 'a goal key holding \\e[2K is printed escaped',
    binary: true,
    files: { 'target-1.yaml': `${HEAD}    A: --\n  "bad\\e[2Kgoal":\n    A: --\n` },
    exit: 1,
    errors: [{ at: `${T1}:5:3`, message: 'unknown goal `bad\\u{1B}[2Kgoal`' }],
    never: ['\u001b'],
  },
  {
    name: 'a list nested 1,000 levels (the limit is 32)',
    binary: true,
    files: {
      'target-1.yaml': `${HEAD}    A: |\n${Array.from({ length: 1000 }, (_, i) => `      ${'  '.repeat(i)}- item`).join('\n')}\n`,
    },
    exit: 1,
    errors: [{ at: `${T1}:37:71`, message: 'nested here more than 32 levels deep (the limit is 32)' }],
  },
  {
    name: 'quotes nested 100,000 levels on one line',
    binary: true,
    files: { 'target-1.yaml': `${HEAD}    A: |\n      ${'> '.repeat(100_000)}x\n` },
    exit: 1,
    errors: [{ at: `${T1}:5:7`, message: 'more than 32 levels deep' }],
  },
  {
    name: 'almost 1 MiB of [[[…]]]',
    binary: true,
    files: { 'target-1.yaml': `target: 1\ngoals: ${'['.repeat(500_000)}${']'.repeat(500_000)}\n` },
    exit: 1,
    errors: [{ at: `${T1}:2:40`, message: 'nested more than 32 levels deep (the limit is 32)' }],
  },
  {
    name: 'almost 1 MiB of list items (the limit is 20,000 parts)',
    files: { 'target-1.yaml': `target: 1\ngoals:\n${'  - a\n'.repeat(170_000)}` },
    exit: 1,
    errors: [{ at: `${T1}:10000:5`, message: 'more than 20,000 keys, values, list items and comments' }],
  },
  {
    name: 'almost 1 MiB of prose in one answer (the limit is 150,000 characters for a file)',
    files: {
      'target-1.yaml': `${HEAD}    A: |\n${'      The national hotline forwarded the reports to hosting providers within a day.\n'.repeat(12_400)}`,
    },
    exit: 1,
    errors: [{ at: `${T1}:1928:13`, message: 'pass 150,000 characters here (the limit for the answers of one file)' }],
  },
  {
    name: 'answers of one file over 150,000 characters together: named at the answer that passes it, once',
    files: {
      'target-1.yaml': `${HEAD}    A: |\n${'      Eighty thousand characters of answer, line after line.\n'.repeat(1_400)}    B: |\n${'      And as many again under the next question, line after line.\n'.repeat(1_400)}    C: |\n${'      A third.\n'.repeat(100)}`,
    },
    exit: 1,
    errors: [{ at: `${T1}:2622:48`, message: 'pass 150,000 characters here' }],
  },
  {
    name: 'what scripts need is allowed: ZWJ, ZWNJ, RLM, combining marks, tabs, emoji',
    binary: true,
    files: {
      'target-1.yaml': `${HEAD}    A: |\n      می\u200cخواهم \u0915\u094d\u200d\u0937 \u200fשלום\u200f e\u0301 \t👩\u200d💻 🏴\u{e0067}\u{e0062}\u{e007f}\n    B: --\n    C: --\n`,
    },
    exit: 0,
  },
];

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gareport-odd-'));
  for (const [i, c] of cases.entries()) {
    const dir = join(root, String(i), KOSOVO);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'country.yaml'), 'name: Kosovo\n');
    for (const [name, content] of Object.entries(c.files)) await writeFile(join(dir, name), content);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// In-process, each case in the three output formats; through the binary, the cases marked
// `binary`, in the text format: what the process adds (its exit code, writing to the terminal) does
// not depend on the format, and each run of the binary costs about 0.4 s of CPU.
describe.each([
  { runner: 'in-process', run: runInProcess, formats: ['text', 'github', 'json'], all: true },
  { runner: 'binary', run: runBinary, formats: ['text'], all: false },
])('odd input ($runner)', ({ run, formats, all }) => {
  it.each(cases.map((c, i) => ({ ...c, i })).filter((c) => all || c.binary))('$name', async (c) => {
    for (const format of formats) {
      const result = await run(['validate', '--format', format], join(root, String(c.i)));
      const output = result.stdout + result.stderr;
      expect(result.stderr).not.toContain('internal error');
      expect(result.exitCode, output).toBe(c.exit);
      for (const raw of c.never ?? []) expect(output).not.toContain(raw);
      if (format !== 'text') continue;
      for (const e of c.errors ?? []) {
        const line = result.stdout.split('\n').find((l) => l.startsWith(`${e.at}  error  `));
        expect(line, `no error at ${e.at} in:\n${result.stdout}`).toBeDefined();
        expect(line).toContain(e.message);
      }
      if (c.exit === 0) expect(result.stdout).not.toMatch(/ {2}error {2}/);
    }
  });
});

describe('accepted Windows files build like their Unix twins', () => {
  it('a BOM + CRLF copy of Kosovo builds the same Markdown', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const folder = join(dir, KOSOVO);
      await run(['build', '2014', 'kosovo', '--format', 'md', '--out', 'unix'], dir);
      for (const name of ['country.yaml', 'target-1.yaml', 'target-2.yaml', 'target-3.yaml', 'target-4.yaml']) {
        const text = await readFile(join(folder, name), 'utf8');
        await writeFile(join(folder, name), `\uFEFF${text.replace(/\n/g, '\r\n')}`);
      }
      const result = await run(['build', '2014', 'kosovo', '--format', 'md', '--out', 'windows'], dir);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      const unix = await readFile(join(dir, 'unix', '2014', 'kosovo.md'), 'utf8');
      expect(await readFile(join(dir, 'windows', '2014', 'kosovo.md'), 'utf8')).toBe(unix);
      expect(unix).toContain('Kosovo Police');
    });
  });
});

const run = runInProcess;
