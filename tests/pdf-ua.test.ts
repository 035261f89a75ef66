// PDF/UA-1 (issue 22 item 3): every machine-checkable requirement the issue lists, checked by
// reading the file back: the catalog, metadata, structure tree, annotations and fonts with pdf-lib,
// the marked content of every page with pdf.js's operator lists.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFString,
  PDFDocument as PdfLibDocument,
} from 'pdf-lib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PdfOptions, renderPdf } from '../src/render/pdf.js';
import { runInProcess, withProject } from './helpers/cli.js';
import { withCycleProject } from './helpers/cycle.js';

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

const LOGO = fileURLToPath(new URL('./fixtures/cover/logo.png', import.meta.url));

const OPTIONS: PdfOptions = {
  title: 'Global Alliance report 2014: Kosovo',
  subject: 'Report',
  lang: 'en',
  runningHeader: 'Kosovo 2014',
  paper: 'A4',
  creationDate: new Date('2014-12-01T09:30:00Z'),
  cover: {
    title: 'Global Alliance against Child Sexual Abuse Online',
    country: 'Kosovo',
    year: 'Reporting year 2014',
    lines: [{ label: 'Issued by', text: 'Kosovo Police' }],
    logo: { path: LOGO, type: 'png' },
  },
};

const MARKDOWN = `# Report

## Policy Target No. 1

Text with a [link](https://example.org/) and a note.[^1] The unit is called משטרת ישראל in Hebrew.

สำนักงานตำรวจแห่งชาติ and 警察庁サイバー犯罪対策課 in fonts of the system.

### Goal

- first item
- second item

1. numbered

| Year | Cases |
| ---- | ----- |
| 2013 | 12 |
| 2014 | 20 |

#### Question

> A quote.

\`\`\`
code block
\`\`\`

[^1]: The footnote.

## Policy Target No. 2

Another paragraph[^2] with a second [link](https://example.com/a).

[^2]: Second note.
`;

/** Standard structure types of ISO 32000-1 14.8.4. */
const STANDARD = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 ' +
    'L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot ' +
    'Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' '),
);

interface StructNode {
  type: string;
  dict: PDFDict;
  children: StructNode[];
  /** Marked-content ids under the element directly, by page object number. */
  mcids: Array<{ page: string; mcid: number }>;
}

function text(obj: PDFObject | undefined): string | undefined {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return undefined;
}

function readStructTree(pdf: PDFDocument): { root: StructNode; roleMap: PDFDict | undefined } {
  const treeRoot = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const roleMap = treeRoot.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  const visit = (dict: PDFDict, pageOf: string | undefined): StructNode => {
    const node: StructNode = {
      type: dict.lookup(PDFName.of('S'), PDFName)?.decodeText() ?? '',
      dict,
      children: [],
      mcids: [],
    };
    const pg = dict.get(PDFName.of('Pg'));
    const page = pg instanceof PDFRef ? pg.toString() : pageOf;
    const k = dict.get(PDFName.of('K'));
    const kids = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
    for (const kid of kids) {
      const resolved = kid instanceof PDFRef ? pdf.context.lookup(kid) : kid;
      if (resolved instanceof PDFNumber) node.mcids.push({ page: page ?? '?', mcid: resolved.asNumber() });
      else if (resolved instanceof PDFDict) {
        const type = resolved.lookupMaybe(PDFName.of('Type'), PDFName)?.decodeText();
        if (type === 'MCR') {
          const mcrPage = resolved.get(PDFName.of('Pg'));
          node.mcids.push({
            page: mcrPage instanceof PDFRef ? mcrPage.toString() : (page ?? '?'),
            mcid: resolved.lookup(PDFName.of('MCID'), PDFNumber).asNumber(),
          });
        } else if (type !== 'OBJR') node.children.push(visit(resolved, page));
      }
    }
    return node;
  };
  const rootKids = treeRoot.lookup(PDFName.of('K'));
  const root: StructNode = { type: 'StructTreeRoot', dict: treeRoot, children: [], mcids: [] };
  const list = rootKids instanceof PDFArray ? rootKids.asArray() : [rootKids];
  for (const kid of list) {
    const dict = kid instanceof PDFRef ? pdf.context.lookup(kid, PDFDict) : kid;
    if (dict instanceof PDFDict) root.children.push(visit(dict, undefined));
  }
  return { root, roleMap };
}

