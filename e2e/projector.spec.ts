import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import type { TerminalPane } from './fixtures/pages/TerminalPane';

// A classroom projector: 1280×720, read from the back of a room (issue 3). Every text of a pod card
// is at least 12 px ON THE SCREEN at the graph's fit zoom; the graph scrolls instead of shrinking;
// the terminal's widest tables do not wrap.
test.use({ viewport: { width: 1280, height: 720 } });

const zoomOf = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

/**
 * The smallest text of a card as drawn on the screen: for every element holding visible text, its
 * computed font size times the graph's zoom, and the height of its glyph box (a Range around the
 * text, which the zoom already scales) — whichever is smaller, with the text that has it.
 */
async function smallestTextOnScreen(page: Page, testId: string): Promise<{ px: number; text: string }> {
  return page.getByTestId(testId).evaluate((card) => {
    const viewport = card.closest('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
    let smallest = { px: Number.POSITIVE_INFINITY, text: '' };
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || !parent.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const glyphBox = range.getBoundingClientRect().height;
      if (glyphBox === 0) continue; // clipped away entirely
      const fontPx = Number.parseFloat(getComputedStyle(parent).fontSize) * zoom;
      const px = Math.min(fontPx, glyphBox);
      if (px < smallest.px) smallest = { px, text };
    }
    return smallest;
  });
}

/** The rows the terminal shows from the last `$ <command>` prompt to the next prompt. */
async function outputOf(terminal: TerminalPane, command: string): Promise<string[]> {
  const rows = (await terminal.text()).split('\n').map((r) => r.trimEnd());
  const start = rows.lastIndexOf(`$ ${command}`);
  const end = rows.findIndex((r, i) => i > start && r.startsWith('$'));
  return rows.slice(start + 1, end < 0 ? undefined : end).filter((r) => r !== '');
}

/** Runs the two widest tables of the course and checks that none of their rows wrapped. */
async function expectWideTablesUnwrapped(terminal: TerminalPane, pods: string[]): Promise<void> {
  await terminal.run('kubectl get pvc -o wide');
  await expect.poll(async () => (await outputOf(terminal, 'kubectl get pvc -o wide')).length).toBeGreaterThan(pods.length);
  const claims = await outputOf(terminal, 'kubectl get pvc -o wide');
  // one row per claim, each whole: a wrapped row would split off its last columns onto a row of its own
  expect(claims).toHaveLength(pods.length + 1);
  expect(claims[0]).toMatch(/^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE\s+VOLUMEMODE$/);
  for (const row of claims.slice(1)) expect(row).toMatch(/^www-web-\d+\s+Bound\s+pvc-[0-9a-f-]{36}\s+1Gi\s+RWO\s+\S+\s+<unset>\s+\S+\s+Filesystem$/);

  await terminal.run('kubectl get pods -o wide');
  await expect.poll(async () => (await outputOf(terminal, 'kubectl get pods -o wide')).length).toBeGreaterThan(pods.length);
  const rows = await outputOf(terminal, 'kubectl get pods -o wide');
  expect(rows).toHaveLength(pods.length + 1);
  expect(rows[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
  for (const [i, row] of rows.slice(1).entries()) expect(row).toMatch(new RegExp(`^${pods[i]}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.244\\.\\d+\\.\\d+\\s+node-\\d+\\s+<none>\\s+<none>$`));
}

async function open(page: Page, query: string) {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
}

test('at 1280×720 every text of a pod card, IP and DNS name included, is at least 12 px on the screen', async ({ page, graph, saveScreenshot }) => {
  await open(page, '');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await page.waitForTimeout(400); // the fit animation
  const zoom = await zoomOf(page);
  expect(zoom).toBeGreaterThanOrEqual(0.8);
  // the fit shows the whole width: nothing to scroll sideways
  const box = await page.getByTestId('graph').boundingBox();
  const service = await page.getByTestId('graph.service.nginx').boundingBox();
  expect(box && service && service.x + service.width).toBeLessThanOrEqual((box?.x ?? 0) + (box?.width ?? 0));
  for (const name of ['web-0', 'web-1']) {
    const smallest = await smallestTextOnScreen(page, `graph.pod.${name}`);
    expect(smallest.px, `"${smallest.text}" on ${name}'s card`).toBeGreaterThanOrEqual(12);
    await expect(graph.podDns(name)).toBeVisible();
    // the whole DNS name and the whole IP fit on their lines
    expect(await graph.podDns(name).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await graph.podIp(name).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // name, status, ready, restarts and IP share the first line; the DNS name is below
    const title = await page.getByTestId(`graph.pod.${name}.name`).boundingBox();
    const ip = await graph.podIp(name).boundingBox();
    const dns = await graph.podDns(name).boundingBox();
    expect(title && ip && Math.abs(title.y + title.height / 2 - (ip.y + ip.height / 2))).toBeLessThan(4);
    expect(dns && title && dns.y).toBeGreaterThan((title?.y ?? 0) + (title?.height ?? 0) - 2);
  }
  await saveScreenshot('projector-default');
});

test('at 1280×720 kubectl get pvc -o wide and get pods -o wide do not wrap in the terminal', async ({ page, terminal, graph, saveScreenshot }) => {
  await open(page, '');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await expectWideTablesUnwrapped(terminal, ['web-0', 'web-1']);
  await saveScreenshot('projector-terminal-wide');
});

test('at 1280×720 a drain with four pods keeps the readable zoom and scrolls the graph instead', async ({ page, graph, saveScreenshot }) => {
  await open(page, '');
  await graph.openMenu(page.getByTestId('graph.statefulset.web'), true);
  await page.getByTestId('menu.scale-to').click();
  await page.getByTestId('menu.scale-to.input').fill('4');
  await page.getByTestId('menu.scale-to.input').press('Enter');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-3')).toHaveText('Running');
  const from = await graph.nodeOf('web-0');
  await graph.openMenu(graph.lane(from), true);
  await page.getByTestId('menu.drain').click();
  await expect(page.getByTestId('terminal')).toContainText(`node/${from} drained`);
  await page.getByTestId('playback.step').click();
  await expect.poll(() => zoomOf(page)).toBeGreaterThanOrEqual(0.8);
  await page.waitForTimeout(400);
  for (const name of ['web-1', 'web-2', 'web-3']) {
    if (!(await graph.pod(name).isVisible())) continue;
    const smallest = await smallestTextOnScreen(page, `graph.pod.${name}`);
    expect(smallest.px, `"${smallest.text}" on ${name}'s card`).toBeGreaterThanOrEqual(12);
  }
  await saveScreenshot('projector-drain-in-progress');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-0')).toHaveText('Running');
  // the wheel scrolls the graph down to the storage lane
  const storage = page.getByTestId('graph.area.storage');
  const before = await storage.boundingBox();
  await page.getByTestId('graph').hover();
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await storage.boundingBox())?.y ?? 0).toBeLessThan((before?.y ?? 0) - 100);
  expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.8);
  await saveScreenshot('projector-drain-scrolled');
});

