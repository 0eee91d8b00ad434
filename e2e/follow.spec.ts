// The camera follows the story: a wide graph brings the object of the newest narration line into
// view, lanes scrolled sideways keep their node's name pinned at the pane's left, and the reader's
// own scrolling wins over the story, not over a selection.
import { expect, test } from './fixtures/test';

test.use({ viewport: { width: 1280, height: 720 } });

test('presenter mode on a wide gallery scenario: the pod the story speaks of is on screen, with its node named, and the page fits 1280 px', async ({
  page,
  graph,
  saveScreenshot,
}) => {
  await page.goto('/?mode=presenter&scenario=gallery-node-failure');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  const strip = page.getByTestId('narration.strip');
  await expect(strip).toContainText('web-1 is Running and Ready on node-3');
  await expect.poll(() => graph.inPane(graph.pod('web-1'))).toBe(true);
  expect(await graph.cardInsideLane('web-1', 'node-3')).toBe(true);
  // node-3's own header is off to the left: its name is pinned at the pane's edge, level with the lane.
  const pinned = page.getByTestId('graph.node.node-3.pinned');
  await expect(pinned).toHaveAttribute('data-label', 'node-3');
  await expect(pinned).toHaveAttribute('data-status', 'Ready');
  const lane = await graph.lane('node-3').boundingBox();
  const label = await pinned.boundingBox();
  expect(label && lane && label.y >= lane.y - 1 && label.y < lane.y + 40).toBe(true);
  // Nothing of the page is wider than the projector: the last top-bar button is on screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  const editorButton = await page.getByTestId('toolbar.editor').boundingBox();
  expect((editorButton?.x ?? 9999) + (editorButton?.width ?? 0)).toBeLessThanOrEqual(1280);
  await saveScreenshot('presenter-follows-story');
});

test('scaling up glides to the new pods; after the reader scrolls back, the story no longer moves the camera', async ({ page, graph, terminal }) => {
  await page.goto('/');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await terminal.run('kubectl cordon node-1');
  await terminal.run('kubectl scale sts web --replicas=4');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-3')).toHaveText('Running');
  // At a readable zoom four columns are wider than the pane: the camera went to web-3.
  await expect.poll(() => graph.inPane(graph.pod('web-3'))).toBe(true);
  expect(await graph.inPane(graph.pod('web-0'))).toBe(false);
  // The StatefulSet's bar starts off to the left: its name is pinned at the pane's edge, with READY.
  const pinned = page.getByTestId('graph.statefulset.web.pinned');
  await expect(pinned).toHaveAttribute('data-label', 'StatefulSet web');
  await expect(pinned).toHaveAttribute('data-status', '4/4');
  // So is each lane's, with its STATUS as kubectl get nodes prints it.
  await expect(page.getByTestId('graph.node.node-1.pinned')).toHaveAttribute('data-status', 'Ready,SchedulingDisabled');

  // The reader scrolls back to web-0 with the wheel; the next lines of the story are about web-3.
  await graph.scrollTo(graph.pod('web-0'));
  await terminal.run('kubectl delete pod web-3');
  await page.getByTestId('playback.stable').click();
  await expect(page.getByTestId('terminal')).toContainText('pod "web-3" deleted');
  await expect(graph.podStatus('web-3')).toHaveText('Running');
  await page.waitForTimeout(800); // longer than a glide of the camera
  expect(await graph.inPane(graph.pod('web-0'))).toBe(true);
  expect(await graph.inPane(graph.pod('web-3'))).toBe(false);
  // Scrolled back to the start, the bar shows its own name: nothing is pinned.
  await expect(pinned).toHaveCount(0);

  // Selecting web-3 from the event log brings its card into view even so (the reader asked for it).
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByTestId('events.table').getByRole('button', { name: 'pod/web-3' }).first().click();
  await expect(page.getByTestId('inspector')).toContainText('web-3');
  await expect.poll(() => graph.inPane(graph.pod('web-3'))).toBe(true);
});

test('with Follow switched off the view stays still; switched on, the next event brings the camera along', async ({ page, graph, terminal }) => {
  await page.goto('/');
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  const follow = page.getByTestId('graph.follow');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await terminal.run('kubectl scale sts web --replicas=4');
  await page.getByTestId('playback.stable').click();
  await expect(graph.podStatus('web-3')).toHaveText('Running');
  await page.waitForTimeout(800); // longer than a glide of the camera
  expect(await graph.inPane(graph.pod('web-0'))).toBe(true);
  expect(await graph.inPane(graph.pod('web-3'))).toBe(false);

  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await terminal.run('kubectl delete pod web-3');
  await expect.poll(() => graph.inPane(graph.pod('web-3'))).toBe(true);
});
