import { expect, test } from './fixtures/test';

test('the page loads the default scenario in the worker and shows the cluster', async ({ page, saveScreenshot }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Ordinal — a StatefulSet playground');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(page.getByTestId('graph.pod.web-0.status')).toHaveText('Running');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kind: StatefulSet');
  await saveScreenshot('smoke');
});
