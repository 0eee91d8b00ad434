import { expect, test } from './fixtures/test';

// Issue #4 in the graph: an unreachable node, a partitioned rollout, a replicated database.
test.use({ viewport: { width: 1280, height: 720 } });

test('an unreachable node: lane NotReady with its taints, the pod on it stuck Terminating', async ({ page, graph, terminal, saveScreenshot }) => {
  await page.goto('/?scenario=web');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  const node = await graph.nodeOf('web-1');
  await terminal.run(`sim node-down ${node}`);
  await terminal.run('sim advance 360s');
  await expect(page.getByTestId(`graph.node.${node}.ready`)).toHaveText('NotReady');
  await expect(page.getByTestId(`graph.node.${node}.taints`)).toHaveText('unreachable:NoSchedule unreachable:NoExecute');
  await expect(graph.podStatus('web-1')).toHaveText('Terminating');
  await expect(page.getByTestId('graph.pod.web-1.stuck')).toHaveText('stuck: node unreachable');
  await expect(graph.pod('web-1')).toHaveClass(/on-not-ready/);
  await expect(page.getByTestId('graph.pod.web-0.stuck')).toHaveCount(0);
  await saveScreenshot('issue4-node-unreachable');
});

test('a partitioned rollout: pods on the old revision are highlighted', async ({ page, graph, terminal, saveScreenshot }) => {
  await page.goto('/?scenario=web');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await terminal.run(`kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":1}}}}'`);
  await terminal.run('kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.21');
  await page.getByTestId('playback.stable').click();
  await expect(page.getByTestId('graph.pod.web-1.revision')).toHaveAttribute('data-current', 'true');
  await expect(page.getByTestId('graph.pod.web-0.revision')).toHaveAttribute('data-current', 'false');
  const old = await page.getByTestId('graph.pod.web-0.revision').innerText();
  const updated = await page.getByTestId('graph.pod.web-1.revision').innerText();
  expect(old).toMatch(/^[0-9a-z]{6,}$/);
  expect(updated).not.toBe(old);
  await saveScreenshot('issue4-rollout-partition');
});

test('the mysql scenario: each pod shows its role and the rows on its volume', async ({ page, saveScreenshot }) => {
  await page.goto('/?scenario=mysql-replicas');
  await expect(page.getByTestId('graph.pod.mysql-3.status')).toHaveText('Running');
  await expect(page.getByTestId('graph.pod.mysql-0.role')).toHaveText('primary');
  for (const replica of ['mysql-1', 'mysql-2', 'mysql-3']) await expect(page.getByTestId(`graph.pod.${replica}.role`)).toHaveText('replica');
  // A, B, C, then D written to the recreated primary; the script's last step waited for mysql-3 to have it.
  await expect(page.getByTestId('graph.pod.mysql-0.rows')).toHaveText('4 rows');
  await expect(page.getByTestId('graph.pod.mysql-3.rows')).toHaveText('4 rows');
  await saveScreenshot('issue4-mysql-replicas');
});
