import { expect, test } from './fixtures/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
});

test('the terminal spans the dock and prints kubectl get pods -o wide without wrapping rows', async ({ page, terminal, saveScreenshot }) => {
  const dock = await page.getByTestId('dock.panel.terminal').boundingBox();
  const viewport = page.viewportSize();
  expect(dock && viewport).toBeTruthy();
  if (!dock || !viewport) return;
  expect(dock.width).toBeGreaterThan(viewport.width * 0.95);
  await terminal.run('kubectl get pods -o wide');
  await expect.poll(() => terminal.text()).toMatch(/\$ kubectl get pods -o wide\nNAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/);
  const text = await terminal.text();
  expect(text).toMatch(/\nweb-0\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node-\d\s+<none>\s+<none>\n/);
  await saveScreenshot('terminal-wide');
});

test('the event log shows whole messages, wrapped inside the dock', async ({ page, saveScreenshot }) => {
  await page.getByTestId('dock.events').click();
  const table = page.getByTestId('events.table');
  await expect(table).toContainText('Successfully assigned default/web-0 to node-');
  const panel = page.getByTestId('dock.panel.events');
  expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await saveScreenshot('event-log');
});

test('Tab completes kubectl verbs that exist now, such as rollout', async ({ page, terminal }) => {
  await page.locator('[data-testid="terminal"] .xterm').click();
  await page.keyboard.type('kubectl rol');
  await page.keyboard.press('Tab');
  await page.keyboard.type('status sts/web');
  await page.keyboard.press('Enter');
  await expect.poll(() => terminal.text()).toContain('$ kubectl rollout status sts/web');
  expect(await terminal.text()).not.toContain('unknown command');
});

test('Scale to N… on the StatefulSet menu takes a number inline and runs kubectl scale sts', async ({ page, graph, saveScreenshot }) => {
  await graph.openMenu(page.getByTestId('graph.statefulset.web'), true);
  await page.getByTestId('menu.scale-to').click();
  const input = page.getByTestId('menu.scale-to.input');
  await expect(input).toHaveValue('2');
  await input.fill('100');
  await expect(page.getByTestId('menu.scale-to.submit')).toBeDisabled();
  await input.fill('4');
  await saveScreenshot('scale-to-n');
  await input.press('Enter');
  await expect(page.getByTestId('menu')).toHaveCount(0);
  await expect(page.getByTestId('terminal')).toContainText('$ kubectl scale sts web --replicas=4');
  await expect(page.getByTestId('terminal')).toContainText('statefulset.apps/web scaled');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-3')).toHaveText('Running');
  await expect(page.getByTestId('graph.statefulset.web')).toContainText('ready 4/4');
});
