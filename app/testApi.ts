// A typed handle for the e2e tests (window.__playground): read the latest snapshot, send requests.
// e2e imports only the types from here.
import type { Snapshot } from '../src/protocol/messages';
import type { RequestBody, SimulationClient } from './simulation/simulationClient';
import type { AppStoreApi } from './store/appStore';

export interface PlaygroundTestApi {
  snapshot(): Snapshot | undefined;
  request(body: RequestBody): Promise<Snapshot>;
  journal(): readonly unknown[];
  /** `name STATUS READY` of every pod each time any of them changed, in order (e.g. `web-2 Running 1/1`). */
  podTimeline(): string[][];
}

declare global {
  interface Window {
    __playground?: PlaygroundTestApi;
  }
}

export function installTestApi(store: AppStoreApi, simulation: SimulationClient): void {
  const timeline: string[][] = [];
  let last = '';
  store.subscribe((state) => {
    const pods = (state.snapshot?.graph.nodes ?? []).flatMap((n) => (n.type === 'pod' ? [`${n.data.name} ${n.data.status} ${n.data.ready}`] : []));
    const key = pods.join('|');
    if (key !== last) timeline.push(pods);
    last = key;
  });
  window.__playground = {
    podTimeline: () => timeline,
    snapshot: () => store.getState().snapshot,
    request: (body) => simulation.request(body),
    journal: () => simulation.journal(),
  };
}
