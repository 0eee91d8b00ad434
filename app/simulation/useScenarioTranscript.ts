import { useEffect, useState } from 'react';
import { createSimulationClient } from './simulationClient';

export type ScenarioRun =
  | { state: 'starting' }
  | { state: 'ready'; transcript: string }
  | { state: 'error'; message: string };

const STARTING: ScenarioRun = { state: 'starting' };

/** Runs a scenario file in a fresh simulation worker and returns its transcript once it is done. */
export function useScenarioTranscript(scenarioText: string): ScenarioRun {
  // Each outcome remembers the text it belongs to, so a new text reads as 'starting' at once.
  const [outcome, setOutcome] = useState<{ scenarioText: string; run: ScenarioRun } | undefined>();

  useEffect(() => {
    const client = createSimulationClient();
    let current = true;
    const settle = (run: ScenarioRun) => {
      if (current) setOutcome({ scenarioText, run });
    };
    client.run(scenarioText).then(
      (transcript) => settle({ state: 'ready', transcript }),
      (error: unknown) => settle({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
      client.dispose();
    };
  }, [scenarioText]);

  return outcome?.scenarioText === scenarioText ? outcome.run : STARTING;
}
