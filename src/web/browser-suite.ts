/**
 * What every browser test file shares: Debian's Chromium driven by playwright-core against the real
 * server with demo data, a signed-in page per role, screenshots into test-results/.
 */
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/testing.js';
import type { Role } from '../fhir/systems.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = 'test-results';
export const TABLET = { width: 768, height: 1024 };
export const PHONE = { width: 390, height: 844 };

/** Outside CI a missing Chromium skips the browser tests with the reason; in CI they must run (and fail). */
export const skip: string | false = existsSync(CHROMIUM) || process.env.CI ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;

export interface BrowserSuite {
  readonly server: TestServer;
  newPage(viewport?: { width: number; height: number }, label?: string): Promise<{ context: BrowserContext; page: Page }>;
  signIn(role: Role, path?: string, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  shot(page: Page, name: string): Promise<Buffer>;
}

/** Registers the file's before/after hooks and returns its helpers. */
export function browserSuite(): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  before(async () => {
    if (skip) return;
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  const newPage: BrowserSuite['newPage'] = async (viewport = TABLET, label = 'page') => {
    const context = await browser!.newContext({ viewport, baseURL: server!.url });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => assert.fail(`page error (${label}): ${err.message}`));
    return { context, page };
  };
  return {
    get server() {
      return server!;
    },
    newPage,
    async signIn(role, path = '/', viewport = TABLET) {
      const s = await newPage(viewport, role);
      await s.page.goto(path);
      await s.page.getByTestId('login-username').fill(server!.logins[role].username);
      await s.page.getByTestId('login-password').fill(server!.logins[role].password);
      await s.page.getByTestId('login-submit').click();
      await s.page.getByTestId('user-box').waitFor();
      return s;
    },
    shot: (page, name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true }),
  };
}

/** A JSON call from inside the signed-in page (cookie and CSRF header, as the app sends them). */
export async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const answer: { status: number; body: unknown } = await page.evaluate(async ({ method, path, body }) => {
    const me = await (await fetch('/api/auth/me')).json();
    const res = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  }, { method, path, body });
  return answer as { status: number; body: T };
}
