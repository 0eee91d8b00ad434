import { expect, test } from './fixtures/test';

const SCHEDULER_MESSAGE =
  '0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

test('with local-path storage, draining the node of web-0 leaves web-0 Pending with the scheduler message on its card', async ({ page, graph, saveScreenshot }) => {
  await page.goto('/?scenario=web-local-path');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(page.locator('.scenario-title')).toHaveText('Local volumes: the web StatefulSet on local-path storage');
  await expect(graph.podStatus('web-0')).toHaveText('Running');
  const from = await graph.nodeOf('web-0');
  await graph.openMenu(graph.lane(from), true);
  await page.getByTestId('menu.drain').click();
  await expect(page.getByTestId('terminal')).toContainText(`node/${from} drained`);
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-0')).toHaveText('Pending');
  const message = page.getByTestId('graph.pod.web-0.message');
  await expect(message).toHaveText(SCHEDULER_MESSAGE);
  // readable: the whole message is laid out inside the card, wrapped over several lines
  const box = await message.boundingBox();
  const card = await graph.pod('web-0').boundingBox();
  expect(box && card).toBeTruthy();
  if (!box || !card) return;
  expect(box.height).toBeGreaterThan(40);
  expect(box.y + box.height).toBeLessThanOrEqual(card.y + card.height + 1);
  // nothing of the card is cut off (the card hides its overflow)
  expect(await graph.pod('web-0').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  expect(await graph.nodeOf('web-0')).toBe('');
  await saveScreenshot('local-path-drain-pending');
});

test('an unknown ?scenario= opens the default scenario and says so', async ({ page, graph }) => {
  await page.goto('/?scenario=nope');
  await expect(page.getByTestId('notice')).toContainText('There is no scenario "nope"');
  await expect(graph.podStatus('web-0')).toHaveText('Running');
});
