import type { ImportIssue } from '@kilde/api';

export type ImportMode = 'atomic' | 'partial';
export type JobStatus = 'queued' | 'staging' | 'applying' | 'completed' | 'failed' | 'rolled-back';
export type ItemOutcome = 'created' | 'updated' | 'unchanged';

/** Where a job's records come from, so a rerun after a crash can open the batch again. */
export type JobSource =
  | { kind: 'paths'; paths: string[] }
  | { kind: 'staged'; path: string; format: 'json' | 'ndjson' | 'markdown' | 'zip'; name: string };

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  /** Ask for publishing (trusted partners and operators); each publish still meets the gate. */
  publish: boolean;
  /** Organisation documentId: the identity namespace, and every record's provider. */
  provider: string | null;
  /** `cli`, or the partner (key's partner name). Never a person. */
  requestedBy: string;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  phase: 'validating' | 'applying';
  done: number;
  total: number;
}

export interface ImportCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  published: number;
  failed: number;
  invalid: number;
}

/** What an import did (or, in a dry run, would do). */
export interface ImportReport extends ImportCounts {
  jobId: string | null;
  status: JobStatus | 'dry-run';
  mode: ImportMode;
  dryRun: boolean;
  /** Problems, first 1,000: invalid records, failed applies, publish refusals. */
  issues: ImportIssue[];
  /** Per record in a dry run (first 1,000): what would happen. */
  plan?: {
    file: string;
    line: number;
    type: string;
    locale: string;
    key: string;
    action: ItemOutcome;
  }[];
  seconds: number;
}
