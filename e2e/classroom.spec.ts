import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { GraphPane } from './fixtures/pages/GraphPane';

// Classroom modes (issue #5) on a projector: 1280×720. Presenter: large type, graph and events in
// front; embed: compact and read-only, with an "Open in Ordinal" link.
test.use({ viewport: { width: 1280, height: 720 } });

const fontPx = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
/** Font size as seen on the screen: the computed size times the graph's zoom. */
const screenPx = async (page: Page, testId: string) => {
  const zoom = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
  return (await fontPx(page, testId)) * zoom;
};
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function drainNodeOfWeb0(page: Page, node: string) {
  await new GraphPane(page).openMenu(page.getByTestId(`graph.node.${node}`), true);
  await page.getByTestId('menu.drain').click();
  await expect(page.getByTestId('terminal')).toContainText(`node/${node} drained`);
}

test('the normal playground is no wider than a 1280 px projector', async ({ page, graph }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
  await page.goto('/?scenario=web-local-path');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
});

test('presenter mode: editor collapsed, events in front, pod names and DNS names in large type', async ({ page, graph, saveScreenshot }) => {
  await page.goto('/?mode=presenter');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await expect(page.locator('.monaco-host, .editor-pane')).toHaveCount(0);
  await expect(page.getByTestId('dock.panel.events')).toBeVisible();
  await expect(page.getByTestId('events.table')).toContainText('SuccessfulCreate');
  await page.waitForTimeout(500); // the fit animation
  expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
  for (const name of ['web-0', 'web-1']) {
    expect(await screenPx(page, `graph.pod.${name}.name`)).toBeGreaterThanOrEqual(18);
    expect(await screenPx(page, `graph.pod.${name}.dns`)).toBeGreaterThanOrEqual(14);
    expect(await screenPx(page, `graph.pod.${name}.ip`)).toBeGreaterThanOrEqual(14);
    // the whole DNS name is shown, and nothing of the card is cut off
    expect(await graph.podDns(name).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await graph.pod(name).evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  }
  expect(await page.locator('.event-log td').first().evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18);
  await saveScreenshot('presenter-default');

  // the editor comes back with a button, and leaves again
  await page.getByTestId('toolbar.editor').click();
  await expect(page.locator('.editor-pane')).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
  await page.getByTestId('toolbar.editor').click();
  await expect(page.locator('.editor-pane')).toHaveCount(0);
  // the top-bar button leaves presenter mode and says so in the address bar
  await page.getByTestId('toolbar.presenter').click();
  await expect(page.locator('.editor-pane')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('mode')).toBeNull();
  await page.getByTestId('toolbar.presenter').click();
  expect(new URL(page.url()).searchParams.get('mode')).toBe('presenter');
});

test('presenter mode: a drain in progress stays readable at 1280×720', async ({ page, graph, saveScreenshot }) => {
  await page.goto('/?mode=presenter');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  const from = await graph.nodeOf('web-0');
  await drainNodeOfWeb0(page, from);
  await page.getByTestId('playback.step').click();
  await page.waitForTimeout(500);
  expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
  expect(await screenPx(page, 'graph.pod.web-1.dns')).toBeGreaterThanOrEqual(14);
  await saveScreenshot('presenter-drain-in-progress');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-0')).toHaveText('Running');
  expect(await graph.nodeOf('web-0')).not.toBe(from);
});

test('presenter mode with local-path storage: the Pending pod and its scheduler message are on screen', async ({ page, graph, saveScreenshot }) => {
  await page.goto('/?scenario=web-local-path&mode=presenter');
  await expect(graph.podStatus('web-0')).toHaveText('Running');
  await drainNodeOfWeb0(page, await graph.nodeOf('web-0'));
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-0')).toHaveText('Pending');
  const message = page.getByTestId('graph.pod.web-0.message');
  await expect(message).toContainText('0/3 nodes are available');
  // scrolled into the graph's visible area (the graph clips what is outside it)
  const inGraph = async () => {
    const box = await message.boundingBox();
    const view = await page.getByTestId('graph').boundingBox();
    return Boolean(box && view && box.y >= view.y && box.y + box.height <= view.y + view.height);
  };
  await expect.poll(inGraph).toBe(true);
  expect(await screenPx(page, 'graph.pod.web-0.message')).toBeGreaterThanOrEqual(14);
  await saveScreenshot('presenter-local-path-pending');
});

test('embed mode: compact, read-only, playing by itself, with an Open in Ordinal link', async ({ page, graph, saveScreenshot }) => {
  await page.goto('/?scenario=web&mode=embed');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  // read-only: no editor, no terminal (so no terminal input), no Apply, no speed or add-node controls
  await expect(page.locator('.editor-pane')).toHaveCount(0);
  await expect(page.getByTestId('terminal')).toHaveCount(0);
  await expect(page.locator('.xterm-helper-textarea')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0);
  await expect(page.getByTestId('toolbar.add-node')).toHaveCount(0);
  await expect(page.getByTestId('playback.stable')).toHaveCount(0);
  // autoplay: the clock runs without a click
  await expect(page.getByTestId('playback.pause')).toBeVisible();
  const clock = await page.getByTestId('playback.clock').textContent();
  await expect(page.getByTestId('playback.clock')).not.toHaveText(clock ?? '');
  // no context menu on a right click
  await graph.openMenu(graph.pod('web-0'));
  await expect(page.locator('.context-menu')).toHaveCount(0);
  // the link opens the same scenario as the full playground, in a new tab, on this origin
  const link = page.getByTestId('embed.open');
  await expect(link).toHaveText(/Open in Ordinal/);
  await expect(link).toHaveAttribute('href', new URL('/?scenario=web', page.url()).href);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener');
  expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
  expect(await screenPx(page, 'graph.pod.web-0.name')).toBeGreaterThanOrEqual(14);
  await page.getByTestId('playback.pause').click();
  await expect(page.getByTestId('playback.play')).toBeVisible();
  await page.getByTestId('playback.step').click();
  await page.waitForTimeout(500);
  await saveScreenshot('embed-default');
});

test('embed mode: a drain in progress, started from the same link', async ({ page, graph, saveScreenshot }) => {
  await page.goto('/?mode=embed');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await page.getByTestId('playback.pause').click();
  // an embed is read-only: the drain is run through the test hook, as a shared script would
  const from = await graph.nodeOf('web-0');
  await page.evaluate((node) => window.__playground?.request({ type: 'command', line: `kubectl drain ${node} --ignore-daemonsets`, echo: true }), from);
  await page.getByTestId('playback.step').click();
  await page.waitForTimeout(500);
  expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
  await saveScreenshot('embed-drain-in-progress');
});

test('embed mode with edit=1: the author opts in to the editor and the terminal', async ({ page, graph, terminal, saveScreenshot }) => {
  await page.goto('/?scenario=web&mode=embed&edit=1');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await expect(page.locator('[data-mode="embed"]')).toHaveAttribute('data-editing', 'true');
  // the editor with Apply, and the terminal's input
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kind: Service');
  await expect(page.getByTestId('editor.apply')).toBeVisible();
  await expect(page.locator('.xterm-helper-textarea')).toHaveCount(1);
  await page.getByTestId('dock.terminal').click();
  await terminal.run('kubectl get pods');
  await expect.poll(() => terminal.text()).toMatch(/web-0\s+1\/1\s+Running/);
  // still an embed: compact top bar, autoplay, and the way out drops edit=
  await expect(page.getByTestId('toolbar.add-node')).toHaveCount(0);
  await expect(page.getByTestId('embed.open')).toHaveAttribute('href', new URL('/?scenario=web', page.url()).href);
  expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
  await saveScreenshot('embed-edit');
});
