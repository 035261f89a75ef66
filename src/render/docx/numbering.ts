/** Word numbering definitions for Markdown lists: bullets, and decimal numbers from a list's start. */
import type { INumberingOptions } from 'docx';
import { AlignmentType, LevelFormat } from 'docx';

const BULLETS = ['•', '◦', '▪'];
const LEVELS = 9;
/** Twips each list level is indented (a list item's text, and the blocks under it). */
export const INDENT = 720;

export interface Numbering {
  /** The numbering of one list: its own instance, so an ordered list restarts at its start. */
  forList(ordered: boolean, start: number): { reference: string; instance: number };
  /** The definitions used, for the Document's `numbering` option. */
  config(): INumberingOptions['config'];
}

export function createNumbering(): Numbering {
  const starts = new Set<number>();
  let instance = 0;
  return {
    forList(ordered, start) {
      instance++;
      if (!ordered) return { reference: 'bullet', instance };
      starts.add(start);
      return { reference: `ordered-${start}`, instance };
    },
    config() {
      const levels = (ordered: boolean, start: number) =>
        Array.from({ length: LEVELS }, (_, level) => ({
          level,
          format: ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET,
          text: ordered ? `%${level + 1}.` : (BULLETS[level % BULLETS.length] ?? '•'),
          start,
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: INDENT / 2 } } },
        }));
      return [
        { reference: 'bullet', levels: levels(false, 1) },
        ...[...starts]
          .sort((a, b) => a - b)
          .map((start) => ({ reference: `ordered-${start}`, levels: levels(true, start) })),
      ];
    },
  };
}
