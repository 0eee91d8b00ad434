import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

async function download(page: Page, testId: string): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await download.path();
  return { download, text: await readFile(path, 'utf8') };
}

test('Export offers the YAML files and replay.sh for a real cluster as downloads (blob: URLs pass the CSP)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');
  await page.getByTestId('toolbar.export').click();
  const dialog = page.getByTestId('export.dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('link')).toHaveText(['web.yaml', 'replay.sh']);

  const script = await download(page, 'export.file.replay.sh');
  expect(script.download.suggestedFilename()).toBe('replay.sh');
  expect(script.text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
  expect(script.text).toContain('set -euo pipefail');
  expect(script.text).toContain('\nkubectl apply -f web.yaml\n');

  const yaml = await download(page, 'export.file.web.yaml');
  expect(yaml.download.suggestedFilename()).toBe('web.yaml');
  expect(yaml.text).toContain('kind: StatefulSet');

  await page.getByTestId('export.close').click();
  await expect(dialog).toBeHidden();
});
