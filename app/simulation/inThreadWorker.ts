// An in-thread stand-in for the simulation worker, with the same messages and play loop. The unit
// tests of the client use it; the page uses it only where `Worker` does not exist.
import type { SimulationRequest, SimulationResponse, Snapshot, WorkerFailure } from '../../src/protocol/messages';
import { PROTOCOL_VERSION } from '../../src/protocol/messages';
import type { WorkerLike } from './simulationClient';
import { graphOmitter } from './graphOmitter';
import { SimulationHost } from './simulationHost';

const FRAME_MS = 16;

export function createInThreadWorker(): WorkerLike {
  const host = new SimulationHost();
  const omitSentGraph = graphOmitter();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  let terminated = false;
  const self: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(request: SimulationRequest) {
      // Asynchronous like a real worker, so callers never see a reply before postMessage returns.
      queueMicrotask(() => {
        if (terminated) return;
        try {
          send(host.handle(request));
        } catch (error) {
          send({ type: 'error', protocol: PROTOCOL_VERSION, requestId: request.requestId, message: error instanceof Error ? error.message : String(error) });
          return;
        }
        if (host.playing && timer === undefined) {
          last = Date.now();
          timer = setTimeout(frame, FRAME_MS);
        }
      });
    },
    terminate() {
      terminated = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
  function send(response: Snapshot | WorkerFailure) {
    const message = response.type === 'snapshot' ? omitSentGraph(response) : response;
    self.onmessage?.({ data: message } as MessageEvent<SimulationResponse>);
  }
  function frame() {
    timer = undefined;
    if (terminated) return;
    const now = Date.now();
    const snapshot = host.tick(now - last);
    last = now;
    if (snapshot) send(snapshot);
    if (host.playing) timer = setTimeout(frame, FRAME_MS);
  }
  return self;
}
