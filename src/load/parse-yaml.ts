/**
 * Text to YAML nodes with source ranges. Aliases and anchors are refused (no alias bombs, and no text
 * silently lost to `&name` or `*name`). One mistake often confuses the parser for the next line or
 * two: only the first error of such a run is reported, at the place a person would fix.
 */
import type { Alias, CST, Document, Node as YamlNode } from 'yaml';
import { Composer, isAlias, isMap, isPair, isSeq, Parser, visit, YAMLParseError } from 'yaml';
import type { Diagnostic, Severity } from '../diagnostics/diagnostics.js';
import { hasErrors } from '../diagnostics/diagnostics.js';
import type { SourceText } from './source-text.js';
import { diagnosticAt } from './source-text.js';
import { trace } from './trace.js';
import type { CstToken } from './yaml-cst.js';
import { cstTokens } from './yaml-cst.js';
import { explainYamlError } from './yaml-explain.js';
import { lexYaml, MAX_YAML_DEPTH } from './yaml-limits.js';
import type { Explained } from './yaml-lines.js';
import { blockHint, isAnswerFile, lineAt, otherSpaceIndents, specialStart } from './yaml-lines.js';

interface Found {
  explained: Explained;
  severity: Severity;
}

const error = (explained: Explained): Found => ({ explained, severity: 'error' });

/** The parser's errors and warnings, explained; a run of errors on consecutive lines counts once. */
function parserProblems(source: SourceText, doc: Document.Parsed, top: readonly CST.Token[]): Found[] {
  let tokens: CstToken[] | undefined;
  const cst = () => {
    tokens ??= cstTokens(top);
    return tokens;
  };
  const found: Found[] = [];
  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  // "Nested mappings…" and "Implicit keys need to be on a single line" at one place are one mistake; the latter says which.
  const multiline = new Set(errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').map((e) => e.pos[0]));
  let lastLine = Number.NEGATIVE_INFINITY;
  // A tab in an indent puts the lines after it out of line too: one cause, one message (issue 21 item 10).
  let tabbed = false;
  for (const e of errors) {
    if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline.has(e.pos[0])) continue;
    if (tabbed && e.code === 'BAD_INDENT') continue;
    const line = lineAt(source, e.pos[0]);
    const cascade = e.code !== 'DUPLICATE_KEY' && line <= lastLine + 1;
    if (e.code !== 'DUPLICATE_KEY') lastLine = line;
    if (cascade) continue;
    const explained = explainYamlError(source, e, cst);
    tabbed ||= explained.code === 'yaml-tab-as-indent';
    found.push(error(explained));
  }
  for (const w of doc.warnings) {
    const explained = explainYamlError(source, w, cst);
    // An unknown tag (`!text`) would silently drop text: that is an error, not a warning.
    found.push({ explained, severity: explained.code === 'yaml-special-character' ? 'error' : 'warning' });
  }
  return found;
}

