import type { WorkerRequest, WorkerResponse } from './messages';

/** A promise-based handle on the simulation worker. */
export interface SimulationClient {
  /** Runs a scenario file (YAML text) in the worker and resolves with its transcript. */
  run(scenarioText: string): Promise<string>;
  /** Terminates the worker; pending runs are rejected. */
  dispose(): void;
}

interface Pending {
  resolve: (transcript: string) => void;
  reject: (error: Error) => void;
}

export function createSimulationClient(): SimulationClient {
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
  // The worker answers each request once and in order, so a FIFO queue pairs answers with requests.
  const pending: Pending[] = [];

  const failAll = (message: string) => {
    for (const request of pending.splice(0)) request.reject(new Error(message));
  };

  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const request = pending.shift();
    if (!request) return;
    const response = event.data;
    if (response.type === 'result') request.resolve(response.transcript);
    else request.reject(new Error(response.message));
  };
  // Fires when the worker script cannot load or throws outside a request (e.g. a failed import).
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    failAll(`the simulation worker failed: ${event.message || 'it could not be loaded'}`);
  };
  worker.onmessageerror = () => failAll('the simulation worker sent a message that could not be read');

  return {
    run(scenarioText) {
      return new Promise<string>((resolve, reject) => {
        pending.push({ resolve, reject });
        const request: WorkerRequest = { type: 'run', scenarioText };
        worker.postMessage(request);
      });
    },
    dispose() {
      worker.terminate();
      failAll('the simulation worker was stopped');
    },
  };
}
