import { expect, test } from './fixtures/test';

// Tall enough that the editor shows the StatefulSet's `replicas:` line without scrolling.
test.use({ viewport: { width: 1400, height: 1100 } });

test.beforeEach(async ({ page, editor }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await editor.ready();
});

test('edited files survive a reload, and Reset to the scenario brings back the original files and cluster', async ({ page, editor, graph, terminal }) => {
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
  await terminal.run('sim wait --stable');
  await expect(graph.podStatus('web-4')).toHaveText('Running');
  // the edit was applied: Reset asks nothing, and brings back the scenario's files and cluster
  await page.getByTestId('editor.reset').click();
  await expect(editor.lines).toContainText('replicas: 2');
  await expect(editor.lines).not.toContainText('replicas: 5');
  await expect(page.getByTestId('graph.statefulset.web')).toContainText('ready 2/2');
  await expect(graph.pod('web-4')).toHaveCount(0);
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

test('Reset asks first when edits were never applied: Cancel keeps them, Reset drops them and the steps run', async ({ page, editor, graph, terminal }) => {
  await terminal.run('kubectl delete pod web-1');
  await editor.replaceLine('replicas: 2', 'replicas: 5');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('ordinal.workspace.web') ?? '')).toContain('replicas: 5');
  await page.getByTestId('editor.reset').click();
  const dialog = page.getByTestId('workspace.confirm');
  await expect(dialog).toContainText('Your edits that were not applied will be lost: web.yaml.');
  await page.getByTestId('workspace.confirm.cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(editor.lines).toContainText('replicas: 5');

  await page.getByTestId('editor.reset').click();
  await page.getByTestId('workspace.confirm.ok').click();
  await expect(editor.lines).toContainText('replicas: 2');
  await expect(editor.lines).not.toContainText('replicas: 5');
  // the scenario was loaded again: the steps run since (the delete) are gone from the journal
  await expect.poll(() => page.evaluate(() => window.__playground?.journal().length)).toBe(0);
  await expect(graph.podStatus('web-1')).toHaveText('Running');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('ordinal.workspace.web'))).toBeNull();
});

test('Start empty opens a cluster with its nodes and StorageClasses, no workloads, and one empty file that is autosaved', async ({ page, editor, graph, terminal, saveScreenshot }) => {
  await editor.replaceLine('replicas: 2', 'replicas: 5');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('ordinal.workspace.web') ?? '')).toContain('replicas: 5');
  // the edits of web stay autosaved, so nothing is asked
  await page.getByTestId('editor.start-empty').click();
  await expect(page).toHaveURL(/\?scenario=empty$/);
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(page.getByTestId('editor.tab.app.yaml')).toBeVisible();
  await expect(page.getByTestId('editor.empty-hint')).toBeVisible();
  await expect(graph.lane('node-1')).toBeVisible();
  await expect(page.getByTestId(/^graph\.pod\./)).toHaveCount(0);
  await terminal.run('kubectl get storageclass');
  await expect.poll(() => terminal.text()).toMatch(/standard \(default\)/);

  await page.locator('.monaco-editor .view-lines').click();
  // flow style: Monaco's auto-indent cannot shift it
  await page.keyboard.insertText('apiVersion: v1\nkind: Pod\nmetadata: {name: hello}\nspec: {containers: [{name: app, image: "nginx:1.27"}]}\n');
  await expect(page.getByTestId('editor.empty-hint')).toHaveCount(0);
  await editor.apply();
  await expect(graph.pod('hello')).toBeVisible();
  await saveScreenshot('start-empty');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('ordinal.workspace.empty') ?? '')).toContain('name: hello');
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(editor.lines).toContainText('{name: hello}');

  // back to web: its edits come back
  await page.goto('/?scenario=web');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(editor.lines).toContainText('replicas: 5');
});
