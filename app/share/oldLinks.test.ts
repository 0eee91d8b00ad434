// Links from earlier versions keep opening (issue 5): each stored fragment in e2e/fixtures/links/
// is decoded and replayed to the cluster it showed when it was made.
import { describe, expect, it } from 'vitest';
import v1WebScaled from '../../e2e/fixtures/links/v1-web-scaled-4-web-1-deleted.txt?raw';
import type { Snapshot } from '../../src/protocol/messages';
import { decodeScenarioUrl, toScenarioText } from '../../src/scenarios/scenarioUrl';
import { SimulationHost } from '../simulation/simulationHost';

/** Replays a stored fragment as the page does when it opens a share link. */
function open(fragment: string): { snapshot: Snapshot; decoded: Exclude<ReturnType<typeof decodeScenarioUrl>, { error: string }> } {
  const decoded = decodeScenarioUrl(fragment.trim());
  if ('error' in decoded) throw new Error(decoded.error);
  const snapshot = new SimulationHost().handle({ type: 'load', requestId: 1, scenarioText: toScenarioText(decoded.scenario), replay: decoded.journal, origin: 'link' });
  return { snapshot, decoded };
}

const pods = (snapshot: Snapshot) => snapshot.graph.nodes.flatMap((n) => (n.type === 'pod' ? [`${n.data.name} ${n.data.ip ?? '-'} ${n.data.node ?? '-'} ${n.data.status}`] : []));
const claims = (snapshot: Snapshot) => snapshot.graph.nodes.flatMap((n) => (n.type === 'claim' ? [`${n.data.name} ${n.data.phase}`] : []));

describe('a v1 link: web scaled to 4, web-1 deleted, an edit not applied', () => {
  const { snapshot, decoded } = open(v1WebScaled);

  it('decodes to the web scenario, the recorded steps and the selected pod', () => {
    expect(decoded.scenario.name).toBe('web');
    expect(decoded.journal.map((e) => (e.type === 'line' ? e.line : `edit ${e.file}`))).toEqual([
      'edit web.yaml',
      'kubectl apply -f web.yaml',
      'sim wait --stable',
      'kubectl delete pod web-1',
      'sim wait --stable',
      'edit web.yaml',
    ]);
    expect(decoded.selected).toEqual({ kind: 'Pod', namespace: 'default', name: 'web-1' });
  });

  it('replays to the same pods, IPs and nodes: web-1 back with its name and a new IP', () => {
    expect(pods(snapshot)).toEqual(['web-0 10.244.1.2 node-1 Running', 'web-1 10.244.2.3 node-2 Running', 'web-2 10.244.3.2 node-3 Running', 'web-3 10.244.1.3 node-1 Running']);
    expect(claims(snapshot)).toEqual(['www-web-0 Bound', 'www-web-1 Bound', 'www-web-2 Bound', 'www-web-3 Bound']);
    expect(snapshot.now).toBe(12_000);
    expect(snapshot.events).toHaveLength(52);
  });

  it('keeps the edit that was not applied in the editor', () => {
    expect(snapshot.files?.['web.yaml']).toContain('image: k8s.gcr.io/nginx-slim:0.9');
    expect(snapshot.files?.['web.yaml']).toContain('replicas: 4');
  });
});
