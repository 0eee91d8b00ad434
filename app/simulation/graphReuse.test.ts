import { describe, expect, it } from 'vitest';
import webScenario from '../../scenarios/web.yaml?raw';
import { advanceBy } from '../../src/engine/simulation';
import { toGraphModel } from '../../src/graph/toGraphModel';
import { Session } from '../../src/kubectl/session';
import { parseScenario } from '../../src/scenarios/parseScenario';
import { createScenarioState } from '../../src/scenarios/runScenario';
import { createInThreadWorker } from './inThreadWorker';
import { createSimulationClient, type WorkerLike } from './simulationClient';
import { SimulationHost } from './simulationHost';

describe('reusing the graph while the cluster is unchanged', () => {
  it('is sound: the graph model changes only when the cluster writes (crash loops, probes, a node going down and up)', () => {
    const { scenario } = parseScenario(webScenario);
    if (!scenario) throw new Error('web.yaml does not parse');
    const state = createScenarioState(scenario);
    const session = new Session(state, { ...scenario.files });
    for (const line of scenario.script) session.run(line);
    const actions: Record<number, string> = {
      0: 'sim crash web-0 --loop',
      40: 'sim break-readiness web-1',
      80: 'sim node-down node-2',
      200: 'kubectl scale sts web --replicas=4',
      300: 'sim node-up node-2',
      330: 'sim fix-readiness web-1',
      360: 'kubectl delete pod web-0 --wait=false',
    };
    let previous = { rv: state.counters.rv, model: JSON.stringify(toGraphModel(state)) };
    let unchangedSteps = 0;
    for (let step = 0; step < 600; step++) {
      const line = actions[step];
      if (line) session.run(line);
      advanceBy(state, 500);
      const now = { rv: state.counters.rv, model: JSON.stringify(toGraphModel(state)) };
      if (now.rv === previous.rv) {
        unchangedSteps++;
        expect(now.model, `step ${step} (t=${state.now} ms) drew a change without a write`).toBe(previous.model);
      }
      previous = now;
    }
    expect(unchangedSteps).toBeGreaterThan(100);
  });

  it('hands out the same graph object while nothing was written, and a new one after a write', () => {
    const host = new SimulationHost();
    let id = 1;
    host.handle({ type: 'load', scenarioText: webScenario, requestId: id++ });
    const a = host.handle({ type: 'play', requestId: id++ });
    const b = host.tick(10);
    expect(b?.graph).toBe(a.graph);
    const c = host.handle({ type: 'command', line: 'kubectl delete pod web-1 --wait=false', echo: true, requestId: id++ });
    expect(c.graph).not.toBe(a.graph);
    expect(c.graph.nodes.find((n) => n.id === 'pod.web-1')?.data).toMatchObject({ status: 'Terminating' });
  });

  it('leaves an unchanged graph out of the worker’s messages; the client puts it back and reuses every unchanged part', async () => {
    const carriedGraph: boolean[] = [];
    const client = createSimulationClient(() => recordingWorker(carriedGraph));
    const loaded = await client.request({ type: 'load', scenarioText: webScenario });
    const paused = await client.request({ type: 'pause' });
    expect(carriedGraph).toEqual([true, false]);
    expect(paused.graph).toBe(loaded.graph);
    expect(paused.graph.nodes.some((n) => n.id === 'pod.web-1')).toBe(true);
    // The other parts a frame repeats are the previous objects too, so the page re-renders nothing.
    expect(paused.events).toBe(loaded.events);
    expect(paused.narration).toBe(loaded.narration);
    expect(paused.names).toBe(loaded.names);
    const deleted = await client.request({ type: 'command', line: 'kubectl delete pod web-1 --wait=false', echo: true });
    expect(deleted.events).not.toBe(loaded.events);
    expect(deleted.events.at(-1)?.reason).toBe('Killing');
    client.dispose();
  });
});

/** An in-thread worker that notes, for each snapshot message, whether it carried a graph. */
function recordingWorker(carriedGraph: boolean[]): WorkerLike {
  const worker = createInThreadWorker();
  const recorder: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
  };
  worker.onmessage = (event) => {
    if (event.data.type === 'snapshot') carriedGraph.push(event.data.graph !== undefined);
    recorder.onmessage?.(event);
  };
  return recorder;
}
