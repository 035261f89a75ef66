/**
 * Characters that must not reach a report or a terminal: control characters (C0 but tab and line
 * feed, DEL, C1), the bidirectional embeddings, overrides and isolates that reorder what is shown
 * around them ("Trojan Source", CVE-2021-42574), lone surrogates and the non-characters U+FFFE and
 * U+FFFF. What scripts need is allowed: ZWJ, ZWNJ, the left-to-right and right-to-left marks,
 * combining marks, variation selectors, emoji tags.
 */
function isForbidden(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
    (code >= 0x7f && code <= 0x9f) ||
    isBidiControl(code) ||
    code === 0xfffe ||
    code === 0xffff
  );
}

/** Embeddings, overrides and isolates (not the marks LRM, RLM, ALM, which scripts need). */
export function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

const NAMES: Record<number, string> = {
  0: 'NUL',
  7: 'BELL',
  8: 'BACKSPACE',
  11: 'VERTICAL TAB',
  12: 'FORM FEED',
  13: 'CARRIAGE RETURN',
  27: 'ESCAPE',
  127: 'DELETE',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
};

/** `U+001B`. */
export function codePointLabel(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, or just the code point when it has no common name. */
export function describeCharacter(code: number): string {
  const name = NAMES[code];
  return name ? `${codePointLabel(code)} ${name}` : codePointLabel(code);
}

/** The first forbidden character of a text: its index (UTF-16) and code unit(s), or undefined. */
export function firstForbiddenCharacter(text: string): { index: number; code: number } | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { index: i, code: c };
    }
    if ((c >= 0xdc00 && c <= 0xdfff) || isForbidden(c)) return { index: i, code: c };
  }
  return undefined;
}

/** Shown escaped rather than raw (in diagnostics, on a terminal); lone surrogates included. */
function isUnprintable(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    isBidiControl(code) ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/**
 * Text safe to print on a terminal or in a CI log: control characters, line separators, bidi
 * controls and lone surrogates are written as `\u{1B}`; everything else is left alone. Idempotent
 * (the escapes are plain ASCII).
 */
export function escapeControls(text: string): string {
  let clean = true;
  for (let i = 0; i < text.length && clean; i++) clean = !isUnprintable(text.charCodeAt(i));
  if (clean) return text;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += isUnprintable(code) ? `\\u{${code.toString(16).toUpperCase()}}` : char;
  }
  return out;
}
