import type { ScanResult } from '../types.js';

/** What a reporter may know besides the findings. */
export interface ReporterContext {
  /** Colours allowed (TTY, no NO_COLOR). */
  color: boolean;
  version: string;
}

/** A reporter turns a scan result into the text of one output format. */
export type Reporter = (result: ScanResult, context: ReporterContext) => string;