function walk(node: StructNode, visit: (node: StructNode) => void): void {
  visit(node);
  for (const child of node.children) walk(child, visit);
}

/** Per page (1-based), the marked-content ids drawn and the drawing outside tagged or artifact content. */
async function pageContent(bytes: Uint8Array): Promise<Array<{ mcids: number[]; untagged: string[] }>> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const out: Array<{ mcids: number[]; untagged: string[] }> = [];
  const painting = new Map<number, string>([
    [OPS.showText, 'text'],
    [OPS.showSpacedText, 'text'],
    [OPS.nextLineShowText, 'text'],
    [OPS.nextLineSetSpacingShowText, 'text'],
    [OPS.constructPath, 'path'],
    [OPS.paintImageXObject, 'image'],
    [OPS.paintInlineImageXObject, 'image'],
    [OPS.paintFormXObjectBegin, 'form'],
  ]);
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const ops = await (await doc.getPage(n)).getOperatorList();
      const stack: Array<{ tag: string; mcid: number | null }> = [];
      const mcids: number[] = [];
      const untagged: string[] = [];
      ops.fnArray.forEach((fn, i) => {
        const args = ops.argsArray[i] as unknown[] | null;
        // BMC's tag comes as a Name object, BDC's as a string.
        const tag = (args?.[0] as { name?: string } | undefined)?.name ?? String(args?.[0] ?? '');
        if (fn === OPS.beginMarkedContent) stack.push({ tag, mcid: null });
        else if (fn === OPS.beginMarkedContentProps) {
          const mcid = typeof args?.[1] === 'number' ? (args[1] as number) : null;
          stack.push({ tag, mcid });
          if (mcid !== null) mcids.push(mcid);
        } else if (fn === OPS.endMarkedContent) stack.pop();
        else {
          const kind = painting.get(fn);
          if (kind && !stack.some((m) => m.tag === 'Artifact' || m.mcid !== null))
            untagged.push(`${kind}@${i}:${stack.map((m) => m.tag).join('/')}`);
        }
      });
      out.push({ mcids, untagged });
    }
  } finally {
    await doc.destroy();
  }
  return out;
}

interface Expected {
  title: string;
  /** At least this many lists, tables, links; exactly these Figure alternative texts. */
  lists: number;
  tables: number;
  notes: number;
  links: number;
  alts: string[];
  /** Languages that must appear on structure elements. */
  langs: string[];
}

