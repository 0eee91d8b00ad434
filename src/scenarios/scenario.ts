/**
 * A scenario: workspace files + script + seed + cluster shape (DESIGN §1).
 * State is a pure function of it.
 */
import type { NodeShape } from '../engine/bootstrap';
import { LIMITS } from '../engine/limits';
import type { Timing } from '../engine/timing';

export interface Scenario {
  name: string;
  title?: string;
  seed: number;
  /** RFC 3339 start of the simulated clock. */
  startTime?: string;
  cluster?: {
    nodes?: NodeShape[];
    /** StorageClass to make the default instead of `standard`. */
    defaultStorageClass?: string;
    missingImages?: string[];
  };
  timing?: Partial<Timing>;
  files: Record<string, string>;
  script: string[];
}

/** Limits that keep hostile or absurd scenarios from hanging the tab (DESIGN §3 "Limits"). */
export const SCENARIO_LIMITS = {
  maxFileBytes: 1_000_000,
  maxFiles: 50,
  maxScriptLines: 2_000,
  maxNodes: LIMITS.maxNodes,
};
