import { describe, expect, it } from 'vitest';
import webScenario from '../../scenarios/web.yaml?raw';
import type { JournalEntry, SimulationRequest, Snapshot } from '../../src/protocol/messages';
import { formatClock } from '../playback/formatClock';
import { createInThreadWorker } from './inThreadWorker';
import { createSimulationClient, type ClientEvent } from './simulationClient';
import { SimulationHost } from './simulationHost';
import { TimelineHistory } from './timeline';

type Body = SimulationRequest extends infer R ? (R extends SimulationRequest ? Omit<R, 'requestId'> : never) : never;

/** A host driven by request bodies, numbering them. */
function driver() {
  const host = new SimulationHost();
  let id = 1;
  return { host, send: (body: Body): Snapshot => host.handle({ ...body, requestId: id++ } as SimulationRequest) };
}

/** What a moment looks like, without layout positions (a past view shares the live layout's memory). */
function cluster(snapshot: Snapshot) {
  const nodes = snapshot.graph.nodes.map((n) => ({ id: n.id, type: n.type, data: n.data })).sort((a, b) => a.id.localeCompare(b.id));
  return { now: snapshot.now, nodes, events: snapshot.events, names: snapshot.names };
}

const pods = (snapshot: Snapshot) => snapshot.graph.nodes.flatMap((n) => (n.type === 'pod' ? [(n.data as { name: string }).name] : []));

describe('TimelineHistory.cutAt', () => {
  const history = new TimelineHistory();
  history.add({ source: 'script', line: 'kubectl apply -f web.yaml', at: 0, endAt: 0 });
  history.add({ source: 'script', line: 'sim wait --stable', at: 0, endAt: 6000 });
  history.add({ source: 'journal', entry: { type: 'line', line: 'kubectl delete pod web-0' }, at: 6000, endAt: 9000 });
  history.add({ source: 'journal', entry: { type: 'line', line: 'sim advance 1000ms' }, at: 9000, endAt: 10000 });

  it('advances part of a `sim wait` or `sim advance` to reach a moment inside it', () => {
    expect(history.cutAt(2500, 12000)).toEqual({ scriptLines: 1, entries: 0, extraMs: 2500, at: 2500 });
    expect(history.cutAt(9400, 12000)).toEqual({ scriptLines: 2, entries: 1, extraMs: 400, at: 9400 });
  });

  it('stops before a blocking command still running at the moment', () => {
    expect(history.cutAt(7000, 12000)).toEqual({ scriptLines: 2, entries: 0, extraMs: 0, at: 6000 });
  });

  it('adds the time played after the last step, up to the head', () => {
    expect(history.cutAt(11000, 12000)).toEqual({ scriptLines: 2, entries: 2, extraMs: 1000, at: 11000 });
    expect(history.cutAt(99000, 12000).at).toBe(12000);
  });

  it('puts a marker on each command, not on the recorded time', () => {
    expect(history.commandMarkers().map((m) => [m.at, m.label])).toEqual([
      [0, 'kubectl apply -f web.yaml'],
      [0, 'sim wait --stable'],
      [6000, 'kubectl delete pod web-0'],
    ]);
  });
});

