// The timeline (issue 5): scrub back to a past moment and see the cluster as it was, step by
// event, go back to live, and branch by acting in the past (the later steps are dropped).
import type { Page } from '@playwright/test';
import type { PlaygroundTestApi } from '../app/testApi';
import { expect, test } from './fixtures/test';

const journalLines = (page: Page) =>
  page.evaluate(() =>
    ((window as { __playground?: PlaygroundTestApi }).__playground?.journal() ?? []).flatMap((e) => {
      const entry = e as { type: string; line?: string };
      return entry.type === 'line' && entry.line ? [entry.line] : [];
    }),
  );

test.beforeEach(async ({ page, graph }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
});

test('scrubbing back shows the cluster before web-3 existed; forward again; acting there branches and says what was dropped', async ({
  page,
  graph,
  terminal,
  saveScreenshot,
}) => {
  const timeline = page.getByTestId('timeline');
  const marker = (text: string) => timeline.locator(`[data-testid="timeline.marker"][title*="${text}"]`);
  await terminal.run('kubectl scale sts web --replicas=4');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-3')).toHaveText('Running');
  await expect(timeline.getByTestId('timeline.live-badge')).toBeVisible();

  // The marker of web-3's creation: clicking it shows that moment, web-3 just created.
  const web3Marker = marker('pod/web-3');
  await expect(web3Marker).toHaveCount(1);
  await web3Marker.click();
  await expect(timeline.getByTestId('timeline.viewing')).toBeVisible();
  await expect(graph.pod('web-3')).toBeVisible();
  await expect(graph.podStatus('web-3')).not.toHaveText('Running');

  // One event back: web-3 does not exist yet, three pods do.
  await timeline.getByTestId('timeline.previous').click();
  await expect(graph.pod('web-3')).toHaveCount(0);
  for (const name of ['web-0', 'web-1', 'web-2']) await expect(graph.pod(name)).toBeVisible();
  await expect(timeline.getByTestId('timeline.viewing')).toContainText('Viewing');
  await expect(page.getByTestId('playback.play')).toBeVisible();
  await saveScreenshot('timeline-viewing-before-web-3');

  // Forward again by event, then all the way back to live.
  await timeline.getByTestId('timeline.next').click();
  await expect(graph.pod('web-3')).toBeVisible();
  await timeline.getByTestId('timeline.live').click();
  await expect(timeline.getByTestId('timeline.live-badge')).toBeVisible();
  await expect(graph.podStatus('web-3')).toHaveText('Running');

  // Dragging the thumb to the start of the track shows an early moment: fewer pods than four.
  const slider = timeline.getByTestId('timeline.slider');
  const box = await slider.boundingBox();
  expect(box).toBeTruthy();
  if (!box) return;
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 8 });
  await page.mouse.move(box.x + 2, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(timeline.getByTestId('timeline.viewing')).toContainText('00:00');
  await expect(graph.pod('web-2')).toHaveCount(0);

  // Keyboard: End is live again; then back to the moment before web-3 by its marker and one step.
  await slider.focus();
  await page.keyboard.press('End');
  await expect(timeline.getByTestId('timeline.live-badge')).toBeVisible();
  await web3Marker.click();
  await expect(graph.pod('web-3')).toBeVisible();
  await timeline.getByTestId('timeline.previous').click();
  await expect(graph.pod('web-3')).toHaveCount(0);

  // Branch: delete web-0 at that moment. `sim wait --stable` after it is dropped, and said so.
  expect(await journalLines(page)).toEqual(['kubectl scale sts web --replicas=4', 'sim wait --stable']);
  await graph.podAction('web-0', 'delete');
  const notice = timeline.getByTestId('timeline.branch-notice');
  await expect(notice).toContainText('1 later step was dropped');
  await expect(timeline.getByTestId('timeline.live-badge')).toBeVisible();
  await expect.poll(() => journalLines(page)).toEqual(['kubectl scale sts web --replicas=4', 'kubectl delete pod web-0']);
  await expect(marker('kubectl delete pod web-0')).toHaveCount(1);
  await expect(marker('sim wait --stable')).toHaveCount(1);
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-3')).toHaveText('Running');
  await expect(graph.podStatus('web-0')).toHaveText('Running');
  await saveScreenshot('timeline-after-branch');
});

test('the timeline fits and stays readable in presenter mode at 1280×720', async ({ page, graph, saveScreenshot }) => {
  await page.goto('/?mode=presenter');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  const timeline = page.getByTestId('timeline');
  await timeline.getByTestId('timeline.previous').click();
  await expect(timeline.getByTestId('timeline.viewing')).toBeVisible();
  const box = await timeline.boundingBox();
  expect(box?.width).toBeLessThanOrEqual(1280);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await saveScreenshot('timeline-presenter-viewing');
});

test('a share link made while viewing a past moment opens at that moment, with the whole history after it', async ({ page, graph, terminal, browser, baseURL }) => {
  const timeline = page.getByTestId('timeline');
  await terminal.run('kubectl scale sts web --replicas=4');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-3')).toHaveText('Running');
  await timeline.locator('[data-testid="timeline.marker"][title*="pod/web-3"]').click();
  await timeline.getByTestId('timeline.previous').click();
  await expect(graph.pod('web-3')).toHaveCount(0);
  const moment = await timeline.getByTestId('timeline.viewing').locator('strong').innerText();
  await page.getByTestId('toolbar.share').click();
  const link = await page.getByTestId('share.link').inputValue();

  const fresh = await browser.newContext({ baseURL: baseURL ?? 'http://127.0.0.1:4173', viewport: { width: 1280, height: 720 } });
  try {
    const opened = await fresh.newPage();
    await opened.goto(link);
    const openedTimeline = opened.getByTestId('timeline');
    await expect(openedTimeline.getByTestId('timeline.viewing').locator('strong')).toHaveText(moment);
    await expect(opened.getByTestId('graph.pod.web-2')).toBeVisible();
    await expect(opened.getByTestId('graph.pod.web-3')).toHaveCount(0);
    // Live is the end of the shared history: web-3 Running.
    await openedTimeline.getByTestId('timeline.live').click();
    await expect(opened.getByTestId('graph.pod.web-3.status')).toHaveText('Running');
  } finally {
    await fresh.close();
  }
});
