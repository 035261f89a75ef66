/** What the PDF and Word renderers write into a document besides its text: metadata and page furniture. */
export interface DocumentMeta {
  /** Document title (metadata; viewers show it in the title bar). */
  title: string;
  subject: string;
  author?: string | undefined;
  keywords?: string | undefined;
  /** BCP 47 language of the content: the PDF's /Lang, Word's proofing language and `dc:language`. */
  lang: string;
  /** Printed small at the top of every page after the first (or the title page). */
  runningHeader: string;
  paper: 'A4' | 'LETTER';
  /** The footer, with `{page}` and `{pages}` where the numbers go; "Page {page} of {pages}" by default. */
  pageLabel?: string | undefined;
  /** Creation and modification dates (zip timestamps, the PDF's file ID): fix it for reproducible output. */
  creationDate: Date;
}
