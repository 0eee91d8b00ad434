import { expect, test } from './fixtures/test';

test('a lesson is played to the end by clicking: predict, watch, type a command, "Do it for me", summary', async ({ page, graph, terminal, saveScreenshot }) => {
  await page.goto('/?lang=en');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  // the top bar's Lessons button opens the list; Start opens ?lesson=<id>
  await page.getByTestId('toolbar.lessons').click();
  await expect(page.getByTestId('lessons.list')).toBeVisible();
  await expect(page.getByTestId(/^lessons\.list\./)).toHaveCount(7);
  await page.getByTestId('lessons.start.ordered-creation').click();
  await expect(page).toHaveURL(/\?lang=en&lesson=ordered-creation$/);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const panel = page.getByTestId('lesson.panel');
  await expect(panel.getByTestId('lesson.progress')).toHaveText('Step 1 of 3');
  await page.getByTestId('playback.speed').selectOption('20');

  // Step 1: the command cannot run before the question is answered
  await expect(panel.getByTestId('lesson.do-it')).toHaveCount(0);
  await panel.getByTestId('lesson.choice.1').check();
  await saveScreenshot('lesson-panel-en');
  await panel.getByTestId('lesson.check-answer').click();
  await expect(panel.getByTestId('lesson.feedback')).toContainText('Not quite. The answer is: web-0, and web-1 only once web-0 is Running and Ready');
  await panel.getByTestId('lesson.do-it').click();
  await expect(panel.getByTestId('lesson.passed')).toBeVisible();
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await panel.getByTestId('lesson.next').click();

  // Step 2: right answer, then the learner types the command; the check (not a button) advances
  await expect(panel.getByTestId('lesson.progress')).toHaveText('Step 2 of 3');
  await panel.getByTestId('lesson.choice.0').check();
  await panel.getByTestId('lesson.check-answer').click();
  await expect(panel.getByTestId('lesson.feedback')).toContainText('Right!');
  await expect(panel.getByTestId('lesson.passed')).toHaveCount(0);
  // time is still running since step 1's Watch, so the replacement starts by itself
  await terminal.run('kubectl delete pod web-1');
  await expect(panel.getByTestId('lesson.passed')).toBeVisible();
  await panel.getByTestId('lesson.next').click();

  // Step 3: "Do it for me" runs the command line in the terminal
  await expect(panel.getByTestId('lesson.progress')).toHaveText('Step 3 of 3');
  await panel.getByTestId('lesson.choice.1').check();
  await panel.getByTestId('lesson.check-answer').click();
  await panel.getByTestId('lesson.do-it').click();
  await expect.poll(() => terminal.text()).toContain('kubectl scale statefulset web --replicas=4');
  await expect(panel.getByTestId('lesson.passed')).toBeVisible();
  await expect(graph.podStatus('web-3')).toHaveText('Running');
  await panel.getByTestId('lesson.next').click();
  await expect(panel.getByTestId('lesson.finished')).toContainText('Lesson complete');
  await saveScreenshot('lesson-finished-en');
});

test('a lesson mid-way in Vietnamese: the panel, the question and the buttons are translated', async ({ page, saveScreenshot }) => {
  await page.goto('/?lesson=storage-survives&lang=vi');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const panel = page.getByTestId('lesson.panel');
  await expect(panel.getByTestId('lesson.progress')).toHaveText('Bước 1 / 3');
  await expect(page.locator('.scenario-title')).toHaveText('Dữ liệu sống sót khi pod bị xoá');
  await panel.getByTestId('lesson.do-it').click();
  await expect(panel.getByTestId('lesson.passed')).toBeVisible();
  await panel.getByTestId('lesson.next').click();
  await expect(panel.getByTestId('lesson.progress')).toHaveText('Bước 2 / 3');
  await expect(panel.getByTestId('lesson.question')).toContainText('curl sẽ in ra gì từ web-0 mới?');
  await panel.getByTestId('lesson.choice.1').check();
  await panel.getByTestId('lesson.check-answer').click();
  await expect(panel.getByTestId('lesson.feedback')).toContainText('Chính xác!');
  await expect(panel.getByTestId('lesson.do-it')).toHaveText('▶ Quan sát');
  await saveScreenshot('lesson-panel-vi');
});

test('an unknown ?lesson= opens the default scenario with a notice', async ({ page }) => {
  await page.goto('/?lesson=nope&lang=en');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('notice')).toContainText('There is no lesson "nope".');
  await expect(page.getByTestId('lesson.panel')).toHaveCount(0);
});

test.describe('on a 1280×720 screen', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('an open lesson sits beside the graph, which keeps its height; the editor keeps its Apply button', async ({ page, graph }) => {
    await page.goto('/?lang=en&lesson=local-vs-remote-storage');
    await expect(page.getByTestId('lesson.progress')).toHaveText('Step 1 of 3');
    await expect(graph.podStatus('local-2')).toHaveText('Running');
    // Measured once the layout has settled (Monaco lays itself out after it loads).
    const layout = async () => {
      const [pane, panel, editor, apply] = await Promise.all(
        [page.getByTestId('graph'), page.getByTestId('lesson.panel'), page.locator('.editor-pane'), page.getByTestId('editor.apply')].map((l) => l.boundingBox()),
      );
      if (!pane || !panel || !editor || !apply) return 'a part of the page has no box';
      return {
        graphHeightAtLeast300: pane.height >= 300,
        lessonRightOfGraph: panel.x >= pane.x + pane.width - 1,
        lessonBesideGraph: panel.y < pane.y + 20,
        applyInsideEditor: apply.x + apply.width <= editor.x + editor.width,
      };
    };
    await expect.poll(layout).toEqual({ graphHeightAtLeast300: true, lessonRightOfGraph: true, lessonBesideGraph: true, applyInsideEditor: true });
  });

  test('each step opens with the object it is about in view: the claim to write to, then the node to drain', async ({ page, graph }) => {
    await page.goto('/?lang=en&lesson=local-vs-remote-storage');
    await expect(page.getByTestId('lesson.progress')).toHaveText('Step 1 of 3');
    await expect.poll(() => graph.inPane(graph.claim('www-remote-1'))).toBe(true);
    await page.getByTestId('lesson.do-it').click();
    await expect(page.getByTestId('lesson.passed')).toBeVisible();
    await page.getByTestId('lesson.next').click();
    await expect(page.getByTestId('lesson.progress')).toHaveText('Step 2 of 3');
    // node-2's band, by its header at the top left (or its name pinned at the pane's edge)
    await expect.poll(() => graph.inPane(graph.lane('node-2'), 120, 30)).toBe(true);
  });
});

