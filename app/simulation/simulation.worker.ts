// The worker entry: a thin host around the engine. It imports only from src/ and the message
// types; the engine itself never touches `self` or postMessage.
import { parseScenario } from '../../src/scenarios/parseScenario';
import { runScenario } from '../../src/scenarios/runScenario';
import { formatTranscript } from '../../src/scenarios/transcript';
import { formatDiagnostic } from './formatDiagnostic';
import type { WorkerRequest, WorkerResponse } from './messages';

declare const self: DedicatedWorkerGlobalScope;

function handle(request: WorkerRequest): WorkerResponse {
  const { scenario, diagnostics } = parseScenario(request.scenarioText);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    return { type: 'error', message: errors.map((diagnostic) => formatDiagnostic(diagnostic)).join('\n') };
  }
  if (!scenario) return { type: 'error', message: 'the scenario could not be read' };
  return { type: 'result', transcript: formatTranscript(runScenario(scenario)) };
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  let response: WorkerResponse;
  try {
    response = handle(event.data);
  } catch (error) {
    // An exception here is an engine bug; report it instead of leaving the request unanswered.
    response = { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