/** The first node nested deeper than any form, answer or country file; refused before anything recurses over the tree. */
function tooDeep(doc: Document.Parsed): YamlNode | undefined {
  const stack: [unknown, number][] = [[doc.contents, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_YAML_DEPTH) return node;
    for (const item of node.items) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** `*important* text` or `&c text`: Markdown or prose that YAML took for a reference. */
function takenForReference(source: SourceText, offset: number, char: '*' | '&'): Found {
  return error(
    specialStart(source, lineAt(source, offset)) ?? {
      offset,
      code: 'yaml-special-character',
      message: `text that starts with \`${char}\` must be written as a block or put in quotes`,
      hint: blockHint(''),
    },
  );
}

/** Keys that are lists or maps, aliases and anchors: YAML allows them, these files do not. */
function structureProblems(source: SourceText, doc: Document.Parsed): Found[] {
  const found: Found[] = [];
  const aliases: Alias[] = [];
  const anchors: { name: string; offset: number }[] = [];
  visit(doc, {
    Pair(_key, pair) {
      if (!isMap(pair.key) && !isSeq(pair.key)) return;
      found.push(
        error({
          offset: pair.key.range?.[0] ?? 0,
          code: 'yaml-complex-key',
          message: 'a key must be a single word, such as `A` or the id of a goal, not a list or a set of keys',
          hint: 'check the brackets and any `?` at the start of this line',
        }),
      );
    },
    Node(_key, node) {
      if (isAlias(node)) aliases.push(node);
      else if (node.anchor) {
        const start = node.range?.[0] ?? 0;
        const at = source.text.lastIndexOf(`&${node.anchor}`, start);
        anchors.push({ name: node.anchor, offset: at === -1 ? start : at });
      }
    },
  });
  const resolved = aliases.filter((alias) => alias.resolve(doc));
  for (const alias of aliases) {
    if (!resolved.includes(alias)) found.push(takenForReference(source, alias.range?.[0] ?? 0, '*'));
  }
  const first = resolved[0];
  if (first) {
    found.push(
      error({
        offset: first.range?.[0] ?? 0,
        code: 'yaml-alias',
        message: `aliases (\`*${first.source}\`) are not allowed in these files${resolved.length > 1 ? ` (this file has ${resolved.length})` : ''}`,
        hint: 'write the text out in full where it belongs',
      }),
    );
  }
  const used = new Set(resolved.map((alias) => alias.source));
  for (const anchor of anchors) {
    if (!used.has(anchor.name)) found.push(takenForReference(source, anchor.offset, '&'));
  }
  return found;
}

/** A file of comments only; the hint in the words of the file it is (issue 21 item 10). */
function commentsOnly(source: SourceText): Explained {
  const hint = isAnswerFile(source)
    ? 'run `gareport init` to create answer files with every question in place'
    : /(?:^|[\\/])country\.ya?ml$/.test(source.file)
      ? "write the country's `name:` and `language:` (e.g. `name: Kosovo` and `language: en`), each on its own line"
      : 'write its settings as `key: value` lines, or delete the file';
  return { offset: 0, code: 'empty-file', message: 'this file has no content, only comments', hint };
}

/** What is wrong beyond the parser's errors: nesting too deep, or the structure these files refuse. */
function documentProblems(source: SourceText, doc: Document.Parsed, parser: Found[]): Found[] {
  const deep = tooDeep(doc);
  if (deep) {
    // The parser may have given up on the same nesting: one message is enough.
    return [
      ...parser.filter((f) => f.explained.code !== 'yaml-too-deep'),
      error({
        offset: deep.range?.[0] ?? 0,
        code: 'yaml-too-deep',
        message: `this file is nested more than ${MAX_YAML_DEPTH} levels deep`,
        hint: 'answer files have goals, then questions, then text',
      }),
    ];
  }
  // After a tab in an indent, the odd structure YAML makes of the lines is the tab's doing.
  const tab = parser.find((f) => f.explained.code === 'yaml-tab-as-indent')?.explained.offset;
  const structure = structureProblems(source, doc).filter((f) => tab === undefined || f.explained.offset < tab);
  const found = [...parser, ...structure];
  if (doc.contents === null && doc.errors.length === 0) found.push(error(commentsOnly(source)));
  return found;
}

/** In the order of the file, one per place and code. */
function toDiagnostics(source: SourceText, found: Found[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { explained, severity } of found.sort((a, b) => a.explained.offset - b.explained.offset)) {
    const key = `${explained.offset}:${explained.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(
      diagnosticAt(source, explained.offset, severity, explained.code, explained.message, explained.hint),
    );
  }
  return diagnostics;
}

/** Parses YAML, keeping nodes with source ranges; no document when there is an error. */
export function parseYaml(source: SourceText): { doc?: Document.Parsed; diagnostics: Diagnostic[] } {
  const { lexemes, limit } = lexYaml(source.text);
  if (limit) {
    return { diagnostics: [diagnosticAt(source, limit.offset, 'error', limit.code, limit.message, limit.hint)] };
  }
  // No-break spaces in an indent (pasted from Word) are the cause of whatever the parser says next.
  const oddSpaces = otherSpaceIndents(source);
  if (oddSpaces.length) return { diagnostics: toDiagnostics(source, oddSpaces.map(error)) };
  trace('yaml', source.file);
  const { doc, cst } = composeDocument(lexemes, source.text.length);
  const diagnostics = toDiagnostics(source, documentProblems(source, doc, parserProblems(source, doc, cst)));
  if (hasErrors(diagnostics)) return { diagnostics };
  return { doc, diagnostics };
}

/**
 * What the library's parseDocument does, from tokens lexed once (lexYaml), keeping the concrete
 * syntax tree for the explanation of an error (where a quote was opened) instead of parsing again.
 */
function composeDocument(lexemes: readonly string[], length: number): { doc: Document.Parsed; cst: CST.Token[] } {
  const parser = new Parser();
  const cst: CST.Token[] = [];
  function* tokens(): Generator<CST.Token> {
    for (const lexeme of lexemes) for (const token of parser.next(lexeme)) yield keep(token);
    for (const token of parser.end()) yield keep(token);
  }
  const keep = (token: CST.Token) => {
    cst.push(token);
    return token;
  };
  // logLevel 'error': the library would otherwise print its own warnings on the process's stderr.
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens(), true, length)) {
    if (!doc) doc = next;
    else {
      const message = 'Source contains multiple documents; please use YAML.parseAllDocuments()';
      doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', message));
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document.
  return { doc: doc as Document.Parsed, cst };
}
