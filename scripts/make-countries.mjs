// Makes N varied country reports by copying and varying Kosovo's 2014 answers, for tests and the
// benchmark (one implementation; tests/helpers/countries.ts re-exports it with types).
// Deterministic: the same arguments always write the same bytes (a seeded PRNG, no clock).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const kosovoDir = fileURLToPath(new URL('../reports/2014/kosovo/', import.meta.url));

/**
 * Participating countries, slug → name as printed (some in their own script, some long) and
 * language. The slugs are lower-case ASCII, as gareport requires of folder names.
 */
export const COUNTRY_NAMES = [
  ['albania', 'Albania', 'en'],
  ['argentina', 'Argentina', 'en'],
  ['armenia', 'Armenia', 'en'],
  ['australia', 'Australia', 'en'],
  ['austria', 'Österreich', 'de'],
  ['belgium', 'Belgium', 'en'],
  ['bulgaria', 'България', 'en'],
  ['cambodia', 'Cambodia', 'en'],
  ['canada', 'Canada', 'en'],
  ['cote-d-ivoire', "Côte d'Ivoire", 'fr'],
  ['croatia', 'Hrvatska', 'en'],
  ['cyprus', 'Κύπρος', 'en'],
  ['czech-republic', 'Česká republika', 'en'],
  ['denmark', 'Danmark', 'en'],
  ['estonia', 'Eesti', 'en'],
  ['finland', 'Suomi', 'en'],
  ['france', 'France', 'fr'],
  ['georgia', 'Georgia', 'en'],
  ['germany', 'Deutschland', 'de'],
  ['ghana', 'Ghana', 'en'],
  ['greece', 'Ελλάδα', 'el'],
  ['hungary', 'Magyarország', 'en'],
  ['iceland', 'Ísland', 'en'],
  ['ireland', 'Éire – Ireland', 'en'],
  ['italy', 'Italia', 'en'],
  ['japan', 'Japan', 'en'],
  ['latvia', 'Latvija', 'en'],
  ['lithuania', 'Lietuva', 'en'],
  ['luxembourg', 'Luxembourg', 'fr'],
  ['malta', 'Malta', 'en'],
  ['moldova', 'Republica Moldova', 'en'],
  ['montenegro', 'Crna Gora', 'en'],
  ['netherlands', 'Nederland', 'en'],
  ['new-zealand', 'New Zealand – Aotearoa', 'en'],
  ['nigeria', 'Nigeria', 'en'],
  ['north-macedonia', 'Северна Македонија', 'en'],
  ['norway', 'Norge', 'en'],
  ['peru', 'Perú', 'en'],
  ['philippines', 'Philippines', 'en'],
  ['poland', 'Polska', 'en'],
  ['portugal', 'Portugal', 'en'],
  ['republic-of-korea', 'Republic of Korea', 'en'],
  ['romania', 'România', 'en'],
  ['serbia', 'Србија', 'en'],
  ['slovakia', 'Slovensko', 'en'],
  ['slovenia', 'Slovenija', 'en'],
  ['spain', 'España', 'en'],
  ['sweden', 'Sverige', 'en'],
  ['switzerland', 'Schweiz – Suisse – Svizzera – Svizra', 'en'],
  ['thailand', 'Thailand', 'en'],
  ['turkiye', 'Türkiye', 'en'],
  ['ukraine', 'Україна', 'en'],
  ['united-kingdom', 'United Kingdom of Great Britain and Northern Ireland', 'en'],
  ['united-states', 'United States of America', 'en'],
  ['viet-nam', 'Việt Nam', 'en'],
];

/** The question every generated country answers with its own distinctive text. */
export const MARKER_QUESTION = { target: 4, goal: 'notice-and-takedown', question: 'A' };

/** mulberry32: a small seeded PRNG, so "random" variation is the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number from a string (FNV-1a), so a country's answers depend on its slug, not its position. */
function hashOf(text) {
  let h = 0x811c9dc5;
  for (const c of text) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
  return h;
}

