/**
 * Where text may be cut (line breaking, issue 10 and #8 item 11): grapheme clusters, and the
 * break opportunities UAX #14 gives inside a space-free word of CJK or of Thai, Lao, Khmer and
 * Myanmar. `Intl.Segmenter` is used a slice at a time, as it takes time quadratic in the length of
 * what it is given.
 */
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Code units segmented at a time: V8's Intl.Segmenter takes time quadratic in the string's length. */
const SEGMENT_CHUNK = 512;

/**
 * The segments of `text`, found a slice at a time: every segment of a slice but the last is final
 * (a boundary depends only on the text before it and the character after it), and the last one is
 * segmented again at the start of the next slice. Linear where one `segment(text)` call over a
 * 100,000-character word took seconds (#8 item 11).
 */
export function segmentText(segmenter: Intl.Segmenter, text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let chunk = SEGMENT_CHUNK;
  while (start < text.length) {
    const end = Math.min(text.length, start + chunk);
    const slice = text.slice(start, end);
    let last = '';
    let lastIndex = 0;
    const pending: string[] = [];
    for (const { segment, index } of segmenter.segment(slice)) {
      if (last) pending.push(last);
      last = segment;
      lastIndex = index;
    }
    if (end === text.length) {
      out.push(...pending, last);
      break;
    }
    if (pending.length === 0) {
      chunk *= 2; // one segment longer than the slice (a long run of combining marks)
      continue;
    }
    for (const segment of pending) out.push(segment);
    start += lastIndex;
    chunk = SEGMENT_CHUNK;
  }
  return out;
}

/**
 * Characters that may join a neighbour in one grapheme cluster (UAX #29): marks, format and
 * control characters, supplementary-plane characters (emoji modifiers, regional indicators),
 * Hangul jamo, and the Prepend and non-mark SpacingMark characters of the BMP.
 */
const MAY_CLUSTER =
  /[\p{M}\p{Cc}\p{Cf}\u{10000}-\u{10ffff}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0e33\u0eb3\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e]/u;

export function graphemes(text: string): string[] {
  // Each character its own cluster: no need for the (slow) segmenter.
  if (!MAY_CLUSTER.test(text)) return Array.from(text);
  return segmentText(graphemeSegmenter, text);
}

/** Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer (UAX #14 class SA). */
const SOUTH_EAST_ASIAN = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\uaa60-\uaa7f]/;
/** Ideographs, kana and Hangul (UAX #14 classes ID, H2, H3 and CJ), and CJK punctuation. */
const CJK =
  /[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}]/u;
/** No line may start with these (closing punctuation, small kana, prolonged sound mark: UAX #14 CL, NS, CJ). */
const CJK_NO_START =
  /[、。，．・：；？！ー～」』）】〕〉》〙〗｝］）ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ)\]}.,;:!?%]/;
/** No line may end with these (opening punctuation: UAX #14 OP). */
const CJK_NO_END = /[「『（【〔〈《〘〖｛［（([{]/;
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * A word (text between spaces) cut where UAX #14 allows a line break inside it: between
 * ideographs, kana and Hangul syllables, and between the words of Thai, Lao, Khmer and Myanmar
 * text, which `Intl.Segmenter` finds with its dictionaries. Other words come back whole.
 */
export function breakUnits(word: string): string[] {
  const sea = SOUTH_EAST_ASIAN.test(word);
  if (!sea && !CJK.test(word)) return [word];
  const units: string[] = [];
  let unit = '';
  const pieces = sea ? segmentText(wordSegmenter, word) : graphemes(word);
  for (const piece of pieces) {
    const previous = unit.slice(-1);
    const breakable =
      unit !== '' &&
      (sea
        ? SOUTH_EAST_ASIAN.test(piece) || SOUTH_EAST_ASIAN.test(previous) || CJK.test(piece)
        : CJK.test(piece) || CJK.test(previous)) &&
      !CJK_NO_START.test(piece[0] ?? '') &&
      !CJK_NO_END.test(previous);
    if (breakable) {
      units.push(unit);
      unit = '';
    }
    unit += piece;
  }
  if (unit) units.push(unit);
  return units;
}
