import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

// Narration (issue 5): plain sentences for what happens, beside `kubectl get events`, in the
// reader's language, read to screen readers; large over the graph in presenter mode.
test.use({ viewport: { width: 1280, height: 720 } });

const story = (page: Page) => page.getByTestId('events.story.line');

test('the default scenario tells ordered creation in sentences beside the kubectl columns', async ({ page, graph, saveScreenshot }) => {
  await page.goto('/');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await page.getByTestId('dock.events').click();
  await expect(page.getByTestId('events.table')).toContainText('SuccessfulCreate');
  // newest first: read it bottom-up to get the order things happened in
  const lines = (await story(page).allInnerTexts()).reverse().map((l) => l.replace(/^\S+\s+/, ''));
  expect(lines.slice(0, 7)).toEqual([
    'StatefulSet web is created with 2 replicas: its pods start one at a time, in order',
    'web-0 is created first (ordinal 0)',
    'web-0 gets its own claim www-web-0',
    'web-1 waits: web-0 is not Ready yet',
    'web-0 is Running and Ready on node-1',
    'web-1 is created only after web-0 is Ready',
    'web-1 gets its own claim www-web-1',
  ]);
  await expect(page.getByTestId('narration.live')).toHaveText('web-1 is Running and Ready on node-2');
  await expect(page.getByTestId('narration.live')).toHaveAttribute('aria-live', 'polite');
  // the playground keeps its height for the editor and the graph: the Story column tells it
  await expect(page.getByTestId('narration.strip')).toHaveCount(0);
  await saveScreenshot('narration-normal');
});

test('crashing a pod adds the crash sentence, and the live region announces it', async ({ page, graph, terminal }) => {
  await page.goto('/');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await terminal.run('sim crash web-1');
  const crash = 'web-1 crashed (nginx exited with code 1); the kubelet restarts it in the same pod';
  await expect(page.getByTestId('narration.live')).toHaveText(crash);
  await page.getByTestId('dock.events').click();
  await expect(story(page).first()).toContainText(crash);
  // the restart in the same pod is the next line; the live region moves on to it alone
  await page.getByTestId('dock.terminal').click();
  await terminal.run('sim wait --stable');
  await expect(page.getByTestId('narration.live')).toHaveText('web-1 is Ready again, same name (restarts: 1)');
});

test('in Vietnamese the sentences are Vietnamese, object names untouched', async ({ page, graph }) => {
  await page.goto('/?lang=vi');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await page.getByTestId('dock.events').click();
  await expect(story(page).filter({ hasText: 'web-1 phải chờ: web-0 chưa Ready' })).toHaveCount(1);
  await expect(page.getByTestId('narration.live')).toHaveText('web-1 đang Running và Ready trên node-2');
  await expect(page.getByTestId('events.story')).not.toContainText('waits');
});

test('presenter mode puts the latest sentences over the graph in large type', async ({ page, graph, terminal, saveScreenshot }) => {
  await page.goto('/?mode=presenter');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await expect(page.getByTestId('narration.latest')).toContainText('web-1 is Running and Ready on node-2');
  await expect(page.getByTestId('narration.previous')).toContainText('web-1 gets its own claim www-web-1');
  const size = await page.getByTestId('narration.latest').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(24);
  // the strip sits above the graph, within the 1280×720 screen
  const strip = await page.getByTestId('narration.strip').boundingBox();
  const graphBox = await page.getByTestId('graph').boundingBox();
  expect(strip && graphBox && strip.y + strip.height <= graphBox.y + 1).toBe(true);
  await page.waitForTimeout(500); // the graph's fit animation, for the screenshot
  await saveScreenshot('narration-presenter');
  await page.getByTestId('dock.terminal').click();
  await terminal.run('kubectl scale sts web --replicas=4');
  await expect(page.getByTestId('narration.latest')).toContainText('web-3 waits: web-2 is not Ready yet');
  await page.getByTestId('dock.events').click();
  await page.waitForTimeout(500);
  await saveScreenshot('narration-presenter-scaled');
});

test('embed mode shows one sentence under the graph', async ({ page, saveScreenshot }) => {
  await page.goto('/?mode=embed');
  await expect(page.getByTestId('narration.latest')).toContainText('web-1 is Running and Ready on node-2', { timeout: 15000 });
  await expect(page.getByTestId('narration.previous')).toHaveCount(0);
  await expect(page.getByTestId('narration.live')).toHaveCount(1);
  await saveScreenshot('narration-embed');
});
