import type { PlaygroundTestApi } from '../app/testApi';
import { expect, test } from './fixtures/test';

test.beforeEach(async ({ page, editor }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await editor.ready();
});

test('the default scenario shows web-0 and web-1 Running inside node lanes with their DNS names', async ({ graph, saveScreenshot }) => {
  for (const name of ['web-0', 'web-1']) {
    await expect(graph.podStatus(name)).toHaveText('Running');
    await expect(graph.podDns(name)).toHaveText(`${name}.nginx.default.svc.cluster.local`);
    const node = await graph.nodeOf(name);
    expect(node).toMatch(/^node-\d$/);
    const lane = await graph.lane(node).boundingBox();
    const card = await graph.pod(name).boundingBox();
    expect(lane && card).toBeTruthy();
    if (!lane || !card) return;
    expect(card.y).toBeGreaterThan(lane.y);
    expect(card.y + card.height).toBeLessThan(lane.y + lane.height);
  }
  await expect(graph.claim('www-web-0')).toContainText('Bound');
  await saveScreenshot('default-scenario');
});

test('replicas: 4 applied from Monaco creates web-2 only after web-1 is Ready, then web-3', async ({ page, editor, graph, saveScreenshot }) => {
  await editor.replaceLine('replicas: 2', 'replicas: 4');
  await expect(editor.lines).toContainText('replicas: 4');
  await editor.apply();
  await expect(graph.pod('web-2')).toBeVisible();
  await expect(graph.pod('web-3')).toHaveCount(0);
  await saveScreenshot('scale-up-web-2-starting');
  await page.getByTestId('playback.speed').selectOption('5');
  await page.getByTestId('playback.play').click();
  await expect(graph.podStatus('web-3')).toHaveText('Running', { timeout: 30_000 });
  await page.getByTestId('playback.pause').click();
  const timeline = await page.evaluate(() => (window as { __playground?: PlaygroundTestApi }).__playground?.podTimeline() ?? []);
  const firstWith = (name: string) => timeline.find((pods) => pods.some((p) => p.startsWith(`${name} `))) ?? [];
  expect(firstWith('web-2')).toContain('web-1 Running 1/1');
  expect(firstWith('web-3')).toContain('web-2 Running 1/1');
  await expect(page.getByTestId('terminal')).toContainText('statefulset.apps/web configured');
  await saveScreenshot('scale-up-4-running');
});

test('deleting web-1 from its context menu brings back web-1 with the same claim and a new IP', async ({ page, graph, saveScreenshot }) => {
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  const ipBefore = await graph.podIp('web-1').innerText();
  const volumeBefore = await graph.claim('www-web-1').getAttribute('data-volume');
  expect(volumeBefore).toMatch(/^pvc-/);
  await graph.podAction('web-1', 'delete');
  await expect(page.getByTestId('terminal')).toContainText('pod "web-1" deleted');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await expect(graph.podIp('web-1')).not.toHaveText(ipBefore);
  await expect(graph.podIp('web-1')).toHaveText(/^10\.244\.\d+\.\d+$/);
  expect(await graph.claim('www-web-1').getAttribute('data-volume')).toBe(volumeBefore);
  await saveScreenshot('delete-web-1-recreated');
});

test('kubectl get pvc typed in the terminal prints the claims table', async ({ terminal, saveScreenshot }) => {
  await terminal.run('kubectl get pvc');
  await expect.poll(() => terminal.text()).toMatch(/\$ kubectl get pvc\nNAME\s+STATUS\s+VOLUME/);
  const text = await terminal.text();
  expect(text).toMatch(/www-web-0\s+Bound\s+pvc-/);
  expect(text).toMatch(/www-web-1\s+Bound\s+pvc-/);
  await saveScreenshot('terminal-get-pvc');
});

test('an unknown field gets a marker at its line and Apply leaves the cluster unchanged', async ({ page, editor, graph, saveScreenshot }) => {
  await editor.replaceLine('replicas: 2', 'replicaz: 4');
  await expect(editor.diagnostics).toContainText('line 21');
  await expect(editor.diagnostics).toContainText('replicaz');
  await expect.poll(() => editor.markerLines()).toContain(21);
  await editor.apply();
  await expect(page.getByTestId('terminal')).toContainText('replicaz');
  await page.getByTestId('playback.stable').click();
  await expect(graph.pod('web-2')).toHaveCount(0);
  await expect(page.getByTestId('graph.statefulset.web')).toContainText('ready 2/2');
  await saveScreenshot('invalid-field-marker');
});

test('a pod set to crash on every start from its context menu shows CrashLoopBackOff and its restarts', async ({ page, graph, saveScreenshot }) => {
  await graph.podAction('web-0', 'crash-loop');
  await expect(page.getByTestId('terminal')).toContainText('sim crash web-0 --loop');
  await page.getByTestId('playback.speed').selectOption('20');
  await page.getByTestId('playback.play').click();
  await expect(graph.podStatus('web-0')).toHaveText('CrashLoopBackOff', { timeout: 30_000 });
  await page.getByTestId('playback.pause').click();
  await expect(page.getByTestId('graph.pod.web-0.restarts')).not.toHaveText('↻ 0');
  await saveScreenshot('crash-loop');
});

test('draining the node of web-0 from its lane menu moves web-0 to another lane', async ({ page, graph, saveScreenshot }) => {
  const from = await graph.nodeOf('web-0');
  await graph.openMenu(graph.lane(from), true);
  await page.getByTestId('menu.drain').click();
  await expect(page.getByTestId('terminal')).toContainText(`kubectl drain ${from} --ignore-daemonsets`);
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-0')).toHaveText('Running');
  await expect.poll(() => graph.nodeOf('web-0')).not.toBe(from);
  const to = await graph.nodeOf('web-0');
  // the card travels to its new lane and ends up drawn inside it
  await expect.poll(() => graph.cardInsideLane('web-0', to)).toBe(true);
  await expect(graph.lane(from)).toContainText('SchedulingDisabled');
  await saveScreenshot('drain-moved-web-0');
});
