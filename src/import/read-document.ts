import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic, Severity } from '../diagnostics/diagnostics.js';
import { diagnostic } from '../diagnostics/diagnostics.js';
import { UsageError } from '../diagnostics/errors.js';
import type { FormDefinition } from '../model/form.js';
import { formTextMatcher } from './layout.js';
import { docxToMarkdown } from './read-docx.js';
import { docxTextLimit, MAX_DOCX_ELEMENTS, MAX_DOCX_XML_BYTES } from './zip-limits.js';

/** Filled-in forms are a few dozen pages of text; a .docx may carry images. */
const MAX_TEXT_BYTES = 5 * 1024 * 1024;
const MAX_DOCX_BYTES = 50 * 1024 * 1024;

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function fileProblem(
  file: string,
  code: string,
  message: string,
  hint?: string,
  severity: Severity = 'error',
): Diagnostic {
  return diagnostic({ severity, file, code, message, hint: hint || undefined });
}

/** The document as text, `converted` when it was a .docx (`translations`: the form in other wordings, see form-languages.ts): UTF-8 (or UTF-16 with a BOM, as Windows saves "Unicode text"), or a .docx converted. */
export async function readDocument(
  path: string,
  shown: string,
  form: FormDefinition,
  translations: readonly FormDefinition[] = [],
): Promise<{ text?: string; diagnostics: Diagnostic[]; converted?: boolean }> {
  const info = await stat(path).catch(() => undefined);
  if (!info)
    throw new UsageError(`there is no file \`${shown}\``, 'give the path of the filled-in form (.txt, .md or .docx)');
  if (!info.isFile())
    throw new UsageError(`\`${shown}\` is not a file`, 'give the path of the filled-in form (.txt, .md or .docx)');
  const isDocxName = /\.docx$/i.test(path);
  if (info.size > (isDocxName ? MAX_DOCX_BYTES : MAX_TEXT_BYTES)) {
    return {
      diagnostics: [
        fileProblem(
          shown,
          'file-too-large',
          `this file is too large for a filled-in form (${(info.size / 1024 / 1024).toFixed(1)} MiB)`,
        ),
      ],
    };
  }
  const bytes = await readFile(path);
  if (isDocxName || isZip(bytes)) {
    try {
      const { markdown, warnings } = await docxToMarkdown(bytes, formTextMatcher([form, ...translations]), {
        xmlBytes: MAX_DOCX_XML_BYTES,
        elements: MAX_DOCX_ELEMENTS,
        textCharacters: docxTextLimit(form.targets.length),
      });
      return {
        text: markdown,
        converted: true,
        diagnostics: warnings.map((message) => fileProblem(shown, 'docx-conversion', message, undefined, 'warning')),
      };
    } catch (error) {
      return {
        diagnostics: [
          fileProblem(
            shown,
            'unreadable-docx',
            `this .docx cannot be read: ${(error as Error).message}`,
            'open it in Word and save it again as .docx, or save it as plain text',
          ),
        ],
      };
    }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), diagnostics: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), diagnostics: [] };
  if (bytes.includes(0)) {
    return {
      diagnostics: [
        fileProblem(
          shown,
          'not-text',
          'this is neither a text file nor a .docx',
          'save the filled-in form as .docx or as plain text (UTF-8)',
        ),
      ],
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics: [] };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const line = text.slice(0, bad).split('\n').length;
    const excerpt = text.split('\n')[line - 1] ?? '';
    return {
      diagnostics: [
        {
          ...fileProblem(
            shown,
            'invalid-utf8',
            'this file is not UTF-8 text, so some characters cannot be read',
            'save it as "UTF-8" text (or as .docx) and import it again',
          ),
          line,
          column: bad - text.lastIndexOf('\n', bad - 1),
          excerpt,
        },
      ],
    };
  }
}
