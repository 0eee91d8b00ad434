// The messages between app/simulation/simulationClient.ts (main thread) and
// app/simulation/simulation.worker.ts. They cross postMessage, so they are plain data.

/** Main thread → worker: run a whole scenario file and send back its transcript. */
export interface RunRequest {
  type: 'run';
  scenarioText: string;
}

export type WorkerRequest = RunRequest;

/** Worker → main thread, one response per request, in request order. */
export type WorkerResponse = { type: 'result'; transcript: string } | { type: 'error'; message: string };
