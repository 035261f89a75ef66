/**
 * The words of the reporting cycle's documents (`gareport followup`, `gareport diff`), per language;
 * strings.ts adds them to each language's table. Same conventions as there: French puts a no-break
 * space before a colon and quotes with « », German with „…“, Russian and Spanish with «…».
 * A few strings carry Markdown emphasis (`**bold**`, `~~struck through~~`) where the emphasised
 * words' place in the sentence differs between languages; the English ones keep the line breaks
 * the built-in templates always had, so the English documents stay as they were.
 */

export interface CycleStrings {
  /** Follow-up title, PDF subject: `{previous_year}`, `{country}`, `{year}`. */
  followup_title: string;
  /** Follow-up HTML description: `{country}`, `{previous_year}`, `{year}`. */
  followup_description: string;
  /** Follow-up running header: `{country}`, `{previous_year}`, `{year}`. */
  followup_header: string;
  /** PDF/Word keyword of a follow-up. */
  followup_keyword: string;
  /** The paragraph under a follow-up's title: `{country}`, `{previous_year}`, `{year}`. */
  followup_intro: string;
  /** Goals with announced actions, with Markdown bold: `{announced}`, `{goals}`, `{previous_year}`, `{reported}`, `{missing}`. */
  followup_counts: string;
  /** The label of a goal whose announced actions were not reported on (after ⚠, in bold). */
  followup_not_reported: string;
  /** After that label, when A is "nothing to report": `{previous_year}`, `{year}`. */
  followup_nothing_reported: string;
  /** After that label, when A is unanswered: `{previous_year}`, `{year}`. */
  followup_unanswered: string;
  /** The label of a goal whose announced actions were reported on (after ✔, in bold). */
  followup_reported: string;
  /** After that label: `{year}`, `{previous_year}`. */
  followup_reported_on: string;
  /** The label of a goal with nothing announced (after –, in bold). */
  followup_none: string;
  /** After that label: `{previous_year}`. */
  followup_none_in: string;
  /** A renamed goal: `{year}` (the earlier one) and `{id}` (its id then, as code). */
  followup_earlier_id: string;
  /** Heading over question C of the earlier year: `{year}`. */
  followup_announced_heading: string;
  /** Heading over question A of the later year: `{year}`. */
  followup_reported_heading: string;
  /** Overview legend: ✔. */
  followup_legend_reported: string;
  /** Overview legend: ✘. */
  followup_legend_missing: string;
  /** Overview legend: –. */
  followup_legend_none: string;
  /** Overview title, PDF subject and HTML description: `{previous_year}`, `{year}`. */
  followup_overview_title: string;
  /** Overview running header: `{previous_year}`, `{year}`. */
  followup_overview_header: string;
  /** The paragraph under the overview's title: `{year}`, `{previous_year}`. */
  followup_overview_intro: string;
  /** The overview table's first column's heading. */
  country_column: string;
  /** Overview: a country without a report of the year before: `{year}`. */
  followup_no_report: string;
  /** Overview: a country whose answers have errors. */
  followup_invalid: string;
  /** Diff title, PDF subject and HTML description: `{country}`, `{before}`, `{after}`. */
  diff_title: string;
  /** PDF/Word keyword of a diff. */
  diff_keyword: string;
  /** `{changed}` of `{questions}` answers changed. */
  diff_counts: string;
  /** How changes are shown, with Markdown strike-through and bold: `{before}`, `{after}`. */
  diff_legend: string;
  /** An answer that did not change. */
  diff_unchanged: string;
  /** The label before one version's answer, when one of the two is not answered: `{version}`. */
  diff_version: string;
  /** `diff --since`: the version at a git ref: `{year}`, `{ref}`. */
  diff_at_ref: string;
  /** `diff --since`: the working tree's version: `{year}`. */
  diff_now: string;
}

const NBSP = '\u00A0';

