import { describe, expect, it } from 'vitest';
import { advanceBy } from '../engine/simulation';
import { Session } from '../kubectl/session';
import { parseScenario } from '../scenarios/parseScenario';
import { createScenarioState } from '../scenarios/runScenario';
import { runScenarioText } from '../testing/scenarioHarness';
import deployVsSts from '../../scenarios/gallery-deployment-vs-statefulset.yaml?raw';
import nodeFailure from '../../scenarios/gallery-node-failure.yaml?raw';
import remoteVsLocal from '../../scenarios/gallery-remote-vs-local-storage.yaml?raw';
import redis from '../../scenarios/seed-003-redis.yaml?raw';
import webDemo from '../../scenarios/seed-002-web-demo.yaml?raw';
import { narrateSince, type Narration } from './narrate';
import { createNarrationMemory, type NarrationLine } from './narrationLine';

const SCENARIOS = { deployVsSts, nodeFailure, remoteVsLocal, redis, webDemo };

/** Narrates a scenario after every command of its script, as the worker does after each request. */
function narrateCommandByCommand(text: string): NarrationLine[] {
  const { scenario } = parseScenario(text);
  if (!scenario) throw new Error('unreadable scenario');
  const state = createScenarioState(scenario);
  const session = new Session(state, { ...scenario.files });
  let narration: Narration = { lines: [], memory: createNarrationMemory() };
  const lines: NarrationLine[] = [];
  for (const command of scenario.script) {
    session.run(command);
    narration = narrateSince(state, narration.memory);
    lines.push(...narration.lines);
  }
  return lines;
}

const keysOf = (lines: NarrationLine[]) => lines.map((l) => `${l.at} ${l.key} ${Object.values(l.params).join(' ')}`);

describe('narrateSince', () => {
  for (const [name, text] of Object.entries(SCENARIOS)) {
    it(`tells ${name} the same story whether read at once or after every command`, () => {
      const atOnce = narrateSince(runScenarioText(text).state, createNarrationMemory()).lines;
      const stepwise = narrateCommandByCommand(text);
      expect(atOnce.length).toBeGreaterThan(5);
      // Lines from the change log come in log order; lines from events (which carry no position in
      // the log) come after the changes read in the same call, so only their instant is fixed.
      const fromChanges = (lines: NarrationLine[]) => lines.filter((l) => !l.id.startsWith('e'));
      const fromEvents = (lines: NarrationLine[]) => lines.filter((l) => l.id.startsWith('e')).sort((a, b) => a.id.localeCompare(b.id));
      expect(fromChanges(stepwise)).toEqual(fromChanges(atOnce));
      expect(fromEvents(stepwise)).toEqual(fromEvents(atOnce));
    });
  }

  it('tells the same story when time is played in small frames', () => {
    const { scenario } = parseScenario(nodeFailure);
    if (!scenario) throw new Error('unreadable scenario');
    const state = createScenarioState(scenario);
    const session = new Session(state, { ...scenario.files });
    session.run('kubectl apply -f web.yaml');
    session.run('kubectl apply -f web-deploy.yaml');
    session.run('sim node-down node-2');
    let memory = createNarrationMemory();
    const framed: NarrationLine[] = [];
    for (let frame = 0; frame < 400; frame++) {
      advanceBy(state, 1000);
      const next = narrateSince(state, memory);
      framed.push(...next.lines);
      memory = next.memory;
    }
    expect(keysOf(framed)).toEqual(keysOf(narrateSince(state, createNarrationMemory()).lines));
    expect(keysOf(framed)).toContain('50000 nodeStoppedAnswering node-2 5m');
  });

  it('does not change the memory it is given, and says nothing new when nothing happened', () => {
    const state = runScenarioText(webDemo).state;
    const memory = createNarrationMemory();
    const first = narrateSince(state, memory);
    expect(memory).toEqual(createNarrationMemory());
    const again = narrateSince(state, first.memory);
    expect(again.lines).toEqual([]);
    expect(again.memory).toEqual(first.memory);
  });

  it('gives every line a unique id and keeps them in time order', () => {
    const { lines } = narrateSince(runScenarioText(deployVsSts).state, createNarrationMemory());
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    expect(lines.map((l) => l.at)).toEqual([...lines.map((l) => l.at)].sort((a, b) => a - b));
  });

  it('says that a Deployment pod is replaced under a new random name and a StatefulSet pod under its own', () => {
    const keys = keysOf(narrateSince(runScenarioText(deployVsSts).state, createNarrationMemory()).lines);
    expect(keys.filter((k) => k.includes('replicaSetReplaced'))).toHaveLength(3);
    expect(keys).toContain('10000 podRecreated web-0');
    expect(keys).toContain('10000 claimKept web-0 www-web-0');
    expect(keys.filter((k) => k.includes('multiAttach'))).toHaveLength(4);
  });

  it('says that the claims stay when the StatefulSet is deleted, and come back on re-apply', () => {
    const keys = keysOf(narrateSince(runScenarioText(redis).state, createNarrationMemory()).lines);
    const deleted = keys.findIndex((k) => k.includes('setDeletedClaimsStay redis-stset redis-data-storage-redis-stset-0, redis-data-storage-redis-stset-1'));
    expect(deleted).toBeGreaterThan(0);
    expect(keys.slice(deleted)).toContain('20000 claimKept redis-stset-0 redis-data-storage-redis-stset-0');
  });
});
