// GraphiQL in a real browser (Debian's headless Chromium, driven by playwright-core), as on a county
// intranet with no internet: every request to a host other than this server is blocked and
// recorded, and the test fails if the page attempted any. It must still load, run a query typed
// into the editor, and receive a subscription over WebSocket, without one Content-Security-Policy
// violation. One browser launch for the whole file.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { GRAPHIQL_CSP } from '@zhifa/server';
import { startTestServer, type TestServer } from '@zhifa/testkit';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// CI installs Chromium (.ci/run) and must run this test; a developer machine without it skips, saying so.
const missing = !existsSync(CHROMIUM);
if (missing && process.env.CI !== 'true')
  console.warn(
    `SKIPPED test/e2e/graphiql.test.ts: no ${CHROMIUM} (apt-get install -y chromium); CI=true makes this a failure`,
  );

describe.skipIf(missing && process.env.CI !== 'true')('GraphiQL in a browser, offline', () => {
  let s: TestServer;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const thirdParty: string[] = [];
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (.ci/run)`);
    s = await startTestServer();
    const p = s.db.prisma;
    const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
    await p.agency.create({ data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY', parentId: county.id } });
    origin = `http://127.0.0.1:${s.port}`;

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const context = await browser.newContext();
    const own = (url: string) => {
      const u = new URL(url);
      return !['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) || u.host === `127.0.0.1:${s.port}`;
    };
    // Block (and record) anything bound for another host; data: and blob: URLs never leave the page.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (own(url)) return route.continue();
      thirdParty.push(url);
      return route.abort('blockedbyclient');
    });
    await context.routeWebSocket(/.*/, (ws) => {
      if (own(ws.url())) return ws.connectToServer();
      thirdParty.push(ws.url());
      return ws.close();
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // Violations the console does not show (reports from workers come through the console above).
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      ),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('loads from this server alone, with its Content-Security-Policy, runs a typed query and a subscription over WS', async () => {
    const response = await page.goto(`${origin}/graphql`);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toBe(GRAPHIQL_CSP);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');

    // The editor is up: not stuck at "Loading…".
    const editor = page.locator('.graphiql-query-editor');
    await editor.waitFor({ state: 'visible', timeout: 30_000 }).catch((err) => {
      throw new Error(
        `GraphiQL did not load (requests to other hosts: ${thirdParty.join(', ') || 'none'}; errors: ${pageErrors.join('; ') || 'none'})`,
        { cause: err },
      );
    });

    await runTyped(page, '{ agencies(first: 1) { totalCount } }');
    await expect.poll(() => resultText(page), { timeout: 20_000 }).toMatch(/"totalCount":\s*2/);

    // A subscription goes over graphql-ws on the same origin; an agency created meanwhile arrives.
    await runTyped(page, 'subscription { events(topics: ["agency.created"]) { topic payload } }');
    await expect.poll(() => s.app.events.subscriberCount, { timeout: 20_000 }).toBe(1);
    const admin = await s.db.prisma.person.create({
      data: { agencyId: (await s.db.prisma.agency.findFirstOrThrow()).id, name: '系统管理员', roles: ['SYSTEM_ADMIN'] },
    });
    const created = await s.app.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token(`person:${admin.id}`)}` },
      body: JSON.stringify({
        query:
          'mutation { createAgency(input: { name: "阜宁县浏览器测试局", kind: ENFORCEMENT_AGENCY }) { __typename } }',
      }),
    });
    expect((await created.json()).data.createAgency.__typename).toBe('MutationCreateAgencySuccess');
    await expect.poll(() => resultText(page), { timeout: 20_000 }).toContain('阜宁县浏览器测试局');

    expect(thirdParty, 'requests to other hosts').toEqual([]);
    expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
    expect(pageErrors, 'errors on the page').toEqual([]);
  });
});

/** Clear the query editor, type `query` key by key (Monaco closes brackets itself and types over them), run it. */
async function runTyped(page: Page, query: string): Promise<void> {
  await page.locator('.graphiql-query-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(query, { delay: 5 });
  await page.keyboard.press('Escape'); // close any completion list
  await page.locator('.graphiql-execute-button').click();
}

async function resultText(page: Page): Promise<string> {
  return (await page.locator('.graphiql-response').textContent()) ?? '';
}
