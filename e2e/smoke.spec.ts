import { expect, test } from './fixtures/test';

test('the default scenario runs in the web worker and its transcript shows web-0 and web-1 Running', async ({
  page,
  saveScreenshot,
}) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Ordinal — a StatefulSet playground');
  await expect(page.getByTestId('engine-status')).toHaveText('ready');

  const transcript = page.getByTestId('transcript');
  await expect(transcript).toContainText('$ kubectl apply -f web.yaml');
  await expect(transcript).toContainText('service/nginx created');
  await expect(transcript).toContainText('statefulset.apps/web created');
  // `kubectl get pods -o wide` rows: NAME READY STATUS ...
  await expect(transcript).toHaveText(/^web-0\s+1\/1\s+Running\b/m);
  await expect(transcript).toHaveText(/^web-1\s+1\/1\s+Running\b/m);

  await saveScreenshot('smoke');
});
