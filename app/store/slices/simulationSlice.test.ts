import { describe, expect, it } from 'vitest';
import webScenario from '../../../scenarios/web.yaml?raw';
import { createInThreadWorker } from '../../simulation/inThreadWorker';
import { createSimulationClient } from '../../simulation/simulationClient';
import { createAppStore } from '../appStore';

const restartedOnce = (client: ReturnType<typeof createSimulationClient>) =>
  new Promise<void>((resolve) => client.subscribe((e) => e.type === 'restarted' && resolve()));

describe('the simulation slice after a worker restart', () => {
  it('keeps the editor text that was never applied, and the new worker applies it', async () => {
    const client = createSimulationClient(createInThreadWorker);
    const store = createAppStore({ simulation: client });
    await store.getState().loadScenario(webScenario);
    const original = store.getState().files['web.yaml'] ?? '';
    expect(original).toContain('replicas: 2');
    const edited = original.replace('replicas: 2', 'replicas: 3');
    store.getState().editFile('web.yaml', edited);
    const restarted = restartedOnce(client);
    await client.request({ type: 'crashForTest' }).catch(() => undefined);
    await restarted;
    expect(store.getState().files['web.yaml']).toBe(edited);
    await store.getState().run('kubectl apply -f web.yaml');
    const output = await store.getState().run('sim wait --stable');
    expect(output?.exitCode).toBe(0);
    const pods = (store.getState().snapshot?.graph.nodes ?? []).filter((n) => n.type === 'pod').map((n) => (n.data as { name: string }).name);
    expect(pods).toEqual(['web-0', 'web-1', 'web-2']);
    client.dispose();
  });
});
