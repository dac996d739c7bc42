// Drives the console in Debian's Chromium for ConsoleInBrowserTest. Talks to the Java test over stdin/stdout:
//   prints READY when the page streams live; reads a marker line, then waits for a request whose payload holds
//   it to show (the test publishes it over MQTT right after writing the line); prints SEEN <ms>;
//   sends a test message with the page's form and prints REPLY <payload> when the reply is shown; then DONE.
// Screenshots go to $SCREENSHOTS. Any failure prints FAIL <reason> and exits 1.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.CONSOLE_URL;
const shots = process.env.SCREENSHOTS;
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (text) => process.stdout.write(text + '\n');

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'console-chromium-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  httpCredentials: { username: process.env.CONSOLE_USER, password: process.env.CONSOLE_PASSWORD },
  viewport: { width: 1400, height: 900 },
});
const page = context.pages()[0] || await context.newPage();
try {
  await page.goto(url);
  await page.locator('#stream-status[data-state="live"]').waitFor({ timeout: 10000 });
  say('READY');

  const marker = (await lines.next()).value.trim();
  const started = Date.now();
  await page.locator('#traffic tbody tr[data-kind="request"] td.payload', { hasText: marker })
    .waitFor({ timeout: 1000 });
  say('SEEN ' + (Date.now() - started));
  await page.locator('#traffic tbody tr[data-kind="reply"] td.payload', { hasText: marker })
    .waitFor({ timeout: 5000 });
  await page.locator('#topics tbody tr').first().waitFor({ timeout: 5000 });
  await page.screenshot({ path: join(shots, 'console-live.png'), fullPage: true });

  const formMarker = (await lines.next()).value.trim();
  await page.fill('#publish-topic', 'test');
  await page.fill('#publish-payload', JSON.stringify({ talk: formMarker, name: 'browser' }));
  await page.click('#publish-send');
  const reply = page.locator('#publish-result.ok .reply-payload');
  await reply.waitFor({ timeout: 10000 });
  say('REPLY ' + (await reply.textContent()));
  await page.screenshot({ path: join(shots, 'console-form.png'), fullPage: true });
  say('DONE');
  await context.close();
  process.exit(0);
} catch (failure) {
  say('FAIL ' + String(failure.message || failure).split('\n')[0]);
  await page.screenshot({ path: join(shots, 'console-failure.png'), fullPage: true }).catch(() => {});
  await context.close();
  process.exit(1);
}