const en: CycleStrings = {
  followup_title: 'Follow-up of the {previous_year} announcements: {country}, {year}',
  followup_description: 'What {country} announced in {previous_year} and what it reported in {year}',
  followup_header: '{country} – follow-up {previous_year} → {year}',
  followup_keyword: 'follow-up',
  followup_intro:
    'What {country} announced under question C of its {previous_year} report ("actions\nthat your country will undertake as a follow-up"), beside what it reported under question A of its\n{year} report ("implementation of any measures announced in your country\'s {previous_year}\nreport").',
  followup_counts:
    '**{announced} of {goals, plural, one {# goal} other {# goals}}** had actions announced in {previous_year}:\n{reported} reported on, **{missing} not reported**.',
  followup_not_reported: 'Not reported:',
  followup_nothing_reported:
    'actions were announced in {previous_year}, and question A of {year} is "nothing to report".',
  followup_unanswered: 'actions were announced in {previous_year}, and question A of {year} is unanswered.',
  followup_reported: 'Reported:',
  followup_reported_on: 'question A of {year} reports on the actions announced in {previous_year}.',
  followup_none: 'Nothing announced',
  followup_none_in: 'in {previous_year}.',
  followup_earlier_id: 'In {year} this goal was {id}.',
  followup_announced_heading: 'Announced in {year} (question C)',
  followup_reported_heading: 'Reported in {year} (question A)',
  followup_legend_reported: 'reported on',
  followup_legend_missing: 'announced, not reported',
  followup_legend_none: 'nothing announced',
  followup_overview_title: 'Follow-up of the {previous_year} announcements in the {year} reports',
  followup_overview_header: 'Follow-up {previous_year} → {year}',
  followup_overview_intro:
    'Whether each country reported under question A of {year} on the actions it announced under\nquestion C of {previous_year}.',
  country_column: 'Country',
  followup_no_report: 'no {year} report',
  followup_invalid: 'invalid answers',
  diff_title: 'What changed in the answers of {country}: {before} → {after}',
  diff_keyword: 'changes',
  diff_counts: '{changed} of {questions, plural, one {# answer} other {# answers}} changed.',
  diff_legend:
    "In a changed answer, ~~struck-through~~ words are only in {before}, **bold** words only in {after}; the answers' own Markdown is shown as written.",
  diff_unchanged: 'Unchanged.',
  diff_version: '{version}:',
  diff_at_ref: '{year} at {ref}',
  diff_now: '{year} now',
};

const fr: CycleStrings = {
  followup_title: `Suivi des annonces de {previous_year}${NBSP}: {country}, {year}`,
  followup_description: `{country}${NBSP}: actions annoncées en {previous_year} et compte rendu de {year}`,
  followup_header: '{country} – suivi {previous_year} → {year}',
  followup_keyword: 'suivi',
  followup_intro: `{country}${NBSP}: les actions annoncées à la question C du rapport {previous_year} («${NBSP}actions concrètes que votre pays entreprendra pour y donner suite${NBSP}»), en regard du compte rendu fait à la question A du rapport {year} («${NBSP}mise en œuvre des mesures annoncées dans le rapport {previous_year} de votre pays${NBSP}»).`,
  followup_counts: `{announced, plural, one {**# objectif sur {goals}** avait} other {**# objectifs sur {goals}** avaient}} des actions annoncées en {previous_year}${NBSP}: compte rendu pour {reported}, **{missing} sans compte rendu**.`,
  followup_not_reported: `Sans compte rendu${NBSP}:`,
  followup_nothing_reported: `des actions ont été annoncées en {previous_year}, et la question A de {year} porte «${NBSP}rien à signaler${NBSP}».`,
  followup_unanswered: 'des actions ont été annoncées en {previous_year}, et la question A de {year} est sans réponse.',
  followup_reported: `Compte rendu${NBSP}:`,
  followup_reported_on: 'la question A de {year} rend compte des actions annoncées en {previous_year}.',
  followup_none: 'Rien d’annoncé',
  followup_none_in: 'en {previous_year}.',
  followup_earlier_id: 'En {year}, cet objectif s’appelait {id}.',
  followup_announced_heading: 'Annoncé en {year} (question C)',
  followup_reported_heading: 'Compte rendu de {year} (question A)',
  followup_legend_reported: 'compte rendu',
  followup_legend_missing: 'annoncé, sans compte rendu',
  followup_legend_none: 'rien d’annoncé',
  followup_overview_title: 'Suivi des annonces de {previous_year} dans les rapports {year}',
  followup_overview_header: 'Suivi {previous_year} → {year}',
  followup_overview_intro:
    'Pour chaque pays, s’il a rendu compte, à la question A de {year}, des actions annoncées à la question C de {previous_year}.',
  country_column: 'Pays',
  followup_no_report: 'pas de rapport {year}',
  followup_invalid: 'réponses non valides',
  diff_title: `{country}${NBSP}: ce qui a changé dans les réponses, {before} → {after}`,
  diff_keyword: 'modifications',
  diff_counts:
    '{changed, plural, one {# réponse sur {questions} a changé} other {# réponses sur {questions} ont changé}}.',
  diff_legend: `Dans une réponse modifiée, les mots ~~barrés~~ ne figurent que dans {before}, les mots en **gras** que dans {after}${NBSP}; la syntaxe Markdown des réponses est montrée telle qu’elle est écrite.`,
  diff_unchanged: 'Sans changement.',
  diff_version: `{version}${NBSP}:`,
  diff_at_ref: '{year} à la version {ref}',
  diff_now: '{year} actuel',
};