const PHRASES = [
  'the national hotline forwarded reports to hosting providers within **24 hours**',
  'a joint working group of police, prosecutors and the ministry met *every quarter*',
  'the awareness campaign reached schools in every region',
  'new guidelines for victim support were adopted by the government',
  'specialised investigators completed a training on online grooming',
  'cooperation with INTERPOL on the ICSE database was strengthened',
  'the criminal code was amended to cover the live streaming of abuse',
  'internet service providers signed a voluntary code of conduct',
];

/** The form's structure (targets → goals → questions) and Kosovo's answers, from Kosovo's files. */
async function readKosovo() {
  const targets = [];
  for (const number of [1, 2, 3, 4]) {
    const doc = parse(await readFile(join(kosovoDir, `target-${number}.yaml`), 'utf8'));
    const goals = Object.entries(doc.goals ?? {}).map(([id, questions]) => ({
      id,
      answers: Object.fromEntries(
        ['A', 'B', 'C'].map((q) => [q, typeof questions?.[q] === 'string' ? questions[q].trimEnd() : null]),
      ),
    }));
    targets.push({ number, goals });
  }
  return targets;
}

function generatedAnswer(name, slug, ref, random) {
  const pick = () => PHRASES[Math.floor(random() * PHRASES.length)];
  const style = Math.floor(random() * 4);
  const tag = `(ref ${slug} ${ref})`;
  if (style === 0) return `In ${name}, ${pick()}. ${tag}`;
  if (style === 1) return `Measures taken in ${name} ${tag}:\n\n- ${pick()}\n- ${pick()}\n- ${pick()}`;
  if (style === 2)
    return `1. ${pick()};\n2. ${pick()};\n3. see [the national action plan](https://example.org/${slug}/plan) ${tag}.`;
  return `| measure | ${name} |\n| --- | --- |\n| notices sent | ${100 + Math.floor(random() * 900)} |\n| median days to takedown | ${1 + Math.floor(random() * 9)} |\n\n${pick()} ${tag}.`;
}

function blockScalar(key, text) {
  const body = text
    .split('\n')
    .map((line) => (line ? `      ${line}` : ''))
    .join('\n');
  return `    ${key}: |\n${body}\n`;
}

/**
 * Writes n varied country reports into `dir/reports/<year>/<slug>/` and returns what was written
 * (names, every answer's state and text, the distinctive marker answer, expected completeness).
 *
 * Options: `year` (2014), `seed` (1), `kosovo` (true: the first report is Kosovo's, unchanged),
 * `offset` (skip this many names of the list, to add countries to an existing set), `slugs` (these
 * countries of COUNTRY_NAMES, in this order, instead of the list's order).
 */
export async function makeCountries(dir, n, options = {}) {
  const year = options.year ?? 2014;
  const seed = options.seed ?? 1;
  const offset = options.offset ?? 0;
  const kosovo = await readKosovo();
  const list = options.slugs
    ? options.slugs.map((slug) => {
        const entry = COUNTRY_NAMES.find(([s]) => s === slug);
        if (!entry) throw new Error(`makeCountries: unknown slug \`${slug}\``);
        return entry;
      })
    : COUNTRY_NAMES;
  const made = [];
  let listIndex = offset;
  for (let i = 0; i < n; i++) {
    const folder = join(dir, 'reports', String(year), '');
    if (i === 0 && options.kosovo) {
      made.push(await writeKosovo(join(folder, 'kosovo'), kosovo));
      continue;
    }
    const entry = list[listIndex % list.length] ?? ['country', 'Country', 'en'];
    const round = Math.floor(listIndex / list.length);
    listIndex++;
    const slug = round ? `${entry[0]}-${round + 1}` : entry[0];
    const name = round ? `${entry[1]} ${round + 1}` : entry[1];
    const language = entry[2];
    made.push(
      await writeCountry(join(folder, slug), { slug, name, language }, kosovo, prng(seed * 7919 + hashOf(slug))),
    );
  }
  return made;
}