describe('SimulationHost timeline', () => {
  /** web, scaled to 4 and settled: web-2 and web-3 appear one after the other. */
  function scaledToFour() {
    const d = driver();
    const loaded = d.send({ type: 'load', scenarioText: webScenario });
    const scaled = d.send({ type: 'command', line: 'kubectl scale sts web --replicas=4', echo: true });
    const settled = d.send({ type: 'untilStable' });
    return { ...d, loaded, scaled, settled };
  }

  it('shows a past moment exactly as a fresh run stopped at that moment', () => {
    const { send, scaled, settled } = scaledToFour();
    const moment = scaled.now + Math.floor((settled.now - scaled.now) / 2);
    const past = send({ type: 'scrub', moment });
    expect(past.viewing).toEqual({ at: moment, liveNow: settled.now });

    const fresh = driver();
    fresh.send({ type: 'load', scenarioText: webScenario });
    fresh.send({ type: 'command', line: 'kubectl scale sts web --replicas=4', echo: true });
    const reference = fresh.send({ type: 'command', line: `sim advance ${moment - scaled.now}ms`, echo: true });
    expect(cluster(past)).toEqual(cluster(reference));
    expect(pods(past).length).toBeLessThan(4);
  });

  it('keeps the live state as the head: back to live shows it unchanged', () => {
    const { send, loaded, settled } = scaledToFour();
    send({ type: 'scrub', moment: loaded.now });
    const live = send({ type: 'scrub', moment: null });
    expect(live.viewing).toBeUndefined();
    expect(cluster(live)).toEqual(cluster(settled));
  });

  it('reuses checkpoints when scrubbing back and forth over a long journal, with the same result as a fresh run', () => {
    const d = driver();
    d.send({ type: 'load', scenarioText: webScenario });
    const lines: string[] = [];
    for (let i = 0; i < 12; i++) lines.push(`kubectl scale sts web --replicas=${(i % 3) + 2}`, 'sim wait --stable', `kubectl delete pod web-${i % 2}`);
    let head: Snapshot | undefined;
    for (const line of lines) head = d.send({ type: 'command', line, echo: true });
    const end = head?.now ?? 0;
    for (const f of [0.8, 0.3, 0.9, 0.6]) d.send({ type: 'scrub', moment: Math.floor(end * f) });

    // A fresh host runs the lines before a `sim wait --stable` late in the journal, then half of it.
    const ref = driver();
    let at = ref.send({ type: 'load', scenarioText: webScenario }).now;
    const waitIndex = lines.lastIndexOf('sim wait --stable', Math.floor(lines.length * 0.7));
    for (const line of lines.slice(0, waitIndex)) at = ref.send({ type: 'command', line, echo: true }).now;
    const waitEnd = driver();
    waitEnd.send({ type: 'load', scenarioText: webScenario });
    const ended = waitEnd.send({ type: 'load', scenarioText: webScenario, replay: lines.slice(0, waitIndex + 1).map((line): JournalEntry => ({ type: 'line', line })) }).now;
    const moment = at + Math.floor((ended - at) / 2);
    expect(moment).toBeGreaterThan(at);
    const reference = ref.send({ type: 'command', line: `sim advance ${moment - at}ms`, echo: true });
    const past = d.send({ type: 'scrub', moment });
    expect(past.viewing?.at).toBe(moment);
    expect(cluster(past)).toEqual(cluster(reference));
  });

  it('branches when acting at a past moment: later steps are dropped and counted', () => {
    const { send, scaled } = scaledToFour();
    send({ type: 'command', line: 'kubectl get pods', echo: true });
    send({ type: 'scrub', moment: scaled.now + 1000 });
    const acted = send({ type: 'command', line: 'kubectl delete pod web-0 --wait=false', echo: true });
    // Dropped: `sim wait --stable` and `kubectl get pods`; kept: the scale.
    expect(acted.branch).toEqual({ at: scaled.now + 1000, dropped: 2, journalKept: 1 });
    expect(acted.viewing).toBeUndefined();
    expect(acted.journal).toEqual([
      { type: 'line', line: 'sim advance 1000ms' },
      { type: 'line', line: 'kubectl delete pod web-0 --wait=false' },
    ]);
    expect(acted.now).toBe(scaled.now + 1000);
    expect(acted.timeline?.markers.filter((m) => m.kind === 'command').map((m) => m.label)).toEqual([
      'kubectl apply -f web.yaml',
      'sim wait --stable',
      'kubectl get pods -o wide',
      'kubectl get pvc -l app=nginx',
      'kubectl scale sts web --replicas=4',
      'kubectl delete pod web-0 --wait=false',
    ]);
  });

  it('keeps the terminal’s open `-w` stream going after a branch, from the moment branched to', () => {
    const d = driver();
    d.send({ type: 'load', scenarioText: webScenario });
    d.send({ type: 'command', line: 'kubectl get pods -w', echo: true });
    const scaled = d.send({ type: 'command', line: 'kubectl scale sts web --replicas=4', echo: true });
    const settled = d.send({ type: 'untilStable' });
    expect(settled.terminal).toMatch(/^web-3 /m);
    d.send({ type: 'scrub', moment: scaled.now + 1000 });
    const acted = d.send({ type: 'command', line: 'kubectl delete pod web-0 --wait=false', echo: true });
    const lines = acted.terminal.split('\n');
    expect(lines[0]).toBe(`# timeline: continuing from ${formatClock(scaled.now + 1000)}, 1 later step(s) dropped`);
    expect(lines).toContain('$ kubectl delete pod web-0 --wait=false');
    // Rows stream from the branch on: web-0 terminating, nothing replayed from before it, no web-3 yet.
    expect(acted.terminal).toMatch(/^web-0\s+1\/1\s+Terminating/m);
    expect(acted.terminal).not.toMatch(/^web-3 /m);
    const later = d.send({ type: 'untilStable' });
    expect(later.terminal).toMatch(/^web-3 /m);
    expect(later.terminal).not.toMatch(/^NAME /m);
  });

  it('keeps the `-w` stream going also when the past moment was replayed from a checkpoint', () => {
    const d = driver();
    d.send({ type: 'load', scenarioText: webScenario });
    d.send({ type: 'command', line: 'kubectl get pods -w', echo: true });
    for (let i = 0; i < 12; i++) d.send({ type: 'command', line: 'sim advance 1s', echo: true });
    const head = d.send({ type: 'command', line: 'sim advance 1s', echo: true });
    // The first scrub replays from scratch and keeps checkpoints; the second starts from one.
    d.send({ type: 'scrub', moment: head.now - 200 });
    d.send({ type: 'scrub', moment: head.now - 1500 });
    const acted = d.send({ type: 'command', line: 'kubectl delete pod web-1 --wait=false', echo: true });
    expect(acted.terminal).toMatch(/^web-1\s+1\/1\s+Terminating/m);
  });

  it('marks notable events, grouped, and no marker for recorded time', () => {
    const { settled } = scaledToFour();
    const markers = settled.timeline?.markers ?? [];
    expect(markers.some((m) => m.kind === 'event' && m.label === 'SuccessfulCreate ×2: pvc/www-web-3, pod/web-3')).toBe(true);
    expect(markers.every((m) => !m.label.startsWith('sim advance'))).toBe(true);
    expect(markers.map((m) => m.at)).toEqual([...markers.map((m) => m.at)].sort((a, b) => a - b));
  });
});