/** The PDF/UA-1 checks of issue 22 on the PDF `load` gives. */
function describePdfUa(name: string, load: () => Promise<Uint8Array>, want: Expected): void {
  describe(`PDF/UA-1: ${name}`, () => {
    let bytes: Uint8Array;
    let pdf: PDFDocument;
    beforeAll(async () => {
      bytes = await load();
      pdf = await PdfLibDocument.load(bytes, { updateMetadata: false });
    }, 300_000);

    it('declares PDF/UA-1 in its XMP metadata, with a dc:title', () => {
      const stream = pdf.catalog.lookup(PDFName.of('Metadata'));
      if (!(stream instanceof PDFRawStream)) throw new Error('no XMP metadata stream');
      const xmp = Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
      const part = /<pdfuaid:part>\s*(\d+)\s*<\/pdfuaid:part>/.exec(xmp)?.[1];
      expect(part).toBe('1');
      const title = /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xmp)?.[1];
      if (want.title) expect(title).toBe(want.title);
      else expect(title?.trim()).toBeTruthy();
    });

    it('shows the title in the window, has a language and is marked', () => {
      const prefs = pdf.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
      expect(prefs.lookup(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
      expect(text(pdf.catalog.lookup(PDFName.of('Lang')))).toBe('en');
      const markInfo = pdf.catalog.lookup(PDFName.of('MarkInfo'), PDFDict);
      expect(markInfo.lookup(PDFName.of('Marked'))).toBe(PDFBool.True);
    });

    it('tags every piece of page content or marks it as an artifact, and every MCID is in the tree', async () => {
      const pages = await pageContent(bytes);
      const { root } = readStructTree(pdf);
      const inTree = new Set<string>();
      walk(root, (node) => {
        for (const { page, mcid } of node.mcids) inTree.add(`${page}:${mcid}`);
      });
      const pageRefs = pdf.getPages().map((page) => page.ref.toString());
      pages.forEach((page, i) => {
        expect(page.untagged, `page ${i + 1}`).toEqual([]);
        for (const mcid of page.mcids)
          expect(inTree.has(`${pageRefs[i]}:${mcid}`), `page ${i + 1} MCID ${mcid}`).toBe(true);
      });
    });

    it('uses standard structure types only (or maps them), headings without skipped levels', () => {
      const { root, roleMap } = readStructTree(pdf);
      const headings: number[] = [];
      walk(root, (node) => {
        if (node === root) return;
        const mapped = roleMap?.lookupMaybe(PDFName.of(node.type), PDFName)?.decodeText();
        expect(STANDARD.has(node.type) || (mapped !== undefined && STANDARD.has(mapped)), node.type).toBe(true);
        const level = /^H([1-6])$/.exec(node.type)?.[1];
        if (level) headings.push(Number(level));
      });
      expect(headings[0]).toBe(1);
      headings.forEach((level, i) => {
        if (i > 0)
          expect(level, `heading ${i}: H${level} after H${headings[i - 1]}`).toBeLessThanOrEqual(
            (headings[i - 1] ?? 0) + 1,
          );
      });
    });

    it('builds lists from L/LI/Lbl/LBody, tables from Table/TR/TH/TD with header scope', () => {
      const { root } = readStructTree(pdf);
      let lists = 0;
      let tables = 0;
      walk(root, (node) => {
        if (node.type === 'L') {
          lists++;
          for (const li of node.children) {
            expect(['LI', 'Caption', 'L']).toContain(li.type);
            if (li.type === 'LI') for (const part of li.children) expect(['Lbl', 'LBody']).toContain(part.type);
          }
        }
        if (node.type === 'Table') {
          tables++;
          const rows = node.children.flatMap((c) => (['THead', 'TBody', 'TFoot'].includes(c.type) ? c.children : [c]));
          for (const row of rows) {
            expect(row.type).toBe('TR');
            for (const cell of row.children) expect(['TH', 'TD']).toContain(cell.type);
          }
        }
        if (node.type === 'TH') {
          const attributes = node.dict.lookup(PDFName.of('A'));
          const scope =
            attributes instanceof PDFDict ? attributes.lookupMaybe(PDFName.of('Scope'), PDFName) : undefined;
          expect(['Column', 'Row', 'Both']).toContain(scope?.decodeText());
        }
      });
      expect(lists).toBeGreaterThanOrEqual(want.lists);
      expect(tables).toBeGreaterThanOrEqual(want.tables);
    });

    it('gives every Note a unique /ID and every Figure an /Alt', () => {
      const { root } = readStructTree(pdf);
      const ids: string[] = [];
      const alts: string[] = [];
      walk(root, (node) => {
        if (node.type === 'Note') ids.push(text(node.dict.lookup(PDFName.of('ID'))) ?? '');
        if (node.type === 'Figure') alts.push(text(node.dict.lookup(PDFName.of('Alt'))) ?? '');
      });
      expect(ids.length).toBeGreaterThanOrEqual(want.notes);
      expect(ids.every((id) => id !== '')).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      expect(alts).toEqual(want.alts);
    });

    it('ties links to Link elements (/StructParent, /Contents); pages with annotations have /Tabs /S', () => {
      let links = 0;
      for (const page of pdf.getPages()) {
        const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
        if (!annots || annots.size() === 0) continue;
        expect(page.node.lookup(PDFName.of('Tabs'))).toBe(PDFName.of('S'));
        for (let i = 0; i < annots.size(); i++) {
          const annot = annots.lookup(i, PDFDict);
          if (annot.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
          links++;
          expect(annot.lookup(PDFName.of('StructParent'))).toBeInstanceOf(PDFNumber);
          expect(text(annot.lookup(PDFName.of('Contents')))).toBeTruthy();
        }
      }
      expect(links).toBeGreaterThanOrEqual(want.links);
    });

    it('embeds every font, each with a ToUnicode map', () => {
      let fonts = 0;
      for (const page of pdf.getPages()) {
        const resources = page.node.Resources();
        const fontDict = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
        if (!fontDict) continue;
        for (const [, ref] of fontDict.entries()) {
          const font = pdf.context.lookup(ref, PDFDict);
          fonts++;
          expect(font.get(PDFName.of('ToUnicode'))).toBeDefined();
          const descendant = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
          const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
          const file = ['FontFile', 'FontFile2', 'FontFile3'].some(
            (key) => descriptor.get(PDFName.of(key)) !== undefined,
          );
          expect(file).toBe(true);
        }
      }
      expect(fonts).toBeGreaterThan(0);
    });

    it('puts /Lang on text in another language', () => {
      const { root } = readStructTree(pdf);
      const langs: string[] = [];
      walk(root, (node) => {
        const lang = text(node.dict.lookup(PDFName.of('Lang')));
        if (lang) langs.push(lang);
      });
      for (const lang of want.langs) expect(langs).toContain(lang);
    });
  });
}

describePdfUa(
  'a report with a cover, headings, lists, a table, notes and links',
  () => renderPdf(parse(MARKDOWN), OPTIONS),
  {
    title: OPTIONS.title,
    lists: 2,
    tables: 1,
    notes: 2,
    links: 2,
    alts: ['Logo of Kosovo'],
    langs: ['he', 'th', 'ja'],
  },
);

const NONE = { lists: 0, tables: 0, notes: 0, links: 0, alts: [], langs: [] };

/** Runs gareport in a scratch project (with Kosovo, and the 2015 cycle for `cycle`) and reads `file`. */
async function built(args: string[], file: string[], cycle = false): Promise<Uint8Array> {
  const run = async ({ dir }: { dir: string }) => {
    const result = await runInProcess(args, dir, { SOURCE_DATE_EPOCH: '1420070400' });
    if (result.exitCode !== 0) throw new Error(result.stderr);
    return new Uint8Array(await readFile(join(dir, ...file)));
  };
  return cycle ? withCycleProject({ form2015: true }, run) : withProject({ withKosovo: true }, run);
}

describePdfUa(
  'the Kosovo 2014 report',
  () => built(['build', '2014', 'kosovo', '--format', 'pdf'], ['out', '2014', 'kosovo.pdf']),
  {
    ...NONE,
    title: '',
    lists: 1,
  },
);
describePdfUa(
  'the consolidated 2014 report',
  () => built(['build', '2014', '--format', 'pdf'], ['out', '2014', 'all-countries.pdf']),
  {
    ...NONE,
    title: '',
  },
);
describePdfUa(
  'the Kosovo follow-up 2015',
  () => built(['followup', 'kosovo', '2015', '--format', 'pdf'], ['out', '2015', 'followup', 'kosovo.pdf'], true),
  {
    ...NONE,
    title: '',
  },
);
describePdfUa(
  'the Kosovo diff 2014 to 2015',
  () => built(['diff', 'kosovo', '2014', '2015', '--format', 'pdf'], ['out', '2015', 'diff', 'kosovo-2014.pdf'], true),
  {
    ...NONE,
    title: '',
  },
);