async function writeKosovo(folder, kosovo) {
  await mkdir(folder, { recursive: true });
  for (const file of ['country.yaml', 'target-1.yaml', 'target-2.yaml', 'target-3.yaml', 'target-4.yaml']) {
    await writeFile(join(folder, file), await readFile(join(kosovoDir, file)));
  }
  const answers = {};
  for (const target of kosovo) {
    for (const goal of target.goals) {
      answers[goal.id] = {};
      for (const [q, text] of Object.entries(goal.answers)) answers[goal.id][q] = stateOf(text);
    }
  }
  const marker = answers[MARKER_QUESTION.goal]?.[MARKER_QUESTION.question];
  return finish({ slug: 'kosovo', name: 'Kosovo', language: 'en', folder, answers, marker: marker?.text ?? '' });
}

function stateOf(text) {
  if (text === null || text.trim() === '') return { state: 'unanswered' };
  if (text.trim() === '--') return { state: 'nothing-to-report' };
  return { state: 'answered', text };
}

async function writeCountry(folder, country, kosovo, random) {
  const { slug, name, language } = country;
  await mkdir(folder, { recursive: true });
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  await writeFile(
    join(folder, 'country.yaml'),
    `# Country metadata for this report.\nname: ${JSON.stringify(name)}\nlanguage: ${language}\ndate: 2014-${month}-15\n`,
  );
  const answers = {};
  const marker = `${name} sent ${100 + Math.floor(random() * 900)} notices to hosting providers; marker ${slug}.`;
  for (const target of kosovo) {
    let yaml = `# yaml-language-server: $schema=../../../schemas/answers-2014.schema.json\ntarget: ${target.number}\ngoals:\n`;
    target.goals.forEach((goal, gi) => {
      yaml += `  ${goal.id}:\n`;
      answers[goal.id] = {};
      for (const q of ['A', 'B', 'C']) {
        const isMarker = target.number === MARKER_QUESTION.target && goal.id === MARKER_QUESTION.goal && q === 'A';
        const roll = random();
        const original = goal.answers[q];
        let answer;
        if (isMarker) answer = { state: 'answered', text: marker };
        else if (roll < 0.15) answer = { state: 'unanswered' };
        else if (roll < 0.3) answer = { state: 'nothing-to-report' };
        else if (roll < 0.6 && original && original.trim() !== '--') {
          answer = { state: 'answered', text: original.replaceAll('Kosovo', name) };
        } else {
          answer = { state: 'answered', text: generatedAnswer(name, slug, `${target.number}.${gi + 1} ${q}`, random) };
        }
        answers[goal.id][q] = answer;
        if (answer.state === 'answered') yaml += blockScalar(q, answer.text);
        else if (answer.state === 'nothing-to-report') yaml += `    ${q}: --\n`;
        else if (random() < 0.5) yaml += `    ${q}:\n`; // an empty answer; otherwise the key is left out
      }
    });
    await writeFile(join(folder, `target-${target.number}.yaml`), yaml);
  }
  return finish({ slug, name, language, folder, answers, marker });
}

/** Adds the expected completeness (as `gareport status` computes it) to a generated country. */
function finish(country) {
  const counts = { answered: 0, nothingToReport: 0, unanswered: 0 };
  for (const goal of Object.values(country.answers)) {
    for (const answer of Object.values(goal)) {
      if (answer.state === 'answered') counts.answered++;
      else if (answer.state === 'nothing-to-report') counts.nothingToReport++;
      else counts.unanswered++;
    }
  }
  const total = counts.answered + counts.nothingToReport + counts.unanswered;
  const percent = Math.round(((counts.answered + counts.nothingToReport) / total) * 100);
  return { ...country, completeness: { ...counts, percent } };
}