describe('createSimulationClient after a branch', () => {
  it('keeps only the kept steps in its journal, and a restart replays to the same cluster', async () => {
    const client = createSimulationClient(createInThreadWorker);
    await client.request({ type: 'load', scenarioText: webScenario });
    const scaled = await client.request({ type: 'command', line: 'kubectl scale sts web --replicas=4', echo: true });
    await client.request({ type: 'untilStable' });
    await client.request({ type: 'command', line: 'kubectl get pods', echo: true });
    await client.request({ type: 'scrub', moment: scaled.now + 1500 });
    await client.request({ type: 'command', line: 'kubectl delete pod web-1 --wait=false', echo: true });
    const before = await client.request({ type: 'untilStable' });
    expect(client.journal().map((e) => (e.type === 'line' ? e.line : e.file))).toEqual([
      'kubectl scale sts web --replicas=4',
      'sim advance 1500ms',
      'kubectl delete pod web-1 --wait=false',
      'sim wait --stable',
    ]);
    const restarted = new Promise<ClientEvent>((resolve) => client.subscribe((e) => e.type === 'restarted' && resolve(e)));
    await expect(client.request({ type: 'crashForTest' })).rejects.toThrow();
    expect(await restarted).toEqual({ type: 'restarted', replayed: 4 });
    const after = await client.request({ type: 'inspect', ref: null });
    expect(cluster(after)).toEqual(cluster(before));
    client.dispose();
  });

  it('shortens the scenario it replays after a branch inside the scenario’s own script', async () => {
    const client = createSimulationClient(createInThreadWorker);
    await client.request({ type: 'load', scenarioText: webScenario });
    await client.request({ type: 'scrub', moment: 2000 });
    const acted = await client.request({ type: 'command', line: 'kubectl get pods', echo: true });
    expect(acted.branch).toMatchObject({ at: 2000, journalKept: 0 });
    expect(client.scenarioText()).toContain('sim advance 2000ms');
    expect(client.scenarioText()).not.toContain('kubectl get pvc');
    const before = await client.request({ type: 'untilStable' });
    const restarted = new Promise<ClientEvent>((resolve) => client.subscribe((e) => e.type === 'restarted' && resolve(e)));
    await expect(client.request({ type: 'crashForTest' })).rejects.toThrow();
    await restarted;
    const after = await client.request({ type: 'inspect', ref: null });
    expect(cluster(after)).toEqual(cluster(before));
    client.dispose();
  });
});
