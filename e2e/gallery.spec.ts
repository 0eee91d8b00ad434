import { expect, test } from './fixtures/test';

test('the gallery picker opens "Deployment vs StatefulSet": both workloads\' pods are in the graph and the URL names the scenario', async ({ page, graph, saveScreenshot }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  const picker = page.getByTestId('toolbar.scenario-picker');
  // the picker lists the gallery by title
  await expect(picker.locator('option', { hasText: 'Deployment vs StatefulSet' })).toHaveCount(1);
  await expect(picker.locator('option', { hasText: 'Remote vs local storage' })).toHaveCount(1);
  await expect(picker.locator('option', { hasText: 'Node failure' })).toHaveCount(1);
  await expect(picker.locator('option', { hasText: 'Rolling update' })).toHaveCount(1);
  const label = await picker.locator('option', { hasText: 'Deployment vs StatefulSet' }).textContent();
  await picker.selectOption({ label: label ?? '' });

  await expect(page).toHaveURL(/\?scenario=gallery-deployment-vs-statefulset$/);
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await expect(page.locator('.scenario-title')).toHaveText(label ?? '');
  await expect(picker).toHaveValue('gallery-deployment-vs-statefulset');
  // the script ends with both scaled down to one pod: web-0 and one web-deploy-<hash>-<rand5>
  await expect(graph.podStatus('web-0')).toHaveText('Running');
  const deployPods = page.getByTestId(/^graph\.pod\.web-deploy-[0-9a-f]{10}-[0-9a-z]{5}$/);
  await expect(deployPods).toHaveCount(1);
  await expect(page.getByTestId(/^graph\.pod\.web-deploy-[0-9a-f]{10}-[0-9a-z]{5}\.status$/)).toHaveText('Running');
  await expect(graph.claim('www-web-0')).toBeVisible();
  await expect(graph.claim('shared-data')).toBeVisible();
  await saveScreenshot('gallery-deployment-vs-statefulset');
});

test('in Vietnamese the picker and the top bar show the gallery titles translated', async ({ page }) => {
  await page.goto('/?lang=vi');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const picker = page.getByTestId('toolbar.scenario-picker');
  const label = 'Deployment và StatefulSet: cùng một nginx theo hai cách — tên, thứ tự, PVC, thay thế';
  await expect(picker.locator('option', { hasText: label })).toHaveCount(1);
  await picker.selectOption({ label });
  await expect(page).toHaveURL(/\?lang=vi&scenario=gallery-deployment-vs-statefulset$/);
  await expect(page.locator('.scenario-title')).toHaveText(label);
});
