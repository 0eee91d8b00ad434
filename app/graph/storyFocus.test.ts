import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../../src/graph/layout';
import { toGraphModel } from '../../src/graph/toGraphModel';
import { narrateSince } from '../../src/narration/narrate';
import { createNarrationMemory } from '../../src/narration/narrationLine';
import { Session } from '../../src/kubectl/session';
import { createScenarioState } from '../../src/scenarios/runScenario';
import { parseScenario } from '../../src/scenarios/parseScenario';
import nodeFailure from '../../scenarios/gallery-node-failure.yaml?raw';
import { cardIdOf, focusRect, FOCUS_HEAD } from './storyFocus';

describe('cardIdOf', () => {
  it('names the card that draws each kind of object the story speaks of', () => {
    expect(cardIdOf({ kind: 'Pod', namespace: 'default', name: 'web-1' })).toBe('pod.web-1');
    expect(cardIdOf({ kind: 'PersistentVolumeClaim', namespace: 'shop', name: 'www-web-1' })).toBe('claim.shop/www-web-1');
    expect(cardIdOf({ kind: 'Node', name: 'node-2' })).toBe('node.node-2');
    expect(cardIdOf({ kind: 'StatefulSet', namespace: 'default', name: 'web' })).toBe('statefulset.web');
  });

  it('finds a card in the laid-out graph for every line of a whole gallery scenario’s story', () => {
    const { scenario } = parseScenario(nodeFailure);
    if (!scenario) throw new Error('gallery-node-failure.yaml does not parse');
    const state = createScenarioState(scenario);
    const session = new Session(state, { ...scenario.files });
    let memory = createNarrationMemory();
    const missing: string[] = [];
    for (const line of scenario.script) {
      session.run(line);
      const told = narrateSince(state, memory);
      memory = told.memory;
      const ids = new Set(layoutGraph(toGraphModel(state)).nodes.map((n) => n.id));
      for (const l of told.lines) {
        // A pod deleted in the same step has no card left to show.
        if (l.object.kind === 'Pod' && !ids.has(cardIdOf(l.object))) continue;
        if (!ids.has(cardIdOf(l.object))) missing.push(`${l.key} ${cardIdOf(l.object)}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('focusRect', () => {
  it('keeps a pod card whole and only the head of a lane', () => {
    expect(focusRect({ x: 10, y: 20, width: 356, height: 62 })).toEqual({ x: 10, y: 20, width: 356, height: 62 });
    expect(focusRect({ x: 0, y: 300, width: 2200, height: 400 })).toEqual({ x: 0, y: 300, ...FOCUS_HEAD });
  });
});
