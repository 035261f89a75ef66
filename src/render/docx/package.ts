/**
 * Makes a packed .docx reproducible: docx stamps the clock into docProps/core.xml and into every zip
 * entry, and names hyperlink relationships with random ids. The dates are replaced by the report's
 * date, the random ids by numbered ones, and the report's language is added to the core properties
 * (docx has no option for `dc:language`).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

function xmlEscape(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

/** A relationship id docx made with nanoid (21 characters, lower-cased), in an attribute. */
const RANDOM_ID = /\brId[a-z0-9_-]{21}(?=")/g;

/** Renames random relationship ids to `rIdLink1`, `rIdLink2`… in the order they first appear. */
function numberRandomIds(files: Record<string, Uint8Array>): void {
  const names = new Map<string, string>();
  for (const [path, bytes] of Object.entries(files)) {
    if (!/\.(?:xml|rels)$/.test(path)) continue;
    const xml = strFromU8(bytes);
    if (xml.search(RANDOM_ID) === -1) continue;
    files[path] = strToU8(
      xml.replace(RANDOM_ID, (id) => {
        let name = names.get(id);
        if (!name) {
          name = `rIdLink${names.size + 1}`;
          names.set(id, name);
        }
        return name;
      }),
    );
  }
}

export function reproducibleDocx(packed: Uint8Array, date: Date, lang: string): Uint8Array {
  const files = unzipSync(packed);
  numberRandomIds(files);
  const core = files['docProps/core.xml'];
  if (core) {
    const stamp = `${date.toISOString().slice(0, 19)}Z`;
    const xml = strFromU8(core)
      .replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*/g, `$1${stamp}`)
      .replace('</cp:coreProperties>', `<dc:language>${xmlEscape(lang)}</dc:language></cp:coreProperties>`);
    files['docProps/core.xml'] = strToU8(xml);
  }
  // Zip times are local wall-clock fields: built from the date's UTC fields, they are the same in every
  // time zone. The zip format holds the years 1980–2107 only.
  const zipTime = new Date(
    Math.min(2107, Math.max(1980, date.getUTCFullYear())),
    date.getUTCMonth(),
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
  return zipSync(files, { mtime: zipTime, level: 6 });
}