const es: CycleStrings = {
  followup_title: 'Seguimiento de los anuncios de {previous_year}: {country}, {year}',
  followup_description: '{country}: lo anunciado en {previous_year} y lo informado en {year}',
  followup_header: '{country}: seguimiento {previous_year} → {year}',
  followup_keyword: 'seguimiento',
  followup_intro:
    '{country}: lo anunciado en la pregunta C del informe de {previous_year} («acciones que su país emprenderá como seguimiento»), junto a lo informado en la pregunta A del informe de {year} («aplicación de las medidas anunciadas en el informe de {previous_year} de su país»).',
  followup_counts:
    '**{announced} de {goals, plural, one {# objetivo} other {# objetivos}}** {announced, plural, one {tenía} other {tenían}} acciones anunciadas en {previous_year}: {reported} con informe, **{missing} sin informe**.',
  followup_not_reported: 'Sin informe:',
  followup_nothing_reported:
    'se anunciaron acciones en {previous_year}, y la pregunta A de {year} dice «nada que informar».',
  followup_unanswered: 'se anunciaron acciones en {previous_year}, y la pregunta A de {year} no tiene respuesta.',
  followup_reported: 'Con informe:',
  followup_reported_on: 'la pregunta A de {year} informa sobre las acciones anunciadas en {previous_year}.',
  followup_none: 'Nada anunciado',
  followup_none_in: 'en {previous_year}.',
  followup_earlier_id: 'En {year} este objetivo era {id}.',
  followup_announced_heading: 'Anunciado en {year} (pregunta C)',
  followup_reported_heading: 'Informado en {year} (pregunta A)',
  followup_legend_reported: 'con informe',
  followup_legend_missing: 'anunciado, sin informe',
  followup_legend_none: 'nada anunciado',
  followup_overview_title: 'Seguimiento de los anuncios de {previous_year} en los informes de {year}',
  followup_overview_header: 'Seguimiento {previous_year} → {year}',
  followup_overview_intro:
    'Si cada país informó en la pregunta A de {year} sobre las acciones que anunció en la pregunta C de {previous_year}.',
  country_column: 'País',
  followup_no_report: 'sin informe de {year}',
  followup_invalid: 'respuestas no válidas',
  diff_title: '{country}: qué cambió en las respuestas, {before} → {after}',
  diff_keyword: 'cambios',
  diff_counts:
    '{changed} de {questions, plural, one {# respuesta} other {# respuestas}} {changed, plural, one {cambió} other {cambiaron}}.',
  diff_legend:
    'En una respuesta modificada, las palabras ~~tachadas~~ solo están en {before}, las palabras en **negrita** solo en {after}; el Markdown de las respuestas se muestra tal como está escrito.',
  diff_unchanged: 'Sin cambios.',
  diff_version: '{version}:',
  diff_at_ref: '{year} en {ref}',
  diff_now: '{year} actual',
};

const de: CycleStrings = {
  followup_title: 'Nachverfolgung der Ankündigungen von {previous_year}: {country}, {year}',
  followup_description: '{country}: {previous_year} Angekündigtes und {year} Berichtetes',
  followup_header: '{country} – Nachverfolgung {previous_year} → {year}',
  followup_keyword: 'Nachverfolgung',
  followup_intro:
    '{country}: die unter Frage C des Berichts {previous_year} angekündigten Maßnahmen („Maßnahmen, die Ihr Land als Folgemaßnahme ergreifen wird“), neben dem unter Frage A des Berichts {year} Berichteten („Umsetzung der im Bericht {previous_year} Ihres Landes angekündigten Maßnahmen“).',
  followup_counts:
    '**Für {announced} von {goals, plural, one {# Ziel} other {# Zielen}}** wurden {previous_year} Maßnahmen angekündigt: zu {reported} berichtet, **zu {missing} nicht berichtet**.',
  followup_not_reported: 'Nicht berichtet:',
  followup_nothing_reported:
    'Maßnahmen wurden {previous_year} angekündigt, und Frage A von {year} lautet „nichts zu berichten“.',
  followup_unanswered: 'Maßnahmen wurden {previous_year} angekündigt, und Frage A von {year} ist unbeantwortet.',
  followup_reported: 'Berichtet:',
  followup_reported_on: 'Frage A von {year} berichtet über die {previous_year} angekündigten Maßnahmen.',
  followup_none: 'Nichts angekündigt',
  followup_none_in: 'im Jahr {previous_year}.',
  followup_earlier_id: 'Im Jahr {year} hieß dieses Ziel {id}.',
  followup_announced_heading: 'Angekündigt {year} (Frage C)',
  followup_reported_heading: 'Berichtet {year} (Frage A)',
  followup_legend_reported: 'berichtet',
  followup_legend_missing: 'angekündigt, nicht berichtet',
  followup_legend_none: 'nichts angekündigt',
  followup_overview_title: 'Nachverfolgung der Ankündigungen von {previous_year} in den Berichten {year}',
  followup_overview_header: 'Nachverfolgung {previous_year} → {year}',
  followup_overview_intro:
    'Ob jedes Land unter Frage A von {year} über die Maßnahmen berichtet hat, die es unter Frage C von {previous_year} angekündigt hat.',
  country_column: 'Land',
  followup_no_report: 'kein Bericht {year}',
  followup_invalid: 'ungültige Antworten',
  diff_title: '{country}: was sich in den Antworten geändert hat, {before} → {after}',
  diff_keyword: 'Änderungen',
  diff_counts: '{changed} von {questions, plural, one {# Antwort} other {# Antworten}} geändert.',
  diff_legend:
    'In einer geänderten Antwort stehen ~~durchgestrichene~~ Wörter nur in {before}, **fette** Wörter nur in {after}; das Markdown der Antworten wird so gezeigt, wie es geschrieben ist.',
  diff_unchanged: 'Unverändert.',
  diff_version: '{version}:',
  diff_at_ref: '{year} (Stand {ref})',
  diff_now: '{year} (aktuell)',
};

