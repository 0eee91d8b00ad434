import { defineConfig } from '@playwright/test';

// e2e drives the production build (served by `vite preview`) in Debian's Chromium: Playwright's
// own browser builds cannot be downloaded here (toolchain notes §4, gotcha 10).
// E2E_PORT and E2E_DIST let several engineers run e2e at once on one machine, each on its own build
// (`npx vite build --outDir dist-a && E2E_PORT=4181 E2E_DIST=dist-a npx playwright test`).
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist';
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  // Playwright empties its output folder at the start of a run; keep it apart from the screenshots
  // (test-results/screenshots) and the reports of `npm test` (test-results/*.json).
  outputDir: process.env.E2E_PORT ? `test-results/playwright-${PORT}` : 'test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
