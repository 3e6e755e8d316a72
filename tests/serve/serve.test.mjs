// tests/serve/serve.test.mjs PATHWAYC WORK — `pathwayc serve` in headless
// Chromium (docs/serve.md): it copies pathways/cse.pathway and the file it
// imports into a directory of its own under WORK, starts PATHWAYC serve on
// it, and checks what an author sees: the index, the checklist and the
// preview (diagram beside checklist; a click on a node scrolls the
// checklist to that step), an edit on disk shown within 2 seconds, an error
// shown in a banner over the last good build and gone once corrected, an
// imported file and a new file watched; and what it refuses: any path it
// did not build (404), a Host that is not its own (403), another method
// (405), a port already taken (exit 2); that it listens on 127.0.0.1 only;
// and that Ctrl-C stops it with status 0. Screenshots of the preview at
// 1280 and 390 px go to WORK/screenshots/. Ends with "N passed, M failed".

import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync,
         unlinkSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, test, check, finish, Failure } from '../browser/harness.mjs';

const [pathwaycArg, workArg] = process.argv.slice(2);
if (!pathwaycArg || !workArg) {
  console.error('usage: node tests/serve/serve.test.mjs PATHWAYC WORK');
  process.exit(2);
}
const PATHWAYC = resolve(pathwaycArg);
const WORK = resolve(workArg);
const SHOTS = join(WORK, 'screenshots');
mkdirSync(SHOTS, { recursive: true });
const require = createRequire(join(resolve('build/browser'), 'package.json'));
const { chromium } = require('playwright-core');

const TOP = resolve('.');
const DIR = mkdtempSync(join(WORK, 'serve-'));
cpSync(join(TOP, 'pathways/cse.pathway'), join(DIR, 'cse.pathway'));
cpSync(join(TOP, 'pathways/common'), join(DIR, 'common'), { recursive: true });
const CSE = join(DIR, 'cse.pathway');
const COMMON = join(DIR, 'common/hertfordshire.pathway');
const ORIGINAL = readFileSync(CSE, 'utf8');
const STEP = 'Complete the Hertfordshire Police CSE reporting form: ';
check(ORIGINAL.includes(STEP), 'pathways/cse.pathway no longer has the step this test edits');

// An editor's save: a new file renamed onto the old name.
function save(file, text) {
  writeFileSync(file + '.tmp~', text);
  renameSync(file + '.tmp~', file);
}

// ---- the server -------------------------------------------------------------

// Every server started, killed when this script ends however it ends.
const children = [];
process.on('exit', () => { for (const c of children) if (c.exitCode === null) c.kill('SIGKILL'); });

