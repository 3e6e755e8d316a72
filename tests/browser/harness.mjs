// tests/browser/harness.mjs — what every browser test file shares: its
// arguments (PAGES, the directory `pathwayc build` wrote; WORK, which holds
// node_modules and receives screenshots under WORK/screenshots/), headless
// Chromium (Debian's /usr/bin/chromium, or $CHROMIUM) driven by
// playwright-core, axe-core's source, a tiny static server on 127.0.0.1
// that counts what it is asked for, and the runner: test(NAME, FN) prints
// "ok NAME" or "FAIL NAME" and the reason, finish() prints "N passed, M
// failed" and exits 1 on any failure.

import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdirSync, statSync, rmSync } from 'node:fs';
import { join, resolve, extname } from 'node:path';

// PAGES and WORK from the command line; with `empty`, WORK/screenshots is
// emptied first (the first suite of a run does it).
export function setUp(file, { empty = false } = {}) {
  const [pagesArg, workArg] = process.argv.slice(2);
  if (!pagesArg || !workArg) {
    console.error(`usage: node tests/browser/${file} PAGES WORK`);
    process.exit(2);
  }
  const PAGES = resolve(pagesArg);
  const WORK = resolve(workArg);
  const SHOTS = join(WORK, 'screenshots');
  if (empty) rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const require = createRequire(join(WORK, 'package.json'));
  const { chromium } = require('playwright-core');
  const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return { PAGES, WORK, SHOTS, chromium, AXE };
}

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
export function launch(chromium) {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

// ---- a tiny static server that counts what it is asked for -----------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml',
                '.json': 'application/json', '.png': 'image/png',
                '.dot': 'text/plain; charset=utf-8' };

// Serves PAGES; server.hits is every URL asked for since the last
// server.hits = [].
export async function serve(PAGES) {
  const server = createServer((req, res) => {
    server.hits.push(req.url);
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = join(PAGES, path);
    if (!file.startsWith(PAGES + '/') || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream',
                         'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  server.hits = [];
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  server.base = `http://127.0.0.1:${server.address().port}/`;
  return server;
}

// ---- the runner -------------------------------------------------------------

let passed = 0, failed = 0;
const started = Date.now();

export class Failure extends Error {}
export function check(cond, msg) { if (!cond) throw new Failure(msg); }
export function equal(got, want, what) {
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Failure(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

// Runs FN(opened) with 60 s at most; every browser context FN pushes on
// `opened` is closed afterwards, pass or fail.
export async function test(name, fn) {
  const t0 = Date.now();
  const opened = [];
  let timer;
  try {
    await Promise.race([
      fn(opened),
      new Promise((_, no) => { timer = setTimeout(() => no(new Failure('timed out after 60 s')), 60000); }),
    ]);
    console.log(`ok ${name} (${Date.now() - t0} ms)`);
    passed++;
  } catch (e) {
    const why = (e instanceof Failure ? e.message : (e.stack || String(e))).replace(/\x1b\[[0-9;]*m/g, '');
    console.log(`FAIL ${name}\n    ${why.split('\n').slice(0, 12).join('\n    ')}`);
    failed++;
  } finally {
    clearTimeout(timer);
    for (const c of opened) await c.close().catch(() => {});
  }
}

// Opens FILE (under server) in a fresh context of BROWSER (its own empty
// storage), pushed on `opened`; records what the page says on the console,
// its uncaught errors and every request it makes (as the browser sees them,
// and server.hits as the server does).
export async function openPage(browser, server, opened, file, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
  opened.push(context);
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const log = { console: [], errors: [], requests: [] };
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('dialog', (d) => d.accept());
  server.hits = [];
  const response = await page.goto(server.base + file, { waitUntil: 'load' });
  check(response && response.ok(), `${file}: HTTP ${response && response.status()}`);
  await page.waitForTimeout(150); // late errors, late requests
  return { context, page, log, url: server.base + file };
}

// No console message of level error, no uncaught error, no request but the
// page itself (a blocked request is still one: CSP reports it as an error).
export function clean(server, file, log, url) {
  const errors = log.console.filter((m) => m.type === 'error');
  check(errors.length === 0, `${file}: console errors:\n${errors.map((m) => '  ' + m.text).join('\n')}`);
  check(log.errors.length === 0, `${file}: uncaught errors:\n  ${log.errors.join('\n  ')}`);
  const others = log.requests.filter((u) => u !== url);
  check(others.length === 0 && log.requests.length === 1,
        `${file}: requests other than the page (the browser's view): ${JSON.stringify(log.requests)}`);
  const served = server.hits.filter((u) => server.base + u.slice(1) !== url);
  check(served.length === 0, `${file}: the server was asked for more than the page: ${JSON.stringify(server.hits)}`);
  for (const m of log.console.filter((x) => x.type === 'warning')) {
    console.log(`    # ${file}: console warning (not a failure): ${m.text}`);
  }
}

// axe-core on the page as it stands: no violations, or each named.
export async function axe(page, AXE, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE });
  }
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const lines = result.violations.map((v) =>
    `${where}: ${v.id} (${v.impact}): ${v.help}\n      at ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}` +
    (v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : ''));
  check(lines.length === 0, `axe-core violations:\n  ${lines.join('\n  ')}`);
}

export async function finish(browser, server, SHOTS) {
  await browser.close();
  server.close();
  console.log(`# screenshots: ${SHOTS}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// All a test file needs, in one call: its arguments, the server, Chromium
// launched, and open/clean/axe bound to them; done() ends the run.
export async function start(file, options = {}) {
  const s = setUp(file, options);
  const server = await serve(s.PAGES);
  const browser = await launch(s.chromium);
  return {
    ...s, server, BASE: server.base, browser,
    open: (opened, page, o = {}) => openPage(browser, server, opened, page, o),
    clean: (page, log, url) => clean(server, page, log, url),
    axe: (page, where) => axe(page, s.AXE, where),
    done: () => finish(browser, server, s.SHOTS),
  };
}
