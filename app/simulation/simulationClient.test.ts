import { describe, expect, it } from 'vitest';
import webScenario from '../../scenarios/web.yaml?raw';
import type { ClientEvent, WorkerLike } from './simulationClient';
import { createSimulationClient } from './simulationClient';
import { createInThreadWorker } from './inThreadWorker';
import { SimulationHost } from './simulationHost';

const podNames = (nodes: { type: string; data: unknown }[]) =>
  nodes.filter((n) => n.type === 'pod').map((n) => (n.data as { name: string; status: string }).name);

describe('SimulationHost', () => {
  it('loads the default scenario, runs its script and shows it in the terminal and the graph', () => {
    const host = new SimulationHost();
    const snapshot = host.handle({ type: 'load', requestId: 1, scenarioText: webScenario });
    expect(snapshot.requestId).toBe(1);
    expect(snapshot.terminal).toContain('$ kubectl apply -f web.yaml\nservice/nginx created\nstatefulset.apps/web created');
    expect(podNames(snapshot.graph.nodes)).toEqual(['web-0', 'web-1']);
    expect(snapshot.files?.['web.yaml']).toContain('kind: StatefulSet');
    expect(snapshot.diagnostics['web.yaml']).toEqual([]);
  });

  it('says whether replayed steps come from a shared link or a restart', () => {
    const replay = [{ type: 'line' as const, line: 'kubectl scale sts web --replicas=3' }];
    const link = new SimulationHost().handle({ type: 'load', requestId: 1, scenarioText: webScenario, replay, origin: 'link' });
    expect(link.terminal).toContain('# replayed 1 step(s) from the shared link');
    expect(link.terminal).not.toContain('after a restart');
    const restart = new SimulationHost().handle({ type: 'load', requestId: 1, scenarioText: webScenario, replay });
    expect(restart.terminal).toContain('# restored 1 step(s) after a restart');
  });

  it('records played time as `sim advance` before the next command line', () => {
    const host = new SimulationHost();
    const loaded = host.handle({ type: 'load', requestId: 1, scenarioText: webScenario });
    host.handle({ type: 'speed', requestId: 2, speed: 4 });
    host.handle({ type: 'play', requestId: 3 });
    expect(host.tick(250)?.now).toBe(loaded.now + 1000);
    const after = host.handle({ type: 'command', requestId: 4, line: 'kubectl get pvc', echo: true });
    expect(after.journal).toEqual([
      { type: 'line', line: 'sim advance 1000ms' },
      { type: 'line', line: 'kubectl get pvc' },
    ]);
    expect(after.result?.output).toMatch(/^NAME\s+STATUS\s+VOLUME/);
  });

  it('reports engine diagnostics for an edited file and records the file before the apply that uses it', () => {
    const host = new SimulationHost();
    const loaded = host.handle({ type: 'load', requestId: 1, scenarioText: webScenario });
    const text = (loaded.files?.['web.yaml'] ?? '').replace('replicas: 2', 'replicaz: 2');
    const edited = host.handle({ type: 'editFile', requestId: 2, file: 'web.yaml', text });
    expect(edited.diagnostics['web.yaml']?.[0]).toMatchObject({ severity: 'error', line: 21 });
    const applied = host.handle({ type: 'command', requestId: 3, line: 'kubectl apply -f web.yaml', echo: true });
    expect(applied.journal[0]).toEqual({ type: 'file', file: 'web.yaml', text });
    expect(applied.result?.exitCode).toBe(1);
  });

  it('steps to the next change of the cluster with a `sim advance` line', () => {
    const host = new SimulationHost();
    const loaded = host.handle({ type: 'load', requestId: 1, scenarioText: webScenario });
    host.handle({ type: 'command', requestId: 2, line: 'kubectl delete pod web-1 --wait=false', echo: true });
    const stepped = host.handle({ type: 'step', requestId: 3 });
    expect(stepped.result?.line).toMatch(/^sim advance \d+ms$/);
    expect(stepped.now).toBeGreaterThan(loaded.now);
  });
});

