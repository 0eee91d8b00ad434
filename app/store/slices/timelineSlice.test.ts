import { describe, expect, it } from 'vitest';
import webScenario from '../../../scenarios/web.yaml?raw';
import { createInThreadWorker } from '../../simulation/inThreadWorker';
import { createSimulationClient, type SimulationClient } from '../../simulation/simulationClient';
import { createAppStore } from '../appStore';
import { adjacentMarker } from './timelineSlice';

/** A real in-thread simulation whose requests are also written down. */
function recordingClient(): { client: SimulationClient; sent: string[] } {
  const real = createSimulationClient(createInThreadWorker);
  const sent: string[] = [];
  const client: SimulationClient = {
    ...real,
    request(body) {
      sent.push(body.type === 'scrub' ? `scrub ${body.moment}` : body.type);
      return real.request(body);
    },
  };
  return { client, sent };
}

const settled = (store: ReturnType<typeof createAppStore>) =>
  new Promise<void>((resolve) => {
    const check = () => store.getState().timelineTarget === undefined && resolve();
    store.subscribe(check);
    check();
  });

describe('adjacentMarker', () => {
  const markers = [0, 3000, 3000, 6000].map((at) => ({ at, kind: 'event' as const, label: '', count: 1 }));
  it('finds the marker strictly before or after a moment', () => {
    expect(adjacentMarker(markers, 3000, -1)).toBe(0);
    expect(adjacentMarker(markers, 3000, 1)).toBe(6000);
    expect(adjacentMarker(markers, 6000, 1)).toBeUndefined();
    expect(adjacentMarker(markers, 0, -1)).toBeUndefined();
  });
});

describe('the timeline slice', () => {
  it('coalesces a drag: one scrub in flight, then only the latest moment', async () => {
    const { client, sent } = recordingClient();
    const store = createAppStore({ simulation: client });
    await client.request({ type: 'load', scenarioText: webScenario });
    expect(store.getState().liveNow).toBe(6000);
    for (const moment of [1000, 2000, 3000, 4000]) store.getState().scrubTo(moment);
    expect(store.getState().timelineTarget).toBe(4000);
    await settled(store);
    expect(sent.filter((s) => s.startsWith('scrub'))).toEqual(['scrub 1000', 'scrub 4000']);
    expect(store.getState().timelineMoment).toBe(4000);
    expect(store.getState().snapshot?.now).toBe(4000);
    client.dispose();
  });

  it('steps by marker and back to live after the last one, and reports a branch', async () => {
    const { client } = recordingClient();
    const store = createAppStore({ simulation: client });
    await client.request({ type: 'load', scenarioText: webScenario });
    store.getState().stepToMarker(-1);
    await settled(store);
    expect(store.getState().timelineMoment).toBe(3000);
    store.getState().stepToMarker(1);
    await settled(store);
    expect(store.getState().timelineMoment).toBeUndefined();
    store.getState().scrubTo(3000);
    await settled(store);
    await store.getState().run('kubectl get pods');
    expect(store.getState().lastBranch).toEqual({ at: 3000, dropped: 3 });
    expect(store.getState().timelineMoment).toBeUndefined();
    client.dispose();
  });
});
