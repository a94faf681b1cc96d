import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './e2e/chromium';

// E2E_PORT lets two checkouts run their suites side by side.
const port = Number(process.env.E2E_PORT ?? 5173);

// Real Chromium (Debian's /usr/bin/chromium), against Vite's dev server.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Software WebGL on 2 cores: InceptionV3 shaders alone take tens of seconds to compile.
  timeout: 10 * 60_000,
  expect: { timeout: 5 * 60_000 },
  workers: 1,
  outputDir: 'test-results',
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://localhost:${port}/`,
    launchOptions: CHROMIUM_LAUNCH,
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 900 },
  },
  webServer: {
    command: `npx vite --port ${port} --strictPort`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