describe('createSimulationClient', () => {
  it('restarts a crashed worker and replays the journal', async () => {
    const client = createSimulationClient(createInThreadWorker);
    const events: ClientEvent['type'][] = [];
    client.subscribe((e) => events.push(e.type));
    await client.request({ type: 'load', scenarioText: webScenario });
    const scaled = await client.request({ type: 'command', line: 'kubectl scale statefulset web --replicas=3', echo: true });
    const waited = await client.request({ type: 'untilStable' });
    expect(podNames(waited.graph.nodes)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(scaled.result?.output).toBe('statefulset.apps/web scaled');
    const restarted = new Promise<ClientEvent>((resolve) => client.subscribe((e) => e.type === 'restarted' && resolve(e)));
    await expect(client.request({ type: 'crashForTest' })).rejects.toThrow('crash requested by a test');
    const restored = await restarted;
    expect(restored).toEqual({ type: 'restarted', replayed: 2 });
    const after = await client.request({ type: 'command', line: 'kubectl get pods', echo: true });
    expect(after.now).toBe(waited.now);
    expect(after.result?.output).toMatch(/web-2\s+1\/1\s+Running/);
    expect(events).toContain('crashed');
    client.dispose();
  });

  it('ignores a message that arrives from a worker it already replaced', async () => {
    const workers: WorkerLike[] = [];
    const client = createSimulationClient(() => {
      const worker = createInThreadWorker();
      workers.push(worker);
      return worker;
    });
    const loaded = await client.request({ type: 'load', scenarioText: webScenario });
    const restarted = new Promise<void>((resolve) => client.subscribe((e) => e.type === 'restarted' && resolve()));
    await expect(client.request({ type: 'crashForTest' })).rejects.toThrow('crash requested by a test');
    await restarted;
    const seen: number[] = [];
    client.subscribe((e) => e.type === 'snapshot' && seen.push(e.snapshot.now));
    // The first worker, replaced, still delivers a frame from its old cluster.
    const stale = { ...loaded, now: 123_456, requestId: undefined };
    workers[0]?.onmessage?.({ data: stale } as MessageEvent);
    const next = await client.request({ type: 'command', line: 'kubectl get pods', echo: true });
    expect(seen).toEqual([next.now]);
    expect(next.graph.nodes.length).toBeGreaterThan(0);
    client.dispose();
  });

  it('restarts a worker that stops answering, says so, and replays the journal into the new one', async () => {
    // The first worker answers until `hang` is set, then swallows every request (an endless loop).
    let hang = false;
    let terminated = false;
    const swallowed: string[] = [];
    let started = 0;
    const createWorker = (): WorkerLike => {
      started++;
      const real = createInThreadWorker();
      if (started > 1) return real;
      const fake: WorkerLike = {
        onmessage: null,
        onerror: null,
        postMessage(request) {
          if (hang) swallowed.push(request.type);
          else real.postMessage(request);
        },
        terminate() {
          terminated = true;
          real.terminate();
        },
      };
      real.onmessage = (event) => fake.onmessage?.(event);
      return fake;
    };
    const client = createSimulationClient(createWorker, { stallMs: 100 });
    const events: ClientEvent[] = [];
    client.subscribe((e) => e.type !== 'snapshot' && events.push(e));
    await client.request({ type: 'load', scenarioText: webScenario });
    await client.request({ type: 'command', line: 'kubectl scale statefulset web --replicas=3', echo: true });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events).toEqual([]); // answered requests never count as stalls
    hang = true;
    const recovered = new Promise<ClientEvent>((resolve) => client.subscribe((e) => e.type === 'restarted' && resolve(e)));
    const sentAt = Date.now();
    await expect(client.request({ type: 'command', line: 'kubectl get pods', echo: true })).rejects.toThrow('the simulation did not answer for 0.1 s');
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(90);
    expect(swallowed).toEqual(['command']);
    expect(terminated).toBe(true);
    expect(await recovered).toEqual({ type: 'restarted', replayed: 1 });
    expect(events.map((e) => (e.type === 'crashed' ? e.message : e.type))).toEqual(['the simulation did not answer for 0.1 s', 'restarted']);
    const after = await client.request({ type: 'untilStable' });
    expect(podNames(after.graph.nodes)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(started).toBe(2);
    client.dispose();
  });
});
