/** The one diagnostics type (a vfile message) and what reads it: the text, JSON and GitHub formats. */
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import {
  diagnostic,
  diagnosticData,
  diagnosticFromData,
  formatGithub,
  formatJson,
  formatText,
  messagesOf,
  severityOf,
  withHint,
} from '../src/diagnostics/diagnostics.js';
import { diagnosticAt, sourceOf } from '../src/load/source-text.js';

const source = sourceOf('reports/2014/kosovo/target-1.yaml', 'target: 1\ngoals:\n  bad-goal:\n    A: text\n');

describe('a diagnostic', () => {
  const d = diagnosticAt(
    source,
    source.text.indexOf('bad-goal'),
    'error',
    'unknown-goal',
    'unknown goal `bad-goal`',
    'did you mean `a-goal`?',
  );

  it('is a vfile message: position, rule id, source, fatal', () => {
    expect(d.file).toBe('reports/2014/kosovo/target-1.yaml');
    expect([d.line, d.column, d.place]).toEqual([3, 3, { line: 3, column: 3, offset: 19 }]);
    expect([d.ruleId, d.source, d.fatal, d.reason]).toEqual([
      'unknown-goal',
      'gareport',
      true,
      'unknown goal `bad-goal`',
    ]);
    expect(d.excerpt).toBe('  bad-goal:');
  });

  it('prints as it always has, in each format', () => {
    expect(formatText(d)).toBe(
      [
        'reports/2014/kosovo/target-1.yaml:3:3  error  unknown goal `bad-goal`',
        '  3 |   bad-goal:',
        '    |   ^',
        '  hint: did you mean `a-goal`?',
      ].join('\n'),
    );
    expect(formatGithub(d)).toBe(
      '::error file=reports/2014/kosovo/target-1.yaml,line=3,col=3,title=gareport unknown-goal::unknown goal `bad-goal` (did you mean `a-goal`?)',
    );
    const warning = diagnostic({
      severity: 'warning',
      file: 'forms/x.yaml',
      code: 'form-file-name',
      message: 'not read',
    });
    expect(JSON.parse(formatJson([d, warning]))).toEqual({
      diagnostics: [
        {
          severity: 'error',
          file: 'reports/2014/kosovo/target-1.yaml',
          line: 3,
          column: 3,
          code: 'unknown-goal',
          message: 'unknown goal `bad-goal`',
          hint: 'did you mean `a-goal`?',
          excerpt: '  bad-goal:',
        },
        { severity: 'warning', file: 'forms/x.yaml', line: 0, column: 0, code: 'form-file-name', message: 'not read' },
      ],
      errors: 1,
      warnings: 1,
    });
    expect(formatText(warning)).toBe('forms/x.yaml  warning  not read');
  });

  it('crosses a worker thread as plain data and comes back whole', () => {
    const back = diagnosticFromData(structuredClone(diagnosticData(d)));
    expect(diagnosticData(back)).toEqual(diagnosticData(d));
    expect(formatText(back)).toBe(formatText(d));
  });

  it('is copied with a longer hint, the original untouched', () => {
    const more = withHint(d, 'did you mean `a-goal`?; imported from form.docx:12');
    expect(more.hint).toBe('did you mean `a-goal`?; imported from form.docx:12');
    expect(more.place).toEqual(d.place);
    expect(d.hint).toBe('did you mean `a-goal`?');
  });
});

describe('a remark plugin’s messages', () => {
  it('flow through unchanged, printed like gareport’s own', async () => {
    const noTodo = () => (tree: Root, file: VFile) => {
      file.message('no TODO in a report', {
        place: tree.children[0]?.position,
        ruleId: 'no-todo',
        source: 'remark-lint',
      });
    };
    const file = new VFile({ value: 'TODO: write this\n' });
    const processor = unified().use(remarkParse).use(noTodo);
    await processor.run(processor.parse(file), file);
    const [message] = messagesOf(file, 'answer.md');
    if (!message) throw new Error('the plugin gave no message');
    expect(message).toBe(file.messages[0]);
    expect(severityOf(message)).toBe('warning');
    expect(formatText(message)).toBe('answer.md:1:1  warning  no TODO in a report');
    expect(formatGithub(message)).toBe(
      '::warning file=answer.md,line=1,col=1,title=remark-lint no-todo::no TODO in a report',
    );
    expect(diagnosticData(message)).toMatchObject({ file: 'answer.md', line: 1, column: 1, code: 'no-todo' });
  });
});