const ru: CycleStrings = {
  followup_title: `Последующие действия по объявленному в {previous_year}${NBSP}году: {country}, {year}`,
  followup_description: `{country}: объявленное в {previous_year}${NBSP}году и отчёт за {year}${NBSP}год`,
  followup_header: '{country} — последующие действия {previous_year} → {year}',
  followup_keyword: 'последующие действия',
  followup_intro: `{country}: что объявлено в вопросе C отчёта за {previous_year}${NBSP}год («действия, которые ваша страна предпримет в качестве последующих мер»), рядом с тем, что сообщено в вопросе A отчёта за {year}${NBSP}год («выполнение мер, объявленных в отчёте вашей страны за {previous_year}${NBSP}год»).`,
  followup_counts: `**По {announced} из {goals, plural, one {# цели} other {# целей}}** в {previous_year}${NBSP}году были объявлены действия: по {reported} есть отчёт, **по {missing} отчёта нет**.`,
  followup_not_reported: 'Нет отчёта:',
  followup_nothing_reported: `в {previous_year}${NBSP}году были объявлены действия, а в вопросе A за {year}${NBSP}год — «сообщить нечего».`,
  followup_unanswered: `в {previous_year}${NBSP}году были объявлены действия, а вопрос A за {year}${NBSP}год остался без ответа.`,
  followup_reported: 'Есть отчёт:',
  followup_reported_on: `в вопросе A за {year}${NBSP}год сообщается о действиях, объявленных в {previous_year}${NBSP}году.`,
  followup_none: 'Ничего не объявлено',
  followup_none_in: `в {previous_year}${NBSP}году.`,
  followup_earlier_id: `В {year}${NBSP}году эта цель называлась {id}.`,
  followup_announced_heading: `Объявлено в {year}${NBSP}году (вопрос C)`,
  followup_reported_heading: `Отчёт за {year}${NBSP}год (вопрос A)`,
  followup_legend_reported: 'есть отчёт',
  followup_legend_missing: 'объявлено, нет отчёта',
  followup_legend_none: 'ничего не объявлено',
  followup_overview_title: `Последующие действия по объявленному в {previous_year}${NBSP}году в отчётах за {year}${NBSP}год`,
  followup_overview_header: 'Последующие действия {previous_year} → {year}',
  followup_overview_intro: `Сообщила ли каждая страна в вопросе A за {year}${NBSP}год о действиях, объявленных ею в вопросе C за {previous_year}${NBSP}год.`,
  country_column: 'Страна',
  followup_no_report: `нет отчёта за {year}${NBSP}год`,
  followup_invalid: 'ответы с ошибками',
  diff_title: 'Что изменилось в ответах: {country}, {before} → {after}',
  diff_keyword: 'изменения',
  diff_counts: 'Изменено ответов: {changed} из {questions}.',
  diff_legend:
    'В изменённом ответе ~~зачёркнутые~~ слова есть только в версии {before}, слова, выделенные **жирным**, — только в версии {after}; разметка Markdown ответов показана так, как написана.',
  diff_unchanged: 'Без изменений.',
  diff_version: '{version}:',
  diff_at_ref: '{year} (версия {ref})',
  diff_now: '{year} (сейчас)',
};

export const CYCLE_STRINGS: Readonly<Record<'en' | 'fr' | 'es' | 'de' | 'ru', CycleStrings>> = { en, fr, es, de, ru };
