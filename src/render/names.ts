/** Base name of a year's consolidated report: out/<year>/all-countries.{md,html,pdf}. */
export const CONSOLIDATED_NAME = 'all-countries';
