/**
 * The language of text written in a script other than the report's (issue 22): a Hebrew answer
 * in an English report is Hebrew, so the PDF's span and the HTML's block say `he` and a screen
 * reader switches voice. Only scripts that name a language well enough are used; Latin and
 * Cyrillic text says nothing (it is in any of many languages), and neither does text in the
 * report's own script (a Persian report's Arabic-script answer is taken to be Persian).
 */

/** Scripts, the language a text in them is taken to be in, and the languages written in them. */
const SCRIPTS: ReadonlyArray<{ test: RegExp; lang: string; writes: readonly string[] }> = [
  { test: /\p{Script=Hebrew}/u, lang: 'he', writes: ['he', 'yi', 'iw'] },
  { test: /\p{Script=Arabic}/u, lang: 'ar', writes: ['ar', 'fa', 'ur', 'ps', 'ku', 'ckb', 'sd', 'ug', 'prs'] },
  { test: /\p{Script=Greek}/u, lang: 'el', writes: ['el'] },
  { test: /\p{Script=Armenian}/u, lang: 'hy', writes: ['hy'] },
  { test: /\p{Script=Georgian}/u, lang: 'ka', writes: ['ka'] },
  { test: /\p{Script=Thai}/u, lang: 'th', writes: ['th'] },
  { test: /\p{Script=Lao}/u, lang: 'lo', writes: ['lo'] },
  { test: /\p{Script=Khmer}/u, lang: 'km', writes: ['km'] },
  { test: /\p{Script=Myanmar}/u, lang: 'my', writes: ['my'] },
  { test: /\p{Script=Devanagari}/u, lang: 'hi', writes: ['hi', 'mr', 'ne', 'sa', 'mai', 'bho'] },
  { test: /\p{Script=Bengali}/u, lang: 'bn', writes: ['bn', 'as'] },
  { test: /\p{Script=Tamil}/u, lang: 'ta', writes: ['ta'] },
  { test: /\p{Script=Sinhala}/u, lang: 'si', writes: ['si'] },
  { test: /\p{Script=Ethiopic}/u, lang: 'am', writes: ['am', 'ti'] },
  { test: /\p{Script=Hangul}/u, lang: 'ko', writes: ['ko'] },
  { test: /[\p{Script=Hiragana}\p{Script=Katakana}]/u, lang: 'ja', writes: ['ja'] },
  { test: /\p{Script=Han}/u, lang: 'zh', writes: ['zh', 'ja'] },
];

/** Text of only Latin, Cyrillic, digits, punctuation and symbols: no language to tell. */
const NO_SCRIPT_LANGUAGE = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u;

/**
 * The language of `text` when most of its letters are in a script of the table and the report's
 * language (`documentLang`, BCP 47) is not written in it; else null.
 */
export function scriptLanguage(text: string, documentLang: string): string | null {
  if (NO_SCRIPT_LANGUAGE.test(text)) return null;
  const counts = new Map<(typeof SCRIPTS)[number], number>();
  let other = 0;
  const hasKana = SCRIPTS[15]?.test.test(text) ?? false;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    const script = SCRIPTS.find((s) => s.test.test(ch));
    if (!script) {
      other++;
      continue;
    }
    // Han with kana around it is Japanese.
    const counted = script.lang === 'zh' && hasKana ? (SCRIPTS[15] as (typeof SCRIPTS)[number]) : script;
    counts.set(counted, (counts.get(counted) ?? 0) + 1);
  }
  let best: (typeof SCRIPTS)[number] | undefined;
  let most = other;
  for (const [script, count] of counts) {
    if (count > most) {
      best = script;
      most = count;
    }
  }
  if (!best) return null;
  const primary = documentLang.toLowerCase().split('-')[0] ?? '';
  return best.writes.includes(primary) ? null : best.lang;
}
