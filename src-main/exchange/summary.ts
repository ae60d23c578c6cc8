/** An import's summary (docs/rules/assistance.md §6, `safetynet import --json`) and its rejected rows. */

export interface Rejected {
  row: number;
  column: string;
  reason: string;
}

/** The import summary; its keys are fixed by docs/rules/assistance.md §6. */
export interface ImportSummary {
  file: string;
  sha256: string;
  source: string;
  rowsRead: number;
  accepted: number;
  rejected: Rejected[];
  matchedPersons: number;
  unknownPersons: number;
  warningsRaised: number;
  duplicateFile: boolean;
}

/** A summary as apply stored it (`exchange_imports.summary_json`): JSON of this type, written by this module's callers only. */
export const storedSummary = (json: string): ImportSummary => JSON.parse(json) as ImportSummary;
