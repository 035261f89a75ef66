/** Lists and footnotes: blocks with a label in a column to their left (tagged L/LI/Lbl/LBody and Note/Lbl). */
import type { FootnoteDefinition, List } from 'mdast';
import { bodyStyle } from './block-text.js';
import { type BlockContext, indentFor, type RenderContext } from './context.js';
import type { Box } from './page-flow.js';
import { createStruct, type StructElement, setNoteId } from './pdfkit-internals.js';
import { cleanText, type TextStyle } from './text.js';
import { LIST, SPACING } from './theme.js';

export function renderList(r: RenderContext, node: List, box: Box, parent: StructElement, ctx: BlockContext): void {
  const items = node.children;
  if (items.length === 0) return;
  const ordered = node.ordered === true;
  const start = typeof node.start === 'number' ? node.start : 1;
  const bodyText = bodyStyle(r.look);
  const labelStyle: TextStyle = ordered ? bodyText : { ...bodyText, color: r.look.colors.heading };
  const bullet = LIST.bullets[ctx.listDepth % LIST.bullets.length] ?? '•';
  const labels = items.map((item, i) => {
    if (typeof item.checked === 'boolean') return item.checked ? '☑' : '☐';
    return ordered ? `${start + i}.` : bullet;
  });
  const widest = Math.max(...labels.map((text) => r.m.width(labelStyle.font, labelStyle.size, text)));
  const column = ordered ? Math.max(LIST.bulletWidth, widest + LIST.labelGap) : Math.max(LIST.bulletWidth, widest + 6);
  const indent = indentFor(r, box, column);
  const body: Box = { x: box.x + indent, width: box.width - indent };
  const loose = node.spread === true || items.some((item) => item.spread === true);

  r.flow.addGap(ctx.tight ? SPACING.tightListItem : SPACING.list);
  const listEl = createStruct(r.doc, 'L');
  parent.add(listEl);
  items.forEach((item, i) => {
    if (i > 0) r.flow.addGap(loose ? SPACING.paragraph : SPACING.tightListItem);
    const li = createStruct(r.doc, 'LI');
    listEl.add(li);
    const lbl = createStruct(r.doc, 'Lbl');
    const lbody = createStruct(r.doc, 'LBody');
    li.add(lbl);
    li.add(lbody);
    const text = labels[i] ?? bullet;
    r.paint.labels.push({ text, style: labelStyle, right: body.x - (ordered ? LIST.labelGap : 6), el: lbl });
    r.renderBlocks(item.children, body, lbody, {
      tight: !loose,
      listDepth: ctx.listDepth + 1,
      outline: false,
    });
    if (r.paint.labels.some((label) => label.el === lbl)) placeLabelLine(r); // empty item
    lbody.end();
    li.end();
  });
  listEl.end();
  r.flow.addGap(ctx.tight ? SPACING.tightListItem : SPACING.list);
}

export function renderFootnote(
  r: RenderContext,
  node: FootnoteDefinition,
  box: Box,
  parent: StructElement,
  ctx: BlockContext,
): void {
  const labelText = cleanText(`[${node.label ?? node.identifier}]`);
  const style: TextStyle = { ...bodyStyle(r.look), color: r.look.colors.muted };
  const width = r.m.width(style.font, style.size, labelText) + LIST.labelGap;
  const indent = indentFor(r, box, width);
  const el = createStruct(r.doc, 'Note');
  setNoteId(r.doc, el);
  parent.add(el);
  const lbl = createStruct(r.doc, 'Lbl');
  el.add(lbl);
  r.flow.addGap(SPACING.paragraph);
  r.paint.labels.push({ text: labelText, style, right: box.x + indent - LIST.labelGap, el: lbl });
  r.renderBlocks(node.children, { x: box.x + indent, width: box.width - indent }, el, { ...ctx, outline: false });
  if (r.paint.labels.some((label) => label.el === lbl)) placeLabelLine(r);
  el.end();
}

/** Gives pending labels a body-text line of their own (list item or footnote without text). */
function placeLabelLine(r: RenderContext): void {
  const { size, leading } = r.look.body;
  const height = size * leading;
  const ascent = r.m.ascent('regular') * size;
  const descent = r.m.descent('regular') * size;
  r.flow.placeLines([height], (_, top) => r.paint.flushLabels(top + (height - ascent - descent) / 2 + ascent));
}