test('at 1280×720 a crash loop shows the status and the restart count in large type', async ({ page, graph, saveScreenshot }) => {
  await open(page, '');
  await graph.podAction('web-0', 'crash-loop');
  await page.getByTestId('playback.speed').selectOption('20');
  await page.getByTestId('playback.play').click();
  await expect(graph.podStatus('web-0')).toHaveText('CrashLoopBackOff', { timeout: 30_000 });
  await page.getByTestId('playback.pause').click();
  await expect(page.getByTestId('graph.pod.web-0.restarts')).not.toHaveText('↻ 0');
  await page.waitForTimeout(400);
  const smallest = await smallestTextOnScreen(page, 'graph.pod.web-0');
  expect(smallest.px, `"${smallest.text}" on web-0's card`).toBeGreaterThanOrEqual(12);
  await saveScreenshot('projector-crash-loop');
});

test('presenter mode at 1280×720: every text of a pod card is at least 14 px on the screen, and the tables do not wrap', async ({ page, graph, terminal, saveScreenshot }) => {
  await open(page, '?mode=presenter');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await page.waitForTimeout(400);
  expect(await zoomOf(page)).toBeGreaterThanOrEqual(1);
  for (const name of ['web-0', 'web-1']) {
    const smallest = await smallestTextOnScreen(page, `graph.pod.${name}`);
    expect(smallest.px, `"${smallest.text}" on ${name}'s card`).toBeGreaterThanOrEqual(14);
    expect(await graph.podDns(name).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  await saveScreenshot('projector-presenter-default');
  await page.getByTestId('dock.terminal').click();
  await expectWideTablesUnwrapped(terminal, ['web-0', 'web-1']);
  await saveScreenshot('projector-presenter-terminal');
});

test('presenter mode at 1280×720: the graph itself brings the Pending pod and the scheduler\'s message into view', async ({ page, graph, saveScreenshot }) => {
  await open(page, '?scenario=web-local-path&mode=presenter');
  await expect(graph.podStatus('web-0')).toHaveText('Running');
  const from = await graph.nodeOf('web-0');
  await graph.openMenu(graph.lane(from), true);
  await page.getByTestId('menu.drain').click();
  await expect(page.getByTestId('terminal')).toContainText(`node/${from} drained`);
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-0')).toHaveText('Pending');
  const card = graph.pod('web-0');
  await expect(page.getByTestId('graph.pod.web-0.message')).toContainText('0/3 nodes are available');
  // the whole card, message included, inside the graph's visible area, at the readable zoom
  const inView = async () => {
    const box = await card.boundingBox();
    const view = await page.getByTestId('graph').boundingBox();
    return Boolean(box && view && box.y >= view.y && box.y + box.height <= view.y + view.height && box.x >= view.x && box.x + box.width <= view.x + view.width);
  };
  await expect.poll(inView).toBe(true);
  expect(await zoomOf(page)).toBeGreaterThanOrEqual(1);
  const smallest = await smallestTextOnScreen(page, 'graph.pod.web-0');
  expect(smallest.px, `"${smallest.text}" on web-0's card`).toBeGreaterThanOrEqual(14);
  await saveScreenshot('projector-presenter-pending');
});
