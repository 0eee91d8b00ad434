// What the Share button reads outside the store: the scenario text the page loaded and the
// simulation client (its journal; pausing to record the time played so far). main.tsx installs it.
import type { SimulationClient } from '../simulation/simulationClient';

export interface ShareSource {
  scenarioText: string;
  simulation: SimulationClient;
}

let current: ShareSource | undefined;

/** Installs the page's share source (main.tsx, once, with the scenario it loads). */
export function installShareSource(source: ShareSource): void {
  current = source;
}

/** The page's share source; undefined before main.tsx installed it. */
export function shareSource(): ShareSource | undefined {
  return current;
}