function startServer(args) {
  const child = spawn(PATHWAYC, ['serve', ...args, '--today', '2025-06-01', '--color=never'],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  child.out = '';
  child.err = '';
  child.stdout.on('data', (d) => { child.out += d; });
  child.stderr.on('data', (d) => { child.err += d; });
  child.exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  child.address = new Promise((ok, no) => {
    const look = () => {
      const m = /^pathwayc serve: (http:\/\/127\.0\.0\.1:(\d+)\/) \(Ctrl-C to stop\)$/m.exec(child.out);
      if (m) ok({ base: m[1], port: +m[2] });
    };
    child.stdout.on('data', look);
    child.exited.then((e) => no(new Failure(`pathwayc serve exited (${JSON.stringify(e)}) before ` +
                                            `printing its address:\n${child.err}`)));
    setTimeout(() => no(new Failure('no address printed in 60 s')), 60000);
  });
  child.address.catch(() => {}); // awaited by those who need it
  children.push(child);
  return child;
}

// A request written by hand, so that the path reaches the server as given
// (a URL library would tidy /../ away). Resolves to { status, body }.
function raw(port, request) {
  return new Promise((ok, no) => {
    const s = connect(port, '127.0.0.1');
    let data = '';
    s.on('connect', () => s.write(request));
    s.on('data', (d) => { data += d; });
    s.on('end', () => {
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      ok({ status: m ? +m[1] : 0, body: data });
    });
    s.on('error', no);
    setTimeout(() => { s.destroy(); no(new Failure('no answer in 10 s')); }, 10000);
  });
}
const get = (port, path, host = `127.0.0.1:${port}`) =>
  raw(port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);

const server = startServer([DIR]);
let BASE, PORT;
try {
  ({ base: BASE, port: PORT } = await server.address);
} catch (e) {
  console.log(`FAIL pathwayc serve starts\n    ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const browser = await launch(chromium);

async function open(opened, path, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  opened.push(context);
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text() + ' ' + JSON.stringify(m.location())); });
  page.on('response', (r) => { if (r.status() >= 400) page.problems.push(`${r.status()} ${r.url()}`); });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  const r = await page.goto(BASE + path.replace(/^\//, ''), { waitUntil: 'load' });
  check(r && r.ok(), `${path}: HTTP ${r && r.status()}`);
  return page;
}

// Waits at most ms for fn to hold in page; fails with what.
async function within(page, ms, what, fn, arg) {
  try {
    await page.waitForFunction(fn, arg, { timeout: ms, polling: 50 });
  } catch (e) {
    throw new Failure(`${what}: not within ${ms} ms`);
  }
}

const frameOf = async (page) => {
  const handle = await page.waitForSelector('iframe.pv-checklist');
  const frame = await handle.contentFrame();
  await frame.waitForSelector('#item-complete_form');
  return frame;
};

// ---- what an author sees ----------------------------------------------------

await test('serve prints http://127.0.0.1:PORT/ and builds', async () => {
  check(PORT > 0, `port ${PORT}`);
  check(/build 1: \d+ pages/.test(server.err), `stderr:\n${server.err}`);
});

await test('the index lists the pathway, with the live script and no CSP errors', async (opened) => {
  const page = await open(opened, '/');
  check(await page.$('a[href="cse.html"]'), 'no link to cse.html');
  check(await page.$('script[src="/_pathwayc/live.js"]'), 'no live script');
  check(!(await page.$('#pathwayc-banner')), 'a banner with no error');
  await page.waitForTimeout(300);
  check(page.problems.length === 0, `console errors:\n  ${page.problems.join('\n  ')}`);
});

await test('the checklist as served: live script, style sheet, event stream allowed; none in the file built', async (opened) => {
  const page = await open(opened, '/cse.html');
  await within(page, 3000, 'the event stream connected', () =>
    document.documentElement.getAttribute('data-pathwayc-live') !== 'lost');
  await page.waitForTimeout(500);
  check(page.problems.length === 0, `console errors:\n  ${page.problems.join('\n  ')}`);
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  check(/connect-src 'self'/.test(csp) && /script-src 'self' 'sha256-/.test(csp), `CSP: ${csp}`);
  const built = join(WORK, 'built');
  rmSync(built, { recursive: true, force: true });
  const b = spawn(PATHWAYC, ['build', '--today', '2025-06-01', '-o', built, CSE]);
  await new Promise((ok) => b.on('exit', ok));
  const file = readFileSync(join(built, 'cse.html'), 'utf8');
  check(!file.includes('_pathwayc') && !file.includes("'self'"), 'pathwayc build wrote the live script');
});

await test('the preview: diagram and checklist side by side at 1280 px, stacked at 390 px', async (opened) => {
  const wide = await open(opened, '/preview/cse');
  await frameOf(wide);
  const d = await wide.$eval('.pv-diagram', (e) => e.getBoundingClientRect().toJSON());
  const f = await wide.$eval('iframe.pv-checklist', (e) => e.getBoundingClientRect().toJSON());
  check(d.x < f.x && Math.abs(d.y - f.y) < 2 && d.width > 400 && f.width > 400,
        `not side by side: diagram ${JSON.stringify(d)}, checklist ${JSON.stringify(f)}`);
  check(await wide.$('.pv-diagram svg a'), 'no linked node in the diagram');
  await wide.screenshot({ path: join(SHOTS, 'serve-preview-1280.png') });
  const phone = await open(opened, '/preview/cse', { width: 390, height: 844 });
  await frameOf(phone);
  const d2 = await phone.$eval('.pv-diagram', (e) => e.getBoundingClientRect().toJSON());
  const f2 = await phone.$eval('iframe.pv-checklist', (e) => e.getBoundingClientRect().toJSON());
  check(f2.y >= d2.y + d2.height - 1 && f2.width > 350, `not stacked: ${JSON.stringify([d2, f2])}`);
  const sideways = await phone.evaluate(() => document.documentElement.scrollWidth);
  check(sideways <= 390, `the page scrolls sideways: ${sideways} px`);
  await phone.screenshot({ path: join(SHOTS, 'serve-preview-390.png') });
  check(wide.problems.length === 0 && phone.problems.length === 0,
        `console errors:\n  ${[...wide.problems, ...phone.problems].join('\n  ')}`);
});

await test('clicking a diagram node scrolls the checklist to that step', async (opened) => {
  const page = await open(opened, '/preview/cse');
  const frame = await frameOf(page);
  const top = () => frame.$eval('#item-complete_form', (e) => e.getBoundingClientRect().top);
  const before = await top();
  const height = await frame.evaluate(() => window.innerHeight);
  check(before > height, `the step is in view before the click (${before} of ${height})`);
  const node = await page.$('.pv-diagram svg a[*|href$="#item-complete_form"]');
  check(node, 'no node links to #item-complete_form');
  await node.scrollIntoViewIfNeeded();
  await node.click();
  await page.waitForTimeout(200);
  const after = await top();
  check(after >= -2 && after < 80, `the step is at ${after} px after the click`);
  check(await frame.$eval('#item-complete_form', (e) => e.classList.contains('pathwayc-picked')),
        'the step is not marked');
  check(page.url().endsWith('/preview/cse'), `the click navigated to ${page.url()}`);
  await page.screenshot({ path: join(SHOTS, 'serve-preview-clicked.png') });
});

await test('an edit saved on disk shows in the open checklist and preview within 2 s', async (opened) => {
  const checklist = await open(opened, '/cse.html');
  const preview = await open(opened, '/preview/cse');
  await frameOf(preview);
  save(CSE, ORIGINAL.replace(STEP, 'Complete the EDITED reporting form: '));
  await within(checklist, 2000, 'the checklist', () =>
    document.querySelector('#item-complete_form')?.textContent.includes('EDITED'));
  await within(preview, 2000, 'the diagram', () =>
    document.querySelector('.pv-diagram svg')?.textContent.includes('EDITED'));
});

await test('an error: a banner with the diagnostic and its source line, over the last good checklist', async (opened) => {
  const page = await open(opened, '/cse.html');
  writeFileSync(CSE, ORIGINAL.replace(STEP, 'Complete the EDITED reporting form: ') + '\nbroken {\n}\n');
  await within(page, 2000, 'the banner', () => document.querySelector('#pathwayc-banner'));
  const text = await page.$eval('#pathwayc-banner', (e) => e.textContent);
  check(/error/.test(text) && /unknown word 'broken'/.test(text) && /\| broken \{/.test(text),
        `banner: ${text}`);
  check(text.includes('cse.pathway'), `the banner does not name the file: ${text}`);
  const item = await page.$eval('#item-complete_form', (e) => e.textContent);
  check(item.includes('EDITED'), 'the last good checklist is not shown under the banner');
  const visible = await page.$eval('#pathwayc-banner', (e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.height > 20 && getComputedStyle(e).position === 'fixed';
  });
  check(visible, 'the banner is not over the page');
  await page.screenshot({ path: join(SHOTS, 'serve-banner.png') });
  const preview = await open(opened, '/preview/cse');
  check(await preview.$('#pathwayc-banner'), 'no banner on the preview');
  check(await preview.$('.pv-diagram svg'), 'the preview lost its diagram');
});

await test('corrected: the banner goes within 2 s', async (opened) => {
  const page = await open(opened, '/cse.html');
  check(await page.$('#pathwayc-banner'), 'no banner before the correction');
  save(CSE, ORIGINAL);
  await within(page, 2000, 'the banner gone', () =>
    !document.querySelector('#pathwayc-banner') &&
    !document.querySelector('#item-complete_form').textContent.includes('EDITED'));
});

await test('an imported file is watched: an error there shows, then goes', async (opened) => {
  const page = await open(opened, '/cse.html');
  const common = readFileSync(COMMON, 'utf8');
  save(COMMON, common + '\nbroken {\n}\n');
  await within(page, 2000, 'the banner', () =>
    document.querySelector('#pathwayc-banner')?.textContent.includes('hertfordshire.pathway'));
  save(COMMON, common);
  await within(page, 2000, 'the banner gone', () => !document.querySelector('#pathwayc-banner'));
});

await test('an import that was missing is seen once it is written', async (opened) => {
  const page = await open(opened, '/cse.html');
  const later = join(DIR, 'common/later.pathway');
  save(CSE, ORIGINAL.replace('import "common/hertfordshire.pathway"',
                             'import "common/hertfordshire.pathway"\nimport "common/later.pathway"'));
  await within(page, 2000, 'the banner', () =>
    document.querySelector('#pathwayc-banner')?.textContent.includes('later.pathway'));
  writeFileSync(later, 'role later_role "Someone later"\n');
  await within(page, 2000, 'the banner gone', () => !document.querySelector('#pathwayc-banner'));
  save(CSE, ORIGINAL);
  unlinkSync(later);
  await page.waitForTimeout(300);
});

await test('a .pathway added to the directory is built and listed; removed, it goes', async (opened) => {
  const page = await open(opened, '/');
  cpSync(join(TOP, 'pathways/fgm.pathway'), join(DIR, 'fgm.pathway'));
  await within(page, 2000, 'fgm listed', () => document.querySelector('a[href="fgm.html"]'));
  const r = await get(PORT, '/fgm.html');
  check(r.status === 200, `/fgm.html: ${r.status}`);
  unlinkSync(join(DIR, 'fgm.pathway'));
  await within(page, 2000, 'fgm gone', () => !document.querySelector('a[href="fgm.html"]'));
  check((await get(PORT, '/fgm.html')).status === 404, '/fgm.html still served');
});

// ---- what it refuses --------------------------------------------------------

await test('only what it built: 404 for every path to a file on disk', async () => {
  const paths = ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd',
                 '/etc/passwd', '//etc/passwd', '/cse.pathway', '/common/hertfordshire.pathway',
                 `${CSE}`, `/${CSE}`, '/%2Fetc%2Fpasswd', '/cse.html/../cse.pathway',
                 '/preview/../cse.pathway', '/preview/../../etc/passwd', '/cse.html%2F..%2Fcse.pathway',
                 '/./cse.pathway', '/_pathwayc/../cse.pathway', '/_pathwayc/', '/preview/',
                 '/index.htm', '/CSE.html', '/cse.png', `http://127.0.0.1:${PORT}/../../etc/passwd`];
  for (const p of paths) {
    const r = await get(PORT, p);
    check(r.status === 404, `${p}: HTTP ${r.status}`);
    check(!r.body.includes('root:') && !r.body.includes('pathway cse'), `${p}: a file's text`);
  }
  for (const p of ['/', '/index.html', '/cse.html', '/cse.svg', '/cse.json', '/cse.dot',
                   '/preview/cse', '/_pathwayc/status', '/_pathwayc/live.js', '/_pathwayc/live.css'])
    check((await get(PORT, p)).status === 200, `${p} not served`);
});

await test('another Host is refused (DNS rebinding); GET and HEAD only', async () => {
  for (const host of ['evil.example', `evil.example:${PORT}`, '127.0.0.1', `127.0.0.1:${PORT + 1}`,
                      `localhost.evil.example:${PORT}`])
    check((await get(PORT, '/', host)).status === 403, `Host ${host} answered`);
  const none = await raw(PORT, 'GET / HTTP/1.0\r\n\r\n');
  check(none.status === 403, `no Host: HTTP ${none.status}`);
  check((await get(PORT, '/', `localhost:${PORT}`)).status === 200, 'localhost:PORT refused');
  const post = await raw(PORT, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi`);
  check(post.status === 405, `POST: HTTP ${post.status}`);
});

await test('it listens on 127.0.0.1 only', async () => {
  const hex = PORT.toString(16).toUpperCase().padStart(4, '0');
  const listening = [];
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    for (const line of text.split('\n').slice(1)) {
      const c = line.trim().split(/\s+/);
      if (c.length > 3 && c[3] === '0A' && c[1].endsWith(':' + hex)) listening.push(c[1]);
    }
  }
  check(listening.length === 1 && listening[0] === `0100007F:${hex}`,
        `listening sockets on port ${PORT}: ${JSON.stringify(listening)}`);
});

await test('--port with a port already taken: a clear error, exit 2', async () => {
  const second = startServer([DIR, '--port', String(PORT)]);
  const { code } = await second.exited;
  check(code === 2, `exit ${code}`);
  check(second.err.includes(`port ${PORT} is taken`), `stderr: ${second.err}`);
});

await test('a first build with errors: a page with the banner, never a blank one; then the build', async (opened) => {
  const dir = mkdtempSync(join(WORK, 'serve-broken-'));
  const file = join(dir, 'cse.pathway');
  cpSync(join(TOP, 'pathways/common'), join(dir, 'common'), { recursive: true });
  writeFileSync(file, ORIGINAL + '\nbroken {\n}\n');
  const other = startServer([file]);
  try {
    const { base } = await other.address;
    const context = await browser.newContext();
    opened.push(context);
    const page = await context.newPage();
    await page.goto(base, { waitUntil: 'load' });
    const text = await page.$eval('#pathwayc-banner', (e) => e.textContent);
    check(/unknown word 'broken'/.test(text), `banner: ${text}`);
    check(/Nothing built yet/.test(await page.textContent('h1')), 'no heading');
    const preview = await context.newPage();
    const r = await preview.goto(base + 'preview/cse', { waitUntil: 'load' });
    check(r.status() === 503 && await preview.$('#pathwayc-banner'),
          `the preview before a build: HTTP ${r.status()}, no banner`);
    save(file, ORIGINAL);
    await within(page, 2000, 'the build', () =>
      !document.querySelector('#pathwayc-banner') && document.querySelector('a[href="cse.html"]'));
    await within(preview, 2000, 'the preview', () =>
      !document.querySelector('#pathwayc-banner') && document.querySelector('.pv-diagram svg'));
  } finally {
    other.kill('SIGINT');
    await other.exited;
  }
});

await test('Ctrl-C (SIGINT) with pages open: it stops, status 0', async (opened) => {
  const page = await open(opened, '/preview/cse');
  await frameOf(page);
  server.kill('SIGINT');
  const timer = new Promise((ok) => setTimeout(() => ok({ code: 'still running after 10 s' }), 10000));
  const { code, signal } = await Promise.race([server.exited, timer]);
  check(code === 0, `exit ${code} ${signal || ''}\n${server.err.slice(-2000)}`);
  check(/stopped/.test(server.err), 'no word that it stopped');
});

server.kill('SIGKILL');
rmSync(DIR, { recursive: true, force: true });
await finish(browser, { close() {} }, SHOTS);
