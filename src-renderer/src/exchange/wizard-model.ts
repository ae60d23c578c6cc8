/** What the import wizard's steps share (./ImportWizard.tsx holds it; each step renders a part of it). */
import type { Dispatch, SetStateAction } from 'react';
import type { Output } from '../../../src-main/contract/index';
import type { SourceInfo } from './sources';

import type { ChosenFile } from '../components/file-choosers';

/** The file as the service takes it: an upload (a browser) or a path the shell's dialog chose (docs/security.md "Inputs"). */
export type FileIn = ChosenFile;
export type Preview = Output<'exchange.preview'>;
export type Field = Preview['fields'][number];
export type Validation = Output<'exchange.validate'>;
export type Status = Output<'exchange.status'>;
export type Summary = NonNullable<Status['summary']>;
export type Mapping = Record<string, string>;
export interface Started {
  duplicateFile: boolean;
  resumed: boolean;
  summary: Summary | null;
}

/** Problems shown per page of the validation report. */
export const PROBLEM_PAGE = 15;

export interface WizardModel {
  step: number;
  setStep(step: number): void;
  busy: boolean;
  reset(): void;
  // file and source
  fileChosen(fi: FileIn, label: string, bytes: number | null): Promise<void>;
  setError(e: unknown): void;
  fileLabel: string;
  fileBytes: number | null;
  fileDate: string;
  setFileDate(date: string): void;
  sources: SourceInfo[];
  source: string;
  setSource(source: string): void;
  suggested: { source: string | null; scores: Record<string, number> } | null;
  toMapping(): Promise<void>;
  // mapping and preview
  preview: Preview | null;
  loadPreview(opts: { keepMapping: boolean; headerRow?: number }): Promise<Preview | null>;
  mapping: Mapping;
  setMapping: Dispatch<SetStateAction<Mapping>>;
  headerRow: number | undefined;
  setHeaderRow(row: number | undefined): void;
  missing: Field[];
  fieldLabel(f: Field): string;
  saveMap: boolean;
  setSaveMap(save: boolean): void;
  toPreview(): Promise<void>;
  toReport(): Promise<void>;
  // report and import
  validation: Validation | null;
  problemPage: number;
  setProblemPage(page: number): void;
  runImport(): Promise<void>;
  importId: number | null;
  status: Status | null;
  start: Started | null;
  summary: Summary | null;
  running: boolean;
  done: boolean;
  pct: number;
  reattached: boolean;
  askCancel(): void;
}
