/**
 * The logo a country.yaml names, as the build's fingerprint and the watch find it: read as YAML, so
 * a quoted, block or flow value counts and a commented-out line does not (issue 20, item 11).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logoNamedIn } from '../src/project/git.js';

const named = (text: string) => logoNamedIn('/p', new TextEncoder().encode(text));

describe('the logo a country.yaml names', () => {
  it.each([
    ['logo: assets/a.png\n', 'assets/a.png'],
    ['name: X\nlogo: "assets/b c.png"  # the ministry\n', 'assets/b c.png'],
    ["logo: 'assets/it''s.png'\n", "assets/it's.png"],
    ['logo: >-\n  assets/folded.png\n', 'assets/folded.png'],
    ['{ name: X, logo: assets/flow.png }\n', 'assets/flow.png'],
    ['\ufeffname: X\r\nlogo: assets/crlf.png\r\n', 'assets/crlf.png'],
    // The key spelt with escapes: still read as YAML.
    ['"l\\x6fgo": assets/escaped.png\n', 'assets/escaped.png'],
    ['"\\u006cogo": assets/unicode.png\n', 'assets/unicode.png'],
  ])('%j names %s', (text, logo) => {
    expect(named(text)).toBe(join('/p', logo));
  });

  it.each([
    ['name: X\n# logo: assets/old.png\n'],
    ['name: X\nlogo:\n'],
    ['name: X\nlanguage: en\n'],
    ['logo: [a, b]\n'],
    ['logo: "unclosed\n'],
    ['a: &x [*x]\nlogo: b.png\n'],
    [`${'['.repeat(200)}\n`],
  ])('%j names none', (text) => {
    expect(named(text)).toBeUndefined();
  });
});
