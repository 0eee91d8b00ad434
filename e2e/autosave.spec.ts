import { expect, test } from './fixtures/test';

test.beforeEach(async ({ page, editor }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await editor.ready();
});

test('edited files survive a reload, and Reset to scenario brings back the originals', async ({ page, editor, graph }) => {
  await editor.replaceLine('replicas: 2', 'replicas: 5');
  await expect(editor.lines).toContainText('replicas: 5');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('ordinal.workspace.web') ?? '')).toContain('replicas: 5');
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(editor.lines).toContainText('replicas: 5');
  // only the files were saved: the cluster is the scenario's
  await expect(page.getByTestId('graph.statefulset.web')).toContainText('ready 2/2');
  await expect(graph.pod('web-2')).toHaveCount(0);
  // the restored text is what Apply uses
  await editor.apply();
  await expect(page.getByTestId('terminal')).toContainText('statefulset.apps/web configured');
  await page.getByTestId('editor.reset').click();
  await expect(editor.lines).toContainText('replicas: 2');
  await expect(editor.lines).not.toContainText('replicas: 5');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('ordinal.workspace.web'))).toBeNull();
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(editor.lines).toContainText('replicas: 2');
});

test('unreadable saved files do not break the page: a message and the default scenario', async ({ page, editor, graph }) => {
  await page.evaluate(() => localStorage.setItem('ordinal.workspace.web', '{"version":1,"files":{"web.yaml":'));
  await page.reload();
  await expect(page.getByTestId('notice')).toHaveText(/Your saved files could not be restored \(not JSON\); the scenario's original files are shown\./);
  await expect(graph.podStatus('web-0')).toHaveText('Running');
  await expect(editor.lines).toContainText('kind: StatefulSet');
  expect(await page.evaluate(() => localStorage.getItem('ordinal.workspace.web'))).toBeNull();
});
