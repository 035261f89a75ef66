/** The YAML parser's concrete syntax tree, read for where an unclosed quote or bracket was opened. */
import type { CST } from 'yaml';

export type CstToken = {
  type: string;
  offset: number;
  source?: string;
  start?: { source?: string };
  end?: { source?: string }[];
};

/** Every CST token with a position, in document order, of the parser's top-level tokens (see parse-yaml.ts: parsed once). */
export function cstTokens(top: readonly CST.Token[]): CstToken[] {
  const out: CstToken[] = [];
  const stack: unknown[] = [...top].reverse();
  while (stack.length) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
      continue;
    }
    if (!item || typeof item !== 'object') continue;
    const t = item as Record<string, unknown>;
    if (typeof t.type === 'string' && typeof t.offset === 'number') out.push(t as unknown as CstToken);
    const children = [t.start, t.key, t.sep, t.value, t.items, t.props].filter((c) => c && typeof c === 'object');
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/** The last quoted text that spans `at`: where a quote that is never closed was opened. */
export function quotedAround(tokens: readonly CstToken[], at: number): CstToken | undefined {
  return tokens
    .filter(
      (t) =>
        (t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') &&
        t.offset <= at &&
        t.offset + (t.source?.length ?? 0) >= at,
    )
    .at(-1);
}

/** The last `[` (or `{`, or either when `open` is undefined) before `at` that is never closed. */
export function unclosedFlow(tokens: readonly CstToken[], at: number, open: string | undefined): CstToken | undefined {
  return tokens
    .filter(
      (t) =>
        t.type === 'flow-collection' &&
        (open === undefined || t.start?.source === open) &&
        t.offset <= at &&
        !t.end?.some((e) => e.source === (t.start?.source === '[' ? ']' : '}')),
    )
    .at(-1);
}
