/**
 * Word files that lie about their size or are built to exhaust the importer (issue 20 item 5): the
 * limits hold as the archive is unpacked, whatever it declares, and the binary stays within a
 * small heap (a run past it would crash rather than pass).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxToMarkdown } from '../src/import/read-docx.js';
import { MAX_DOCX_XML_BYTES } from '../src/import/zip-limits.js';
import { runBinary, withProject } from './helpers/cli.js';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A .docx whose body is `body` (WordprocessingML). */
function docx(body: string): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(RELS),
      'word/document.xml': strToU8(document),
    },
    { level: 9 },
  );
}

/**
 * A .docx whose document.xml holds `size` bytes (a paragraph, then NULs) while its central
 * directory declares 20 KB; the bytes are deflated as they are made, never held whole.
 */
function lyingDocx(size: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  for (const [name, text] of [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', RELS],
  ] as const) {
    const entry = new ZipDeflate(name);
    zip.add(entry);
    entry.push(strToU8(text), true);
  }
  const document = new ZipDeflate('word/document.xml', { level: 1 });
  zip.add(document);
  const head = strToU8(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p>`);
  document.push(head, false);
  const zeros = new Uint8Array(1024 * 1024);
  for (let left = size - head.length; left > 0; left -= zeros.length)
    document.push(left > zeros.length ? zeros : zeros.subarray(0, left), left <= zeros.length);
  zip.end();
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  // Every central-directory entry declares 20 KB unpacked.
  const view = new DataView(bytes.buffer);
  for (let i = 0; i + 46 <= bytes.length; i++)
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 20 * 1024, true);
  return bytes;
}

/** The binary with a heap of 256 MB: an import that needed more would crash instead of passing. */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=256' };

describe('.docx limits hold as the archive is unpacked', () => {
  it('300,000 empty paragraphs: refused by the element limit, no stack overflow, within a small heap', async () => {
    await withProject({}, async ({ dir }) => {
      await writeFile(join(dir, 'empty.docx'), docx('<w:p/>'.repeat(300_000)));
      const result = await runBinary(['import', 'empty.docx', '2014', 'kosovo', '--dry-run'], dir, SMALL_HEAP);
      expect(result.stderr).toContain(
        'empty.docx  error  this .docx cannot be read: it holds more than 60,000 elements',
      );
      expect(result.stderr).not.toMatch(/internal error|call stack|heap/i);
      expect(result.exitCode).toBe(1);
    });
  });

  it('a document.xml declaring 20 KB and holding more than the limit: stopped there, within a small heap', async () => {
    await withProject({}, async ({ dir }) => {
      const bytes = lyingDocx(MAX_DOCX_XML_BYTES + 1024 * 1024);
      expect(bytes.length).toBeLessThan(100 * 1024);
      await writeFile(join(dir, 'liar.docx'), bytes);
      const result = await runBinary(['import', 'liar.docx', '2014', 'kosovo', '--dry-run'], dir, SMALL_HEAP);
      expect(result.stderr).toContain('its text and markup unpack to more than 16 MiB (the limit is 16 MiB)');
      expect(result.stderr).not.toMatch(/internal error|size mismatch|heap/i);
      expect(result.exitCode).toBe(1);
    });
  });

  it('more text than the answers and the form can hold: refused as it is unpacked, before mammoth', async () => {
    const paragraph = `<w:p><w:r><w:t xml:space="preserve">${'word '.repeat(2_000)}</w:t></w:r></w:p>`;
    // Four targets of 150,000 characters and 50,000 of the form's wording: 650,000.
    await expect(docxToMarkdown(docx(paragraph.repeat(66)))).rejects.toThrow(
      'it holds more than 650,000 characters of text',
    );
    // Just under: converted.
    const { markdown } = await docxToMarkdown(docx(paragraph.repeat(64)));
    expect(markdown.length).toBeGreaterThan(630_000);
  });

  it('each limit is counted on what is unpacked, whatever the archive declares', async () => {
    const bytes = lyingDocx(3 * 1024 * 1024);
    const limits = { xmlBytes: 1024 * 1024, elements: 60_000, textCharacters: 650_000 };
    await expect(docxToMarkdown(bytes, undefined, limits)).rejects.toThrow('unpack to more than 1 MiB');
    await expect(docxToMarkdown(docx('<w:p/>'.repeat(101)), undefined, { ...limits, elements: 100 })).rejects.toThrow(
      'more than 100 elements',
    );
  });

  it('any damage to a .docx gives a converted text or an Error with a message, never a hang or a crash', async () => {
    const good = docx('<w:p><w:r><w:t>Policy Target No. 1</w:t></w:r></w:p>'.repeat(20));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(good.length),
        async (flips, cut) => {
          const bytes = good.slice(0, Math.max(cut, 30));
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          try {
            const { markdown } = await docxToMarkdown(bytes);
            expect(typeof markdown).toBe('string');
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).message).not.toBe('');
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
