// The worker entry: a thin host around SimulationHost. It owns the play timer (timers are fine in
// app/, never in src/) and posts at most one snapshot per frame while playing.
import type { SimulationRequest, Snapshot, WorkerFailure } from '../../src/protocol/messages';
import { PROTOCOL_VERSION } from '../../src/protocol/messages';
import { graphOmitter } from './graphOmitter';
import { SimulationHost } from './simulationHost';

declare const self: DedicatedWorkerGlobalScope;

const FRAME_MS = 16;
const host = new SimulationHost();
let timer: ReturnType<typeof setTimeout> | undefined;
let last = 0;

const omitSentGraph = graphOmitter();

function post(response: Snapshot | WorkerFailure): void {
  self.postMessage(response.type === 'snapshot' ? omitSentGraph(response) : response);
}

function fail(error: unknown, requestId?: number): void {
  stop();
  const message = error instanceof Error ? error.message : String(error);
  post({ type: 'error', protocol: PROTOCOL_VERSION, message, ...(requestId === undefined ? {} : { requestId }) });
}

function frame(): void {
  const now = performance.now();
  try {
    const snapshot = host.tick(now - last);
    if (snapshot) post(snapshot);
  } catch (error) {
    fail(error);
    return;
  }
  last = now;
  timer = host.playing ? setTimeout(frame, FRAME_MS) : undefined;
}

function stop(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

self.onmessage = (event: MessageEvent<SimulationRequest>) => {
  const request = event.data;
  try {
    post(host.handle(request));
  } catch (error) {
    fail(error, request.requestId);
    return;
  }
  if (host.playing && timer === undefined) {
    last = performance.now();
    timer = setTimeout(frame, FRAME_MS);
  } else if (!host.playing) stop();
};
