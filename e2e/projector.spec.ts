import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

// A classroom projector: 1280×720. The graph must stay readable (zoom ≥ 0.75) and scroll instead.
test.use({ viewport: { width: 1280, height: 720 } });

const zoomOf = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
});

test('at 1280×720 the default scenario is drawn at a readable zoom with compact two-line pod cards', async ({ page, graph, saveScreenshot }) => {
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await expect.poll(() => zoomOf(page)).toBeGreaterThanOrEqual(0.75);
  for (const name of ['web-0', 'web-1']) {
    await expect(graph.podDns(name)).toBeVisible();
    const size = await graph.podDns(name).evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(12);
    // the whole DNS name fits on its line
    expect(await graph.podDns(name).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // name, status, ready and restarts share the first line
    const title = await page.getByTestId(`graph.pod.${name}.name`).boundingBox();
    const restarts = await page.getByTestId(`graph.pod.${name}.restarts`).boundingBox();
    expect(title && restarts && Math.abs(title.y + title.height / 2 - (restarts.y + restarts.height / 2))).toBeLessThan(4);
  }
  await page.waitForTimeout(400); // the fit animation
  await saveScreenshot('projector-default');
});

test('at 1280×720 a drain with four pods keeps the readable zoom and scrolls the graph instead', async ({ page, graph, saveScreenshot }) => {
  await page.getByTestId('graph.statefulset.web').click({ button: 'right' });
  await page.getByTestId('menu.scale-to').click();
  await page.getByTestId('menu.scale-to.input').fill('4');
  await page.getByTestId('menu.scale-to.input').press('Enter');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-3')).toHaveText('Running');
  const from = await graph.nodeOf('web-0');
  await graph.lane(from).click({ button: 'right', position: { x: 30, y: 12 } });
  await page.getByTestId('menu.drain').click();
  await expect(page.getByTestId('terminal')).toContainText(`node/${from} drained`);
  await page.getByTestId('playback.step').click();
  await expect.poll(() => zoomOf(page)).toBeGreaterThanOrEqual(0.75);
  await page.waitForTimeout(400);
  await saveScreenshot('projector-drain-in-progress');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-0')).toHaveText('Running');
  // the wheel scrolls the graph down to the storage lane
  const storage = page.getByTestId('graph.area.storage');
  const before = await storage.boundingBox();
  await page.getByTestId('graph').hover();
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await storage.boundingBox())?.y ?? 0).toBeLessThan((before?.y ?? 0) - 100);
  expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.75);
  await saveScreenshot('projector-drain-scrolled');
});

test('at 1280×720 a crash loop shows the status and the restart count in large type', async ({ page, graph, saveScreenshot }) => {
  await graph.podAction('web-0', 'crash-loop');
  await page.getByTestId('playback.speed').selectOption('20');
  await page.getByTestId('playback.play').click();
  await expect(graph.podStatus('web-0')).toHaveText('CrashLoopBackOff', { timeout: 30_000 });
  await page.getByTestId('playback.pause').click();
  await expect(page.getByTestId('graph.pod.web-0.restarts')).not.toHaveText('↻ 0');
  await page.waitForTimeout(400);
  await saveScreenshot('projector-crash-loop');
});
