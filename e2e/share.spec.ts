import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import lzString from 'lz-string';
import { qrMatrix } from '../app/share/qrCode';
import type { PlaygroundTestApi } from '../app/testApi';
import { expect, test } from './fixtures/test';
import { EditorPane } from './fixtures/pages/EditorPane';

/** What must be identical after opening a share link: pods with their IPs, events, the clock. */
async function clusterOf(page: Page) {
  return page.evaluate(() => {
    const snapshot = (window as { __playground?: PlaygroundTestApi }).__playground?.snapshot();
    const pods = (snapshot?.graph.nodes ?? []).flatMap((n) => (n.type === 'pod' ? [`${n.data.name} ${n.data.ip ?? '-'} ${n.data.status}`] : [])).sort();
    return { pods, events: snapshot?.events.length ?? 0, lastEvents: snapshot?.events.slice(-5).map((e) => `${e.reason} ${e.object} ${e.message}`), now: snapshot?.now ?? 0 };
  });
}

async function openReady(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
}

test('a shared link opens the identical cluster in a fresh browser context', async ({ page, editor, graph, browser, baseURL }) => {
  await openReady(page, '/');
  await editor.ready();
  await new EditorPane(page).reveal('replicas: 2');
  await editor.replaceLine('replicas: 2', 'replicas: 3');
  await editor.apply();
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-2')).toHaveText('Running');
  await graph.podAction('web-1', 'delete');
  await expect(page.getByTestId('terminal')).toContainText('pod "web-1" deleted');
  // some played time, recorded as `sim advance` when paused
  await page.getByTestId('playback.speed').selectOption('5');
  await page.getByTestId('playback.play').click();
  await expect(graph.podStatus('web-1')).toHaveText('Running', { timeout: 30_000 });
  await page.getByTestId('playback.pause').click();
  await graph.pod('web-2').click();
  await expect(page.getByTestId('inspector.describe')).toContainText('Name:');
  const before = await clusterOf(page);
  expect(before.pods.map((p) => p.split(' ')[0])).toEqual(['web-0', 'web-1', 'web-2']);

  await page.getByTestId('toolbar.share').click();
  const link = await page.getByTestId('share.link').inputValue();
  expect(link).toMatch(/#v1\/[A-Za-z0-9+\-$]+$/);
  expect(new URL(page.url()).hash).toBe(new URL(link).hash);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? 'http://127.0.0.1:4173' });
  await page.getByTestId('share.copy').click();
  await expect(page.getByTestId('share.status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    const errors: string[] = [];
    other.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    other.on('pageerror', (e) => errors.push(e.message));
    await openReady(other, link);
    await expect.poll(() => clusterOf(other)).toEqual(before);
    await expect(other.getByTestId('graph.pod.web-2')).toBeVisible();
    await new EditorPane(other).reveal('replicas:');
    await expect(other.locator('.monaco-editor .view-lines')).toContainText('replicas: 3');
    // the selected object comes back in the inspector
    await expect(other.getByTestId('inspector.describe')).toContainText('web-2');
    await expect(other.getByTestId('notice')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await fresh.close();
  }
});

const hostile: [string, string, RegExp][] = [
  ['garbage', '#v1/this-is-not-a-scenario!!', /the link is damaged or truncated/],
  ['an unknown version', '#v99/abc', /made by an unknown version of Ordinal \("v99"\)/],
  ['a huge link', `#v1/${'A'.repeat(250_000)}`, /the link is too large \(250004 characters; the limit is 200000\)/],
  [
    'script injection in an object name',
    `#v1/${lzString.compressToEncodedURIComponent(JSON.stringify({ n: 'x', f: { 'evil.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"\n' } }))}`,
    /the link's scenario is not valid: evil\.yaml: .*<script>window\.__pwned=1<\/script>/,
  ],
];

for (const [what, hash, message] of hostile) {
  test(`a share link with ${what} opens the default scenario with a message`, async ({ page, graph }) => {
    await openReady(page, `/${hash}`);
    await expect(page.getByTestId('notice')).toHaveText(message);
    await expect(page.getByTestId('notice')).toContainText('The default scenario is open instead.');
    await expect(graph.podStatus('web-0')).toHaveText('Running');
    // user text stays text: no element was made from it and nothing ran
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.notices img, .notices script').count()).toBe(0);
  });
}

test('a shared selection whose name is markup is shown as text in the inspector', async ({ page }) => {
  const hash = `#v1/${lzString.compressToEncodedURIComponent(JSON.stringify({ n: 'x', sel: ['Pod', '<img src=x onerror=window.__pwned=1>'] }))}`;
  await openReady(page, `/${hash}`);
  await expect(page.getByTestId('inspector.describe')).toHaveText('Pod <img src=x onerror=window.__pwned=1> no longer exists.');
  expect(await page.locator('[data-testid="inspector"] img').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

/** A stored fragment of e2e/fixtures/links/ (see its README for what each one holds). */
const storedLink = (file: string) => readFileSync(new URL(`./fixtures/links/${file}`, import.meta.url), 'utf8').trim();

test('a v1 link stored from an earlier version opens the same cluster in a fresh browser context', async ({ browser, baseURL }) => {
  const fresh = await browser.newContext({ baseURL: baseURL ?? 'http://127.0.0.1:4173' });
  try {
    const page = await fresh.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await openReady(page, `/${storedLink('v1-web-scaled-4-web-1-deleted.txt')}`);
    // web scaled to 4; web-1 deleted and back with its name and a new IP (10.244.2.2 before)
    await expect
      .poll(async () => (await clusterOf(page)).pods)
      .toEqual(['web-0 10.244.1.2 Running', 'web-1 10.244.2.3 Running', 'web-2 10.244.3.2 Running', 'web-3 10.244.1.3 Running']);
    const cluster = await clusterOf(page);
    expect(cluster.now).toBe(12_000);
    expect(cluster.events).toBe(52);
    await expect(page.getByTestId('graph.pod.web-1.ip')).toHaveText('10.244.2.3');
    // the edit that was not applied is in the editor; the selected pod in the inspector
    await new EditorPane(page).reveal('image:');
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('nginx-slim:0.9');
    await expect(page.getByTestId('inspector.describe')).toContainText('web-1');
    await expect(page.getByTestId('notice')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await fresh.close();
  }
});

test.describe('on a 1280×720 classroom screen', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the Share dialog shows the link as a QR code large enough to scan from the room', async ({ page, saveScreenshot }) => {
    await openReady(page, '/');
    await expect(page.getByTestId('graph.pod.web-1.status')).toHaveText('Running');
    await page.getByTestId('toolbar.share').click();
    const link = await page.getByTestId('share.link').inputValue();
    await expect(page.getByTestId('share.qr')).toHaveCount(0);
    await page.getByTestId('share.qr.toggle').click();
    const qr = page.getByTestId('share.qr.svg');
    await expect(qr).toBeVisible();
    // the code drawn is the code of the link: the same dark runs, module for module
    const expected = qrMatrix(link);
    if ('tooLong' in expected) throw new Error('the default scenario\'s link should fit a QR code');
    const drawn = await qr.evaluate((svg) =>
      [...svg.querySelectorAll('rect[fill="#000"]')].map((r) => `${r.getAttribute('y')},${r.getAttribute('x')},${r.getAttribute('width')}`),
    );
    expect(drawn).toEqual(expected.runs.map((run) => `${run.row + 4},${run.col + 4},${run.length}`));
    // no HTML was made from a string: the code is SVG elements only
    expect(await qr.evaluate((svg) => svg.querySelectorAll(':not(rect)').length)).toBe(0);
    // big on the screen: at least 3 px per module, the whole code inside the window
    const box = await qr.boundingBox();
    expect(box && box.width / (expected.size + 8)).toBeGreaterThanOrEqual(3);
    expect(box && box.y + box.height).toBeLessThanOrEqual(720);
    await saveScreenshot('share-qr-1280');
    await page.getByTestId('share.qr.toggle').click();
    await expect(page.getByTestId('share.qr')).toHaveCount(0);
  });
});
