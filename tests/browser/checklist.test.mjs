// tests/browser/checklist.test.mjs PAGES WORK
//
// The HTML checklist (docs/checklist.md) in a real browser: headless
// Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with
// axe-core for accessibility. PAGES is the directory `pathwayc build --emit
// html,svg` wrote (every ID.html and index.html); WORK holds node_modules
// (npm ci by scripts/setup) and receives the screenshots, under
// WORK/screenshots/. The pages are served from 127.0.0.1 on an ephemeral
// port. Prints "ok NAME" or "FAIL NAME" and the reason for each test, then
// "N passed, M failed"; exits 1 on any failure.
//
// The tests rely only on what docs/checklist.md names, on
// pathways/prevent.pathway for the walks through Prevent, and on
// tests/outputs/language2.pathway and language2-structure.pathway for
// Language 2's forms.

import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, existsSync, mkdirSync, statSync, rmSync } from 'node:fs';
import { join, resolve, extname } from 'node:path';

const [pagesArg, workArg] = process.argv.slice(2);
if (!pagesArg || !workArg) {
  console.error('usage: node tests/browser/checklist.test.mjs PAGES WORK');
  process.exit(2);
}
const PAGES = resolve(pagesArg);
const WORK = resolve(workArg);
const SHOTS = join(WORK, 'screenshots');
rmSync(SHOTS, { recursive: true, force: true });
mkdirSync(SHOTS, { recursive: true });

const require = createRequire(join(WORK, 'package.json'));
const { chromium } = require('playwright-core');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

// ---- Prevent, as pathways/prevent.pathway writes it ------------------------

// call_999 is an emergency outcome that goes on (to
// child_protection_procedure); check_concern is a together of CHECK_STEPS.
const PREVENT_NODES = [
  'immediate_risk', 'call_999', 'child_protection_procedure', 'notice_concern',
  'check_concern', 'check_with_parent', 'speak_to_person', 'talk_to_prevent_dsp',
  'seek_prevent_advice', 'still_concerned', 'complete_referral', 'update_records',
  'referred', 'no_further_action', 'childrens_services',
];
const PREVENT_KINDS = {
  immediate_risk: 'question', still_concerned: 'question',
  call_999: 'outcome', child_protection_procedure: 'outcome', referred: 'outcome',
  no_further_action: 'outcome', childrens_services: 'outcome', check_concern: 'together',
};
const CHECK_STEPS = ['check_with_parent', 'speak_to_person', 'talk_to_prevent_dsp',
                     'seek_prevent_advice'];

// ---- a tiny static server that counts what it is asked for -----------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml',
                '.json': 'application/json', '.png': 'image/png',
                '.dot': 'text/plain; charset=utf-8' };
let hits = [];
const server = createServer((req, res) => {
  hits.push(req.url);
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
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const BASE = `http://127.0.0.1:${server.address().port}/`;

// ---- the runner -------------------------------------------------------------

let passed = 0, failed = 0;
const started = Date.now();

class Failure extends Error {}
function check(cond, msg) { if (!cond) throw new Failure(msg); }
function equal(got, want, what) {
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Failure(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

async function test(name, fn) {
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
    const why = (e instanceof Failure ? e.message : (e.stack || String(e))).replace(/\x1b\[[0-9;]*m/g, "");
    console.log(`FAIL ${name}\n    ${why.split('\n').slice(0, 12).join('\n    ')}`);
    failed++;
  } finally {
    clearTimeout(timer);
    for (const c of opened) await c.close().catch(() => {});
  }
}

let browser;

// Opens FILE in a fresh context (its own empty localStorage) and records
// what the page says on the console, its uncaught errors and every request
// it makes (as the browser sees them and as the server sees them).
async function open(opened, file, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
  opened.push(context);
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const log = { console: [], errors: [], requests: [] };
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('dialog', (d) => d.accept());
  hits = [];
  const response = await page.goto(BASE + file, { waitUntil: 'load' });
  check(response && response.ok(), `${file}: HTTP ${response && response.status()}`);
  await page.waitForTimeout(150); // late errors, late requests
  return { context, page, log, url: BASE + file };
}

// No console message of level error, no uncaught error, no request but the
// page itself (a blocked request is still one: CSP reports it as an error).
function clean(file, log, url) {
  const errors = log.console.filter((m) => m.type === 'error');
  check(errors.length === 0, `${file}: console errors:\n${errors.map((m) => '  ' + m.text).join('\n')}`);
  check(log.errors.length === 0, `${file}: uncaught errors:\n  ${log.errors.join('\n  ')}`);
  const others = log.requests.filter((u) => u !== url);
  check(others.length === 0 && log.requests.length === 1,
        `${file}: requests other than the page (the browser's view): ${JSON.stringify(log.requests)}`);
  const served = hits.filter((u) => BASE + u.slice(1) !== url);
  check(served.length === 0, `${file}: the server was asked for more than the page: ${JSON.stringify(hits)}`);
  for (const m of log.console.filter((x) => x.type === 'warning')) {
    console.log(`    # ${file}: console warning (not a failure): ${m.text}`);
  }
}

async function axe(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE });
  }
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const lines = result.violations.map((v) =>
    `${where}: ${v.id} (${v.impact}): ${v.help}\n      at ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}` +
    (v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : ''));
  check(lines.length === 0, `axe-core violations:\n  ${lines.join('\n  ')}`);
}

const visible = (page, sel) => page.locator(sel).first().isVisible();

// The number the checklist gives node ID ("4. Call 999") and its title.
async function itemHeading(page, id) {
  // h3, or h4 for a step inside a together
  const h3 = (await page.locator(`#item-${id} > h3, #item-${id} > h4`).first().textContent())
    .replace(/\s+/g, ' ').trim();
  const m = /^(\d+)\.\s*(.*)$/.exec(h3);
  check(m, `#item-${id} h3 does not start with its number: ${JSON.stringify(h3)}`);
  return { number: m[1], title: m[2] };
}

// The guide shows node ID: #guide-title has its number and title and has
// the focus; at an outcome, p#guide-outcome names it.
async function guideShows(page, id, how) {
  const { number, title } = await itemHeading(page, id);
  const shown = ((await page.locator('#guide-title').textContent()) || '').replace(/\s+/g, ' ').trim();
  check(shown.startsWith(number + '.') || shown.startsWith(number + ' '),
        `${how}: the guide should be at ${id} (${number}. ...), #guide-title is ${JSON.stringify(shown)}`);
  check(shown.includes(title.slice(0, 20)),
        `${how}: #guide-title ${JSON.stringify(shown)} does not have ${id}'s title ${JSON.stringify(title)}`);
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  check(focused === 'guide-title', `${how}: the focus should be on #guide-title, is on #${focused}`);
  const outcome = page.locator('#guide #guide-outcome');
  if (PREVENT_KINDS[id] === 'outcome') {
    equal(await outcome.getAttribute('data-outcome'), id, `${how}: p#guide-outcome[data-outcome]`);
  } else {
    check((await outcome.count()) === 0 || !(await outcome.isVisible()),
          `${how}: p#guide-outcome shown at ${id}, which is not an outcome`);
  }
}

async function answer(page, a) { await page.click(`#guide button.guide-answer[data-answer="${a}"]`); }
async function next(page) { await page.click('#guide #guide-next'); }

async function startGuide(page) {
  check(await visible(page, '#guide-start'), 'button#guide-start is not visible (the script did not show #tools?)');
  await page.click('#guide-start');
  check(await visible(page, '#guide'), 'section#guide is not shown after Guide me');
  await guideShows(page, 'immediate_risk', 'Guide me');
  check(await page.locator('#guide-back').isDisabled(), 'button#guide-back is not disabled at the start');
  for (const b of ['#guide-restart', '#guide-close']) {
    check(await visible(page, b), `${b} is not shown in the guide`);
  }
}

// From the start, to still_concerned: No, Done, next at notice_concern,
// then at the together check_concern each of its steps ticked (last first:
// any order), then Done, next.
async function walkToStillConcerned(page) {
  await answer(page, 'no');
  await guideShows(page, 'notice_concern', 'immediate_risk: No');
  await next(page);
  await guideShows(page, 'check_concern', 'Done, next at notice_concern');
  for (const s of [...CHECK_STEPS].reverse()) {
    check(await page.locator('#guide #guide-next').isDisabled(), `Done, next enabled at check_concern before ${s} is ticked`);
    await page.locator(`#guide input[data-tick="${s}"]`).check();
  }
  await next(page);
  await guideShows(page, 'still_concerned', 'Done, next at check_concern, every step ticked');
}

async function shot(page, name, options = {}) {
  await page.screenshot({ path: join(SHOTS, name), ...options });
}

// ---- the tests --------------------------------------------------------------

browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

const written = existsSync(PAGES) ? readdirSync(PAGES).filter((f) => f.endsWith('.html')).sort() : [];
const pathwayPages = written.filter((f) => f !== 'index.html');
const P = 'prevent.html';

await test('the build wrote index.html and prevent.html', async () => {
  check(written.includes('index.html'), `no index.html in ${PAGES} (wrote: ${written.join(' ') || 'nothing'})`);
  check(written.includes(P), `no ${P} in ${PAGES}`);
});

for (const f of pathwayPages) {
  await test(`${f}: loads with no console error, uncaught error or request but itself; the script runs`, async (opened) => {
    const { page, log, url } = await open(opened, f);
    clean(f, log, url);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy" i]').getAttribute('content');
    check(csp && /default-src\s+'none'/.test(csp), `${f}: no CSP "default-src 'none'" meta (${csp})`);
    check(await visible(page, '#tools'), `${f}: #tools is still hidden: the script did not run`);
    await shot(page, f.replace(/\.html$/, '.png'), { fullPage: true });
  });
  await test(`${f}: axe-core finds no violations, at load and with the guide open`, async (opened) => {
    const { page } = await open(opened, f, { bypassCSP: true });
    await axe(page, `${f} at load`);
    await page.click('#guide-start');
    await axe(page, `${f} with the guide open`);
  });
}

if (written.includes('index.html')) {
  await test('index.html: loads with no console error, uncaught error or request but itself', async (opened) => {
    const { page, log, url } = await open(opened, 'index.html');
    clean('index.html', log, url);
    await shot(page, 'index.png', { fullPage: true });
  });
  await test('index.html: links to the checklist of every pathway built', async (opened) => {
    const { page, url } = await open(opened, 'index.html');
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
    for (const f of pathwayPages) {
      check(hrefs.includes(new URL(f, url).href), `index.html has no link to ${f}`);
    }
    const h1 = await page.locator('h1').count();
    equal(h1, 1, 'index.html: number of h1');
  });
  await test('index.html: axe-core finds no violations', async (opened) => {
    const { page } = await open(opened, 'index.html', { bypassCSP: true });
    await axe(page, 'index.html');
  });
}

if (written.includes(P)) {
  await test('prevent: one h1, in the header; body and footer name the pathway and its hash; stages, contacts', async (opened) => {
    const { page } = await open(opened, P);
    equal(await page.locator('h1').count(), 1, 'number of h1');
    equal(await page.locator('header > h1').count(), 1, 'number of header > h1');
    equal(await page.locator('body').getAttribute('data-pathway'), 'prevent', 'body[data-pathway]');
    const hash = await page.locator('body').getAttribute('data-hash');
    check(/^sha256:[0-9a-f]{64}$/.test(hash || ''), `body[data-hash] is ${JSON.stringify(hash)}`);
    check((await page.locator('footer').textContent()).includes(hash.replace(/^sha256:/, '')),
          'the footer does not give the content hash');
    equal(await page.locator('main#checklist').count(), 1, 'number of main#checklist');
    for (const s of ['notice', 'check', 'share']) {
      equal(await page.locator(`section.stage#stage-${s} > h2`).count(), 1, `section.stage#stage-${s} > h2`);
    }
    check((await page.locator('#contacts li#contact-police_emergency a[href="tel:999"]').count()) === 1,
          'no li#contact-police_emergency with a tel:999 link in #contacts');
    check((await page.locator('#about').textContent()).includes('2024.11'), '#about does not give the version');
  });

  await test('prevent: #emergency comes first after the title, says 999 with a tel:999 link and links call_999', async (opened) => {
    const { page } = await open(opened, P);
    const order = await page.evaluate(() => {
      const e = document.getElementById('emergency');
      const before = (sel) => {
        const x = document.querySelector(sel);
        return !x || !!(e.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING);
      };
      const h1 = document.querySelector('h1');
      return {
        exists: !!e, section: e && e.tagName,
        afterTitle: !!(h1 && e && (h1.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)),
        beforeRest: ['#tools', '#guide', '#about', '#contacts', '#checklist', '#diagram', '#record']
          .filter((s) => !before(s)),
      };
    });
    check(order.exists, 'no #emergency');
    equal(order.section, 'SECTION', '#emergency element');
    check(order.afterTitle, '#emergency does not come after the h1');
    equal(order.beforeRest, [], 'parts that come before #emergency but should follow it');
    const text = await page.locator('#emergency').textContent();
    check(/999/.test(text), `#emergency does not mention 999: ${JSON.stringify(text)}`);
    check((await page.locator('#emergency a[href="tel:999"]').count()) >= 1, '#emergency has no a[href="tel:999"]');
    check((await page.locator('#emergency a[href="#item-call_999"]').count()) >= 1,
          '#emergency does not link to the emergency outcome #item-call_999');
    check(await visible(page, '#emergency a[href="tel:999"]'), 'the tel:999 link is not visible');
  });

  await test('prevent: ticks and answers survive a reload, saved under pathwayc:prevent:HASH', async (opened) => {
    const { page } = await open(opened, P);
    const hash = await page.locator('body').getAttribute('data-hash');
    const inputs = ['#done-notice_concern', '#do-notice_concern-1', '#answer-still_concerned-yes'];
    for (const s of inputs) await page.check(s);
    await page.reload({ waitUntil: 'load' });
    for (const s of inputs) check(await page.isChecked(s), `${s} is not checked after a reload`);
    check(!(await page.isChecked('#answer-still_concerned-no')), '#answer-still_concerned-no checked after a reload');
    check(!(await page.isChecked('#done-check_with_parent')), '#done-check_with_parent checked, never ticked');
    const keys = await page.evaluate(() => Object.keys(localStorage));
    check(keys.includes(`pathwayc:prevent:${hash}`),
          `localStorage has no key pathwayc:prevent:${hash}; its keys: ${JSON.stringify(keys)}`);
    // Unticking survives a reload too.
    await page.uncheck('#do-notice_concern-1');
    await page.reload({ waitUntil: 'load' });
    check(!(await page.isChecked('#do-notice_concern-1')), '#do-notice_concern-1 unticked, but ticked again after a reload');
    check(await page.isChecked('#done-notice_concern'), '#done-notice_concern lost after unticking another box');
  });

  await test('prevent: ticks saved against another content hash are not shown', async (opened) => {
    const { page } = await open(opened, P);
    const hash = await page.locator('body').getAttribute('data-hash');
    await page.check('#done-notice_concern');
    await page.check('#answer-immediate_risk-no');
    await page.evaluate((k) => {
      const v = localStorage.getItem(k);
      localStorage.clear();
      localStorage.setItem('pathwayc:prevent:sha256:' + '0'.repeat(64), v);
    }, `pathwayc:prevent:${hash}`);
    await page.reload({ waitUntil: 'load' });
    check(!(await page.isChecked('#done-notice_concern')), 'a tick saved under another hash is shown');
    check(!(await page.isChecked('#answer-immediate_risk-no')), 'an answer saved under another hash is shown');
  });

  await test('prevent: Clear ticks and answers clears them, for good', async (opened) => {
    const { page } = await open(opened, P);
    await page.check('#done-notice_concern');
    await page.check('#answer-immediate_risk-no');
    await page.click('#clear');
    // The contract does not say whether Clear asks first; a second click
    // (or a confirm dialog, accepted) may be needed.
    if (await page.isChecked('#done-notice_concern')) await page.click('#clear');
    check(!(await page.isChecked('#done-notice_concern')), 'tick still there after Clear (clicked twice)');
    check(!(await page.isChecked('#answer-immediate_risk-no')), 'answer still there after Clear');
    await page.reload({ waitUntil: 'load' });
    check(!(await page.isChecked('#done-notice_concern')), 'tick back after Clear and a reload');
    check(!(await page.isChecked('#answer-immediate_risk-no')), 'answer back after Clear and a reload');
  });

  await test('prevent: Guide me reaches call_999 (immediate risk: Yes)', async (opened) => {
    const { page, log, url } = await open(opened, P);
    await startGuide(page);
    equal(await page.locator('#guide button.guide-answer').evaluateAll((bs) => bs.map((b) => b.dataset.answer)),
          ['yes', 'no'], 'the answers offered at immediate_risk');
    await answer(page, 'yes');
    await guideShows(page, 'call_999', 'immediate_risk: Yes');
    check(await page.isChecked('#answer-immediate_risk-yes'), 'answering Yes in the guide did not set #answer-immediate_risk-yes');
    await shot(page, 'prevent-guide-call_999.png');
    // the call made, the walk goes on
    await next(page);
    await guideShows(page, 'child_protection_procedure', 'Called 999, next at call_999');
    check(await page.isChecked('#done-call_999'), 'going on from call_999 did not tick the call');
    clean(P, log, url);
  });

  await test('prevent: Guide me reaches referred (No; Check done; still concerned: Yes)', async (opened) => {
    const { page, log, url } = await open(opened, P);
    await startGuide(page);
    await walkToStillConcerned(page);
    await answer(page, 'yes');
    await guideShows(page, 'complete_referral', 'still_concerned: Yes');
    await next(page);
    await guideShows(page, 'update_records', 'Done, next at complete_referral');
    await next(page);
    await guideShows(page, 'referred', 'Done, next at update_records');
    // Answering and moving on in the guide ticks and answers in the checklist.
    for (const s of ['#answer-immediate_risk-no', '#answer-still_concerned-yes', '#done-notice_concern',
                     ...CHECK_STEPS.map((x) => `#done-${x}`), '#done-complete_referral', '#done-update_records']) {
      check(await page.isChecked(s), `${s} not set by the guide`);
    }
    await page.locator('#guide').scrollIntoViewIfNeeded();
    await shot(page, 'prevent-guide-referred.png');
    await shot(page, 'prevent-guide-referred-full.png', { fullPage: true });
    clean(P, log, url);
  });

  await test('prevent: Guide me reaches no_further_action (still concerned: No)', async (opened) => {
    const { page } = await open(opened, P);
    await startGuide(page);
    await walkToStillConcerned(page);
    await answer(page, 'no');
    await guideShows(page, 'no_further_action', 'still_concerned: No');
    check(await page.isChecked('#answer-still_concerned-no'), 'answering No in the guide did not set #answer-still_concerned-no');
  });

  await test('prevent: childrens_services is offered from complete_referral (also)', async (opened) => {
    const { page } = await open(opened, P);
    const link = page.locator('#item-complete_referral p.also a[href="#item-childrens_services"]');
    check((await link.count()) === 1, '#item-complete_referral has no p.also linking to #item-childrens_services');
    await link.click();
    equal(await page.evaluate(() => location.hash), '#item-childrens_services', 'location.hash after following the also link');
    check(await page.locator('#item-childrens_services').isVisible(), '#item-childrens_services not visible');
    // Where the guide stands at complete_referral, childrens_services is
    // reachable: the contract does not say how the panel shows `also`, so
    // only note whether it names it.
    await page.click('#guide-start');
    await walkToStillConcerned(page);
    await answer(page, 'yes');
    await guideShows(page, 'complete_referral', 'still_concerned: Yes');
    const guideText = await page.locator('#guide').textContent();
    if (!/Children.s Services/.test(guideText)) {
      console.log("    # the guide at complete_referral does not mention Children's Services (docs/checklist.md does not ask it to)");
    }
  });

  await test('prevent: Back undoes one move; Start again returns to the start', async (opened) => {
    const { page } = await open(opened, P);
    await startGuide(page);
    await answer(page, 'no');
    await next(page);
    await guideShows(page, 'check_concern', 'Done, next at notice_concern');
    await page.click('#guide-back');
    await guideShows(page, 'notice_concern', 'Back from check_concern');
    await page.click('#guide-back');
    await guideShows(page, 'immediate_risk', 'Back from notice_concern');
    check(await page.locator('#guide-back').isDisabled(), '#guide-back not disabled after going back to the start');
    await answer(page, 'yes');
    await guideShows(page, 'call_999', 'Yes after going back');
    await page.click('#guide-back');
    await guideShows(page, 'immediate_risk', 'Back from call_999');
    await answer(page, 'no');
    await next(page);
    await guideShows(page, 'check_concern', 'No, Done, next');
    await page.click('#guide-restart');
    await guideShows(page, 'immediate_risk', 'Start again');
    check(await page.locator('#guide-back').isDisabled(), '#guide-back not disabled after Start again');
    await page.click('#guide-close');
    check(!(await visible(page, '#guide')), '#guide still shown after Close');
  });

  await test('prevent: Copy record writes the pathway, its hash and each tick and answer in order', async (opened) => {
    const { page, log, url } = await open(opened, P, { permissions: ['clipboard-read', 'clipboard-write'] });
    const hash = await page.locator('body').getAttribute('data-hash');
    check(!(await visible(page, '#record')), '#record shown before Copy record');
    await page.check('#answer-immediate_risk-no');
    await page.waitForTimeout(20);
    await page.check('#done-notice_concern');
    await page.waitForTimeout(20);
    await page.check('#answer-still_concerned-yes');
    await page.click('#copy-record');
    check(await visible(page, '#record-text'), '#record-text not shown after Copy record');
    const text = await page.locator('#record-text').inputValue();
    const h1 = (await page.locator('h1').textContent()).trim();
    check(text.includes(h1) || /\bprevent\b/.test(text), `the record does not name the pathway:\n${text}`);
    check(text.includes('2024.11'), `the record does not give the version 2024.11:\n${text}`);
    check(text.includes(hash), `the record does not give the hash ${hash}:\n${text}`);
    const at = [];
    for (const id of ['immediate_risk', 'notice_concern', 'still_concerned']) {
      const { number, title } = await itemHeading(page, id);
      let i = text.indexOf(title.slice(0, 20));
      if (i < 0) i = text.indexOf(id);
      check(i >= 0, `the record does not name ${id} (${number}. ${title}):\n${text}`);
      at.push(i);
    }
    check(at[0] < at[1] && at[1] < at[2], `the record does not list the ticks and answers in the order made:\n${text}`);
    check(/\d\d:\d\d/.test(text), `the record gives no times:\n${text}`);
    const clip = await page.evaluate(() => navigator.clipboard.readText()).catch((e) => `(clipboard unreadable: ${e})`);
    equal(clip, text, 'the clipboard after Copy record');
    clean(P, log, url);
  });

  await test('prevent: keyboard: Tab reaches the skip link first, and it goes to the checklist', async (opened) => {
    const { page } = await open(opened, P);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const a = document.activeElement;
      return { cls: a && a.className, href: a && a.getAttribute('href'), tag: a && a.tagName };
    });
    check(first.tag === 'A' && /\bskip-link\b/.test(first.cls) && first.href === '#checklist',
          `the first Tab lands on ${JSON.stringify(first)}, not a.skip-link[href="#checklist"]`);
    check(await visible(page, 'a.skip-link'), 'the skip link is not visible when focused');
    await page.keyboard.press('Enter');
    equal(await page.evaluate(() => location.hash), '#checklist', 'location.hash after the skip link');
  });

  await test('prevent: keyboard: the guide works with Tab and Enter', async (opened) => {
    const { page } = await open(opened, P);
    const tabTo = async (sel) => {
      for (let i = 0; i < 60; i++) {
        if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), sel)) return;
        await page.keyboard.press('Tab');
      }
      throw new Failure(`60 presses of Tab never reached ${sel}`);
    };
    await tabTo('#guide-start');
    await page.keyboard.press('Enter');
    await guideShows(page, 'immediate_risk', 'Enter on Guide me');
    await tabTo('button.guide-answer[data-answer="no"]');
    await page.keyboard.press('Enter');
    await guideShows(page, 'notice_concern', 'Enter on No');
    await tabTo('#guide-next');
    await page.keyboard.press('Enter');
    await guideShows(page, 'check_concern', 'Enter on Done, next');
    await tabTo('#guide-back');
    await page.keyboard.press('Enter');
    await guideShows(page, 'notice_concern', 'Enter on Back');
    await tabTo('#guide-restart');
    await page.keyboard.press('Enter');
    await guideShows(page, 'immediate_risk', 'Enter on Start again');
    await tabTo('button.guide-answer[data-answer="yes"]');
    await page.keyboard.press(' ');
    await guideShows(page, 'call_999', 'Space on Yes');
  });

  await test('prevent: axe-core finds no violations: at load, guide at a question, a step and an outcome, record shown', async (opened) => {
    const { page } = await open(opened, P, { bypassCSP: true });
    await axe(page, 'at load');
    await page.click('#guide-start');
    await axe(page, 'guide at immediate_risk');
    await answer(page, 'no');
    await axe(page, 'guide at notice_concern');
    await page.click('#guide-back');
    await answer(page, 'yes');
    await axe(page, 'guide at call_999');
    await page.check('#done-notice_concern');
    await page.click('#copy-record');
    await axe(page, 'record shown');
  });

  await test('prevent: without JavaScript every node, answer and link is there', async (opened) => {
    const { page, log, url } = await open(opened, P, { javaScriptEnabled: false });
    clean(P, log, url);
    const items = await page.locator('article.item').evaluateAll((as) =>
      as.map((a) => ({ id: a.id, node: a.dataset.node, kind: a.dataset.kind,
                       h3: (a.querySelector(':scope > h3, :scope > h4') || {}).textContent,
                       in: a.dataset.in || null })));
    equal(items.length, 15, 'number of article.item');
    equal(items.map((i) => i.node), PREVENT_NODES, 'article.item[data-node], in order');
    for (const [k, it] of items.entries()) {
      equal(it.id, `item-${it.node}`, `id of the item for ${it.node}`);
      equal(it.kind, PREVENT_KINDS[it.node] || 'step', `data-kind of ${it.node}`);
      equal(it.in, CHECK_STEPS.includes(it.node) ? 'check_concern' : null, `data-in of ${it.node}`);
      check(new RegExp(`^\\s*${k + 1}\\.`).test(it.h3 || ''), `the h3 of ${it.node} does not start with ${k + 1}.: ${JSON.stringify(it.h3)}`);
    }
    check(await page.locator('#item-immediate_risk').isVisible(), 'the checklist is not visible without JavaScript');
    check(/Start here/.test(await page.locator('#item-immediate_risk').textContent()), 'the start node does not say "Start here"');
    for (const [q, answers] of [['immediate_risk', { yes: 'call_999', no: 'notice_concern' }],
                                ['still_concerned', { yes: 'complete_referral', no: 'no_further_action' }]]) {
      for (const [a, to] of Object.entries(answers)) {
        const radio = page.locator(`#item-${q} input#answer-${q}-${a}[type=radio][name="answer-${q}"][value="${a}"]`);
        check((await radio.count()) === 1, `no radio input#answer-${q}-${a} (name answer-${q}, value ${a})`);
        const label = await page.locator(`label[for="answer-${q}-${a}"]`).count();
        check(label >= 1 || (await radio.evaluate((r) => !!r.closest('label'))), `input#answer-${q}-${a} has no label`);
        check((await page.locator(`#item-${q} a[href="#item-${to}"]`).count()) >= 1, `#item-${q} has no link to #item-${to} (answer ${a})`);
      }
    }
    for (const s of ['notice_concern', ...CHECK_STEPS, 'complete_referral', 'update_records']) {
      check((await page.locator(`#item-${s} input#done-${s}[type=checkbox][data-tick]`).count()) === 1, `no checkbox input#done-${s}[data-tick]`);
      // a step inside the together has no next of its own: the together's says where to go
      const nexts = await page.locator(`#item-${s} > p.next a[href^="#item-"]`).count();
      check(CHECK_STEPS.includes(s) ? nexts === 0 : nexts === 1, `#item-${s} has ${nexts} p.next links`);
    }
    check((await page.locator('#item-check_concern > p.next a[href="#item-still_concerned"]').count()) === 1,
          '#item-check_concern does not say to go on to still_concerned once all are done');
    check((await page.locator('#item-call_999 > p.next a[href="#item-child_protection_procedure"]').count()) === 1,
          '#item-call_999 does not say where to go once 999 is called');
    const dangling = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
      .map((a) => a.getAttribute('href')).filter((h) => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1)))));
    equal(dangling, [], 'in-page links whose target does not exist');
    check(!(await visible(page, '#tools')), '#tools shown without JavaScript (its buttons would do nothing)');
    check(!(await visible(page, '#guide')), '#guide shown without JavaScript');
    await page.click('#item-immediate_risk a[href="#item-notice_concern"]');
    equal(await page.evaluate(() => location.hash), '#item-notice_concern', 'location.hash after the answer link No');
    check(await page.locator('#item-notice_concern > h3').isVisible(), 'the item an answer links to is not visible');
    await shot(page, 'prevent-nojs.png', { fullPage: true });
  });

  await test('prevent: print hides the tools, the guide and the diagram', async (opened) => {
    const { page } = await open(opened, P);
    await page.check('#done-notice_concern');
    await page.click('#guide-start');
    await page.click('#copy-record').catch(() => {});
    check(await visible(page, '#tools'), '#tools not shown on screen');
    await page.emulateMedia({ media: 'print' });
    for (const s of ['#tools', '#guide', '#diagram']) {
      check(!(await visible(page, s)), `${s} is visible in print`);
    }
    check(await page.locator('#checklist').isVisible(), '#checklist not visible in print');
    check(await page.locator('#emergency').isVisible(), '#emergency not visible in print');
    await shot(page, 'prevent-print.png', { fullPage: true });
    await page.pdf({ path: join(SHOTS, 'prevent-print.pdf'), format: 'A4', printBackground: false });
  });

  // A scored question (pathways/domestic-abuse.pathway, dash_score 0..27,
  // bands 0..13 and 14..27): the guide takes a number, refuses one out of
  // range without moving, and goes where the band holding it leads.
  await test('domestic_abuse: Guide me takes a DASH score, refuses 30, goes by the band of 16', async (opened) => {
    const { page, log, url } = await open(opened, 'domestic_abuse.html');
    await page.click('#guide-start');
    await page.click('#guide button.guide-answer[data-answer="no"]');
    await page.click('#guide #guide-next');
    const title = async () => ((await page.locator('#guide-title').textContent()) || '').replace(/\s+/g, ' ');
    const { number } = await itemHeading(page, 'dash_score');
    check((await title()).startsWith(number + '.'), `the guide should be at dash_score, is at ${await title()}`);
    check(await visible(page, '#guide #guide-score'), 'no input#guide-score at a scored question');
    check((await page.locator('#guide button.guide-answer').count()) === 0,
          'a scored question should take a number, not answer buttons');
    await page.fill('#guide-score', '30');
    await page.click('#guide-score-go');
    check((await title()).startsWith(number + '.'), `a score of 30 (outside 0..27) moved the guide to ${await title()}`);
    check(((await page.locator('#tools-status').textContent()) || '').length > 0, 'no message for a score out of range');
    await page.fill('#guide-score', '16');
    await page.click('#guide-score-go');
    const to = await itemHeading(page, 'refer_to_marac');
    check((await title()).startsWith(to.number + '.'), `a score of 16 should lead to refer_to_marac, the guide is at ${await title()}`);
    check(await page.locator('#answer-dash_score-14-27').isChecked(), 'the checklist does not show the band 14-27 as the answer');
    clean('domestic_abuse.html', log, url);
  });

  await test('the screenshots are written under build/', async () => {
    const want = [...pathwayPages.map((f) => f.replace(/\.html$/, '.png')), 'index.png',
                  'prevent-guide-referred.png', 'prevent-print.png', 'prevent-print.pdf', 'prevent-nojs.png'];
    const missing = want.filter((f) => !existsSync(join(SHOTS, f)) || statSync(join(SHOTS, f)).size < 1000);
    equal(missing, [], `missing or empty in ${SHOTS}`);
  });
}

// ---- Names with '-' (tests/outputs/hyphen-ids.pathway, built into PAGES/ids) ----
//
// Question q's answer a-b and question q-a's answer b once shared the id
// "answer-q-a-b", so a click on one label chose the other question's answer.

await test('ids: no two elements share an id; each answer\'s label chooses its own answer', async (opened) => {
  const { page } = await open(opened, 'ids/ids.html');
  const dup = await page.evaluate(() => {
    const seen = new Set(), twice = [];
    for (const e of document.querySelectorAll('[id]')) {
      if (seen.has(e.id)) twice.push(e.id);
      seen.add(e.id);
    }
    return twice;
  });
  equal(dup, [], 'ids used twice in ids.html');
  const chosen = () => page.evaluate(() =>
    [...document.querySelectorAll('input[type=radio]:checked')].map((r) => `${r.name}=${r.value}`).sort());
  await page.click('label:has-text("Answer a-b of q")');
  equal(await chosen(), ['answer-q=a-b'], 'after a click on the label of q\'s answer a-b');
  await page.click('label:has-text("Answer b of q-a")');
  equal(await chosen(), ['answer-q-a=b', 'answer-q=a-b'], 'after a click on the label of q-a\'s answer b');
  await page.click('label:has-text("Answer c of q")');
  equal(await chosen(), ['answer-q-a=b', 'answer-q=c'], 'after a click on the label of q\'s answer c');
});

// ---- Language 2 (tests/outputs/language2.pathway, built into PAGES/language2) ----
//
// exploitation: tbc on the pathway, a stage, a node, a contact and a
// form; consent not-stated; by "text"; labelled score bands (10..13 has
// no label). recruitment: emergency-route none. unsorted: no area or
// topic. The index groups them.

const L2 = 'language2/';
const l2Written = existsSync(join(PAGES, 'language2'))
  ? readdirSync(join(PAGES, 'language2')).filter((f) => f.endsWith('.html')).sort() : [];

// No horizontal scrolling: everything fits the width of the window.
async function fits(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  check(scroll <= width, `${where}: the page is ${scroll} px wide in a window of ${width} px`);
}

await test('language2: the build wrote exploitation, recruitment, unsorted and the index', async () => {
  equal(l2Written, ['exploitation.html', 'index.html', 'recruitment.html', 'unsorted.html'],
        `pages in ${join(PAGES, 'language2')}`);
});

for (const f of l2Written) {
  await test(`language2/${f}: loads clean; axe-core finds no violations (and with the guide open); fits 320 px`, async (opened) => {
    const { page, log, url } = await open(opened, L2 + f);
    clean(f, log, url);
    const axed = await open(opened, L2 + f, { bypassCSP: true });
    await axe(axed.page, `${f} at load`);
    if (f !== 'index.html') {
      await axed.page.click('#guide-start');
      await axe(axed.page, `${f} with the guide open`);
    }
    for (const width of [320, 390, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await fits(page, `${f} at ${width} px`);
      await shot(page, `language2-${f.replace(/\.html$/, '')}-${width}.png`, { fullPage: true });
    }
  });
}

if (l2Written.includes('exploitation.html')) {
  const E = L2 + 'exploitation.html';

  await test('exploitation: the summary is a line under the title', async (opened) => {
    const { page } = await open(opened, E);
    const summary = page.locator('header > h1 + p.summary');
    check(await summary.isVisible(), 'no visible p.summary right after the h1');
    equal((await summary.textContent()).trim(),
          'Use this when you think a child is being exploited, criminally or sexually.', 'p.summary');
  });

  await test('exploitation: every tbc is shown, in words, beside what it is about', async (opened) => {
    const { page } = await open(opened, E, { javaScriptEnabled: false });
    const where = [
      ['#about', 'The source gives no timescale for the Risk Management Meeting.'],
      ['#about', 'Who chairs the meeting out of hours.'],
      ['#stage-act > p.tbc', 'The source does not say whether this stage applies to adults.'],
      ['#item-share > p.tbc', 'No phone number for the service is in the source.'],
      ['#contact-climb', 'The source gives no phone number for CLIMB.'],
      ['#item-share dd', 'The source gives no phone number for CLIMB.'],
      ['#item-marac dd', 'Which version of the checklist the MARAC expects.'],
      ['#item-marac dd', 'The source gives no phone number for CLIMB.'],
    ];
    for (const [inside, text] of where) {
      const tbc = page.locator(`${inside} .tbc`).filter({ hasText: text })
        .or(page.locator(`${inside}.tbc`).filter({ hasText: text }));
      check((await tbc.count()) >= 1, `no .tbc in ${inside} saying ${JSON.stringify(text)}`);
      check(await tbc.first().isVisible(), `the .tbc in ${inside} saying ${JSON.stringify(text)} is not visible`);
      const said = (await tbc.first().textContent()).replace(/\s+/g, ' ').trim();
      equal(said, `To be confirmed: ${text}`, `the .tbc in ${inside}`);
    }
    // the pathway's come first in About, before its other fields
    const first = await page.evaluate(() => document.querySelector('#about h2').nextElementSibling.className);
    equal(first, 'tbc', 'what follows the heading of #about');
    await shot(page, 'language2-exploitation-nojs.png', { fullPage: true });
  });

  await test('exploitation: consent not stated reads "Not stated — ask your DSL", never as a rule; by text is Who', async (opened) => {
    const { page } = await open(opened, E);
    const fields = await page.locator('#item-share dl').evaluate((dl) =>
      Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
    equal(fields.Consent, 'Not stated — ask your DSL. The source does not say whether consent is needed.', 'Consent of share');
    equal(fields.Who, 'The chair of the Risk Management Meeting', 'Who of share');
    check(await visible(page, '#item-share .not-stated'), 'the not-stated consent is not marked (.not-stated)');
  });

  await test('exploitation: band labels in the checklist, the guide, its messages and the record', async (opened) => {
    const { page, log, url } = await open(opened, E, { permissions: ['clipboard-read', 'clipboard-write'] });
    const labels = await page.locator('#item-dash_score fieldset.answers label').allTextContents();
    equal(labels, ['0 to 9: Standard risk', '10 to 13', '14 to 27: High risk'], 'the band labels of dash_score');
    await page.click('#guide-start');
    await page.click('#guide button.guide-answer[data-answer="no"]');
    await page.click('#guide #guide-next');
    const title = async () => ((await page.locator('#guide-title').textContent()) || '').replace(/\s+/g, ' ');
    check((await title()).startsWith('4.'), `the guide should be at 4. DASH risk score, is at ${await title()}`);
    equal(await page.locator('#guide #guide-bands li').allTextContents(),
          ['0 to 9: Standard risk', '10 to 13', '14 to 27: High risk'], 'the bands the guide lists');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.locator('#guide').scrollIntoViewIfNeeded();
    await shot(page, 'language2-guide-bands-390.png');
    await page.fill('#guide-score', '30');
    await page.click('#guide-score-go');
    equal(await page.locator('#tools-status').textContent(), 'Enter a whole-number score from 0 to 27.', 'the message for 30');
    check((await title()).startsWith('4.'), `a score of 30 moved the guide to ${await title()}`);
    await page.fill('#guide-score', '15');
    await page.click('#guide-score-go');
    equal(await page.locator('#tools-status').textContent(), 'Score 15: High risk (14 to 27).', 'the message for 15');
    check((await title()).startsWith('7.'), `a score of 15 should lead to 7. Refer to MARAC, the guide is at ${await title()}`);
    check(await page.isChecked('#answer-dash_score-14-27'), 'the checklist does not show the band 14-27 as the answer');
    await page.click('#copy-record');
    const text = await page.locator('#record-text').inputValue();
    check(text.includes('Decided: 4. DASH risk score Answer: 15 (High risk)'),
          `the record does not give the score with its band's label:\n${text}`);
    check(text.includes('Decided: 1. Is anyone in immediate danger? Answer: No'), `the record lacks the first answer:\n${text}`);
    await page.locator('#record').scrollIntoViewIfNeeded();
    await shot(page, 'language2-record-390.png');
    // Answered in the checklist itself, no score is known: the band is.
    await page.check('#answer-dash_score-10-13');
    await page.click('#copy-record');
    const again = await page.locator('#record-text').inputValue();
    check(again.includes('Decided: 4. DASH risk score Answer: 10 to 13\n'),
          `answered by its radio button, the record should give the band:\n${again}`);
    clean(E, log, url);
  });

  await test('exploitation: a score reloaded with the walk is still recorded with its band', async (opened) => {
    const { page } = await open(opened, E);
    await page.click('#guide-start');
    await page.click('#guide button.guide-answer[data-answer="no"]');
    await page.click('#guide #guide-next');
    await page.fill('#guide-score', '3');
    await page.click('#guide-score-go');
    await page.reload({ waitUntil: 'load' });
    await page.click('#copy-record');
    const text = await page.locator('#record-text').inputValue();
    check(text.includes('Answer: 3 (Standard risk)'), `after a reload, the record does not give 3 (Standard risk):\n${text}`);
  });
}

if (l2Written.includes('recruitment.html')) {
  await test('recruitment: no emergency route: says why where the emergency box is, keeps the 999 line, not the red box', async (opened) => {
    const { page } = await open(opened, L2 + 'recruitment.html');
    const box = page.locator('#emergency');
    check(await box.isVisible(), '#emergency is not shown');
    check(/\bno-route\b/.test(await box.getAttribute('class') || ''), '#emergency is not .no-route');
    const text = (await box.textContent()).replace(/\s+/g, ' ');
    check(text.includes('If anyone is in immediate danger: call 999'), `#emergency lost the 999 line: ${text}`);
    check(text.includes('This pathway has no emergency route. This is an administrative procedure: it has no emergency.'),
          `#emergency does not say why there is no emergency route: ${text}`);
    check(await visible(page, '#emergency a[href="tel:999"]'), 'no visible tel:999 link');
    equal(await box.locator('ul, a[href^="#item-"]').count(), 0, 'emergency outcomes listed for a pathway without any');
    const red = await box.evaluate((e) => getComputedStyle(e).backgroundColor);
    check(!/^rgb\(176, 0, 32\)$/.test(red), `#emergency is still red (${red})`);
  });
}

if (l2Written.includes('index.html')) {
  await test('language2 index: grouped by area, then topic, those without last; each with its summary', async (opened) => {
    const { page } = await open(opened, L2 + 'index.html');
    const outline = await page.evaluate(() => [...document.querySelectorAll('main h2, main h3, main h4')]
      .map((h) => `${h.tagName} ${h.textContent}`));
    equal(outline, ['H2 Herefordshire', 'H3 Exploitation', 'H4 Child exploitation', 'H3 Recruitment',
                    'H4 Safer recruitment', 'H2 No area given', 'H3 A pathway with no area or topic'],
          'the index\'s headings, in order');
    const summary = await page.locator('li.pathway', { has: page.locator('a[href="recruitment.html"]') })
      .locator('p.summary').textContent();
    equal(summary, 'Use this when you recruit staff or volunteers who will work with children.', 'the summary of recruitment');
  });
}

await test('language2: the screenshots are written under build/', async () => {
  const want = ['exploitation', 'recruitment', 'unsorted', 'index']
    .flatMap((f) => [320, 390, 1280].map((w) => `language2-${f}-${w}.png`))
    .concat(['language2-exploitation-nojs.png', 'language2-guide-bands-390.png', 'language2-record-390.png']);
  const missing = want.filter((f) => !existsSync(join(SHOTS, f)) || statSync(join(SHOTS, f)).size < 1000);
  equal(missing, [], `missing or empty in ${SHOTS}`);
});

// ---- Language 2's structures (tests/outputs/language2-structure.pathway,
// built into PAGES/structure) ------------------------------------------------
//
// referrals: 1 danger (question) -> 2 call_999 (an emergency outcome that
// goes on to 3 tell_dsl) -> 4 eligible (all-of: 1, any-of: 2.1, 2.2) ->
// 6 refer_both (a together: 7 refer_climb, 8 refer_branch, 9 tell_school;
// next 10 review); 4 No -> 5 other_need (any-of: 1, all-of: 2.1, 2.2).

const S = 'structure/';
const sWritten = existsSync(join(PAGES, 'structure'))
  ? readdirSync(join(PAGES, 'structure')).filter((f) => f.endsWith('.html')).sort() : [];
const R = S + 'referrals.html';
const TOGETHER_STEPS = ['refer_climb', 'refer_branch', 'tell_school'];

const flat = (t) => (t || '').replace(/\s+/g, ' ').trim();
const guideTitle = async (page) => flat(await page.locator('#guide-title').textContent());
async function guideAt(page, number, how) {
  const t = await guideTitle(page);
  check(t.startsWith(number + '.'), `${how}: the guide should be at ${number}., #guide-title is ${JSON.stringify(t)}`);
}
// The guide's answer buttons at a question: which are enabled.
async function enabledAnswers(page) {
  return page.locator('#guide button.guide-answer').evaluateAll((bs) =>
    bs.filter((b) => !b.disabled).map((b) => b.dataset.answer));
}
// Ticks a criterion or a step in the guide's copy of the item (the same
// tick as the checklist's: data-tick).
async function tickInGuide(page, tick, on = true) {
  const box = page.locator(`#guide input[data-tick="${tick}"]`);
  check((await box.count()) === 1, `the guide shows no tick box for ${tick}`);
  if (on) await box.check(); else await box.uncheck();
}

await test('structure: the build wrote referrals and the index', async () => {
  equal(sWritten, ['index.html', 'referrals.html'], `pages in ${join(PAGES, 'structure')}`);
});

if (sWritten.includes('referrals.html')) {
  await test('structure/referrals.html: loads clean; axe-core finds no violations (at load, and the guide at each new form); fits 320 px', async (opened) => {
    const { page, log, url } = await open(opened, R);
    clean(R, log, url);
    for (const width of [320, 390, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await fits(page, `referrals at ${width} px`);
      await shot(page, `structure-referrals-${width}.png`, { fullPage: true });
    }
    const axed = (await open(opened, R, { bypassCSP: true })).page;
    await axe(axed, 'referrals at load');
    await axed.click('#guide-start');
    await axed.click('#guide button.guide-answer[data-answer="yes"]');
    await axe(axed, 'referrals, the guide at the emergency outcome that goes on');
    await axed.click('#guide-next');
    await axed.click('#guide-next');
    await axe(axed, 'referrals, the guide at the nested criteria');
    await tickInGuide(axed, 'eligible:1');
    await tickInGuide(axed, 'eligible:2.2');
    await axed.click('#guide button.guide-answer[data-answer="yes"]');
    await axe(axed, 'referrals, the guide at the together');
    await tickInGuide(axed, 'refer_branch');
    await axe(axed, 'referrals, the guide at the together, one step ticked');
  });

  await test('referrals: without JavaScript a together is one item holding its steps, each with its own ticks, fields and id', async (opened) => {
    const { page, log, url } = await open(opened, R, { javaScriptEnabled: false });
    clean(R, log, url);
    const together = page.locator('main article.item.together#item-refer_both');
    equal(await together.getAttribute('data-kind'), 'together', 'data-kind of refer_both');
    equal(await together.getAttribute('data-next'), 'review', 'data-next of refer_both');
    equal(flat(await together.locator(':scope > h3').textContent()), '6. Make the referrals', 'the heading of refer_both');
    equal(await together.locator('article.item').evaluateAll((as) => as.map((a) => a.id)),
          TOGETHER_STEPS.map((s) => `item-${s}`), 'the items inside the together, in order');
    equal(flat(await together.locator('.steps-lead').textContent()), 'Do all of these, in any order:', 'what introduces the steps');
    equal(flat(await together.locator(':scope > p.next').textContent()),
          'When all are done: go to 10. Review at the next Risk Management Meeting', 'where the together goes');
    check((await together.locator(':scope > p.next a[href="#item-review"]').count()) === 1, 'the together does not link to #item-review');
    check(!(await together.textContent()).includes('The pathway ends here'), 'the together says the pathway ends there');
    for (const [k, s] of TOGETHER_STEPS.entries()) {
      const inner = page.locator(`#item-${s}`);
      equal(await inner.getAttribute('data-in'), 'refer_both', `data-in of ${s}`);
      equal(await inner.getAttribute('data-next'), null, `data-next of ${s} (a step inside a together has none)`);
      check(/^\s*\d+\./.test(await inner.locator('h4').textContent()), `the h4 of ${s} has no number`);
      check((await inner.locator(`input#done-${s}[type=checkbox][data-tick="${s}"]`).count()) === 1, `no tick box #done-${s}`);
      equal(await inner.locator('p.next, p.end').count(), 0, `${s} says where to go next, or that the pathway ends`);
      equal(await page.locator(`main > section > article.item#item-${s}`).count(), 0, `${s} also stands on its own (${k})`);
    }
    const climb = await page.locator('#item-refer_climb dl').evaluate((dl) =>
      Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
    check(/CLIMB service/.test(climb.Contact || ''), `refer_climb's contact: ${JSON.stringify(climb)}`);
    check(/CLIMB referral form/.test(climb.Form || ''), `refer_climb's form: ${JSON.stringify(climb)}`);
    check(/^Seek consent, unless that would be unsafe/.test(climb.Consent || ''), `refer_climb's consent: ${JSON.stringify(climb)}`);
    equal(climb.Record, 'The date of the referral', "refer_climb's record");
    equal(await page.locator('#item-refer_climb ul.do input[data-tick]').evaluateAll((bs) => bs.map((b) => b.dataset.tick)),
          ['refer_climb#1', 'refer_climb#2'], "refer_climb's do items");
    check(await page.locator('#item-refer_branch .not-stated').isVisible(), "refer_branch's consent is not marked not stated");
    check((await page.locator('#item-refer_branch > p.tbc').textContent()).includes('Whether BRANCH accepts referrals by phone.'),
          "refer_branch's tbc is not in its item");
    const dangling = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
      .map((a) => a.getAttribute('href')).filter((h) => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1)))));
    equal(dangling, [], 'in-page links whose target does not exist');
    await together.scrollIntoViewIfNeeded();
    await shot(page, 'structure-together-nojs.png', { fullPage: true });
  });

  await test('referrals: an emergency outcome that goes on says where to go once 999 is called, in its item and the emergency box', async (opened) => {
    const { page } = await open(opened, R, { javaScriptEnabled: false });
    const call = page.locator('#item-call_999');
    check(!(await call.textContent()).includes('The pathway ends here'), 'call_999 says the pathway ends there');
    equal(await call.locator('p.end').count(), 0, 'p.end in call_999');
    equal(flat(await call.locator(':scope > p.next').textContent()),
          'Once you have called 999: go to 3. Tell your Designated Safeguarding Lead straight away', 'where call_999 goes');
    check((await call.locator('p.next a[href="#item-tell_dsl"]').count()) === 1, 'call_999 does not link to #item-tell_dsl');
    check((await call.locator('input#done-call_999[data-tick="call_999"]').count()) === 1, 'call_999 has no tick for the call');
    const box = page.locator('#emergency li', { has: page.locator('a[href="#item-call_999"]') });
    equal(flat(await box.locator('p.then').textContent()),
          'Once you have called 999: go to 3. Tell your Designated Safeguarding Lead straight away', 'the emergency box');
    check((await box.locator('p.then a[href="#item-tell_dsl"]').count()) === 1, 'the emergency box does not link to #item-tell_dsl');
    // the outcomes that do end the walk still say so
    for (const o of ['referred', 'childrens_services', 'monitor']) {
      equal(flat(await page.locator(`#item-${o} p.end`).textContent()), 'The pathway ends here.', `p.end of ${o}`);
    }
  });

  await test('referrals: nested criteria: indented with their own words; tick boxes named by the criterion ids', async (opened) => {
    const { page } = await open(opened, R, { javaScriptEnabled: false });
    const lists = await page.locator('#item-eligible ul.criteria').evaluateAll((ls) => ls.map((l) => l.dataset.mode));
    equal(lists, ['all-of', 'any-of'], 'the criteria lists of eligible');
    equal(await page.locator('#item-eligible input[data-tick]').evaluateAll((bs) => bs.map((b) => [b.id, b.dataset.tick])),
          [['crit-eligible-1', 'eligible:1'], ['crit-eligible-2.1', 'eligible:2.1'], ['crit-eligible-2.2', 'eligible:2.2']],
          'the tick boxes of eligible');
    equal(flat(await page.locator('#item-eligible li.nested > p').textContent()), 'Any of these:', 'the nested list of eligible');
    equal(flat(await page.locator('#item-other_need li.nested > p').textContent()), 'All of these:', 'the nested list of other_need');
    const indent = await page.locator('#item-eligible ul.criteria ul.criteria input').first().evaluate((e) => e.getBoundingClientRect().left);
    const outer = await page.locator('#crit-eligible-1').evaluate((e) => e.getBoundingClientRect().left);
    check(indent > outer + 10, `the nested criteria are not indented (${indent} px against ${outer} px)`);
  });

  await test('referrals: Guide me: nested criteria give the answer (all-of with an any-of inside; any-of with an all-of inside)', async (opened) => {
    const { page, log, url } = await open(opened, R);
    await page.click('#guide-start');
    await page.click('#guide button.guide-answer[data-answer="no"]');
    await guideAt(page, 4, 'danger: No');
    const says = async () => flat(await page.locator('#guide-criteria').textContent());
    equal(await enabledAnswers(page), ['no'], 'nothing ticked at eligible: the answers offered');
    check((await says()).endsWith('Your ticks give: No.'), `#guide-criteria with nothing ticked: ${await says()}`);
    // under 18 and under 25, but not at risk: the all-of is not met
    await tickInGuide(page, 'eligible:2.1');
    await tickInGuide(page, 'eligible:2.2');
    equal(await enabledAnswers(page), ['no'], 'eligible with 2.1 and 2.2 ticked, not 1');
    // at risk, but neither age: the nested any-of is not met
    await tickInGuide(page, 'eligible:2.1', false);
    await tickInGuide(page, 'eligible:2.2', false);
    await tickInGuide(page, 'eligible:1');
    equal(await enabledAnswers(page), ['no'], 'eligible with 1 ticked, neither of 2.*');
    check(await page.isChecked('#crit-eligible-1'), 'ticking in the guide did not tick the checklist');
    // at risk and under 25 with additional needs: yes
    await page.check('[id="crit-eligible-2.2"]'); // in the checklist itself: the guide follows
    equal(await enabledAnswers(page), ['yes'], 'eligible with 1 and 2.2 ticked');
    check((await says()).endsWith('Your ticks give: Yes.'), `#guide-criteria with 1 and 2.2 ticked: ${await says()}`);
    await page.setViewportSize({ width: 390, height: 900 });
    await page.locator('#guide').scrollIntoViewIfNeeded();
    await shot(page, 'structure-guide-criteria-390.png');
    await page.click('#guide button.guide-answer[data-answer="yes"]');
    await guideAt(page, 6, 'eligible: Yes');
    check(await page.isChecked('#answer-eligible-yes'), 'the checklist does not show eligible answered Yes');
    // the other question: any-of, with an all-of inside
    await page.click('#guide-back');
    await page.click('#guide-back');
    await page.click('#guide button.guide-answer[data-answer="no"]');
    await tickInGuide(page, 'eligible:1', false);
    equal(await enabledAnswers(page), ['no'], 'eligible with 2.2 ticked alone');
    await page.click('#guide button.guide-answer[data-answer="no"]');
    await guideAt(page, 5, 'eligible: No');
    await tickInGuide(page, 'other_need:2.1');
    equal(await enabledAnswers(page), ['no'], 'other_need with 2.1 ticked, not 2.2');
    await tickInGuide(page, 'other_need:2.2');
    equal(await enabledAnswers(page), ['yes'], 'other_need with 2.1 and 2.2 ticked');
    await tickInGuide(page, 'other_need:2.2', false);
    await tickInGuide(page, 'other_need:1');
    equal(await enabledAnswers(page), ['yes'], 'other_need with 1 and 2.1 ticked');
    await page.click('#guide button.guide-answer[data-answer="yes"]');
    await guideAt(page, 12, 'other_need: Yes');
    await page.click('#copy-record');
    const text = await page.locator('#record-text').inputValue();
    for (const line of ['Applies: 5. Is a referral to Children\'s Services needed instead?: The child is in need of protection',
                        'Applies: 5. Is a referral to Children\'s Services needed instead?: The family has refused early help',
                        'Decided: 5. Is a referral to Children\'s Services needed instead? Answer: Yes']) {
      check(text.includes(line), `the record lacks ${JSON.stringify(line)}:\n${text}`);
    }
    check(!text.includes('The concerns are continuing'), `the record lists a criterion ticked, then unticked:\n${text}`);
    clean(R, log, url);
  });

  await test('referrals: Guide me at a together: Done, next only when every step is ticked, in any order; the walk survives a reload; the record lists each step', async (opened) => {
    const { page, log, url } = await open(opened, R, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.click('#guide-start');
    await page.click('#guide button.guide-answer[data-answer="no"]');
    await tickInGuide(page, 'eligible:1');
    await tickInGuide(page, 'eligible:2.1');
    await page.click('#guide button.guide-answer[data-answer="yes"]');
    await guideAt(page, 6, 'eligible: Yes');
    equal(await page.locator('#guide .guide-item article.item').evaluateAll((as) => as.map((a) => a.dataset.node)),
          TOGETHER_STEPS, 'the steps the guide shows at the together');
    const next = page.locator('#guide #guide-next');
    const says = async () => flat(await page.locator('#guide-together').textContent());
    check(await next.isDisabled(), 'Done, next is enabled at the together with nothing ticked');
    equal(await says(), '0 of 3 done: tick each step as you do it, in any order.', '#guide-together at first');
    // the last step first, then the first: any order
    await tickInGuide(page, 'tell_school');
    check(await next.isDisabled(), 'Done, next is enabled with one step of three ticked');
    await tickInGuide(page, 'refer_climb');
    check(await next.isDisabled(), 'Done, next is enabled with two steps of three ticked');
    equal(await says(), '2 of 3 done: tick each step as you do it, in any order.', '#guide-together with two ticked');
    // a do item of a step is not the step
    await tickInGuide(page, 'refer_climb#1');
    check(await next.isDisabled(), 'ticking a do item of a step counted as the step');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.locator('#guide').scrollIntoViewIfNeeded();
    await shot(page, 'structure-guide-together-390.png');
    // the walk and the ticks are saved: reload, and the guide is where it was
    await page.reload({ waitUntil: 'load' });
    await page.click('#guide-start');
    await guideAt(page, 6, 'Guide me after a reload');
    for (const s of ['tell_school', 'refer_climb']) {
      check(await page.isChecked(`#guide input[data-tick="${s}"]`), `${s} is not ticked in the guide after a reload`);
      check(await page.isChecked(`#done-${s}`), `${s} is not ticked in the checklist after a reload`);
    }
    check(await next.isDisabled(), 'Done, next is enabled after a reload with two steps of three ticked');
    // unticking one takes it away again; ticking the last in the checklist itself counts
    await tickInGuide(page, 'tell_school', false);
    await page.check('#done-refer_branch');
    check(await next.isDisabled(), 'Done, next is enabled with tell_school unticked');
    await tickInGuide(page, 'tell_school');
    check(await next.isEnabled(), 'Done, next is not enabled with every step ticked');
    equal(await says(), 'All 3 done.', '#guide-together with all ticked');
    await next.click();
    await guideAt(page, 10, 'Done, next at the together');
    await page.click('#guide-back');
    await guideAt(page, 6, 'Back from review');
    check(await next.isEnabled(), 'Done, next is not enabled when the guide comes back to a together done');
    await page.click('#copy-record');
    const text = await page.locator('#record-text').inputValue();
    const lines = ['Applies: 4. Does the young person meet the CLIMB and BRANCH criteria?: Victim of, or at risk of, child sexual exploitation',
                   'Applies: 4. Does the young person meet the CLIMB and BRANCH criteria?: Under 18',
                   'Decided: 4. Does the young person meet the CLIMB and BRANCH criteria? Answer: Yes',
                   'Done: 7. Refer to CLIMB\n', 'Done: 7. Refer to CLIMB: Complete the CLIMB referral form',
                   'Done: 8. Refer to BRANCH\n', 'Done: 9. Tell the young person\'s school\n'];
    for (const line of lines) check(text.includes(line), `the record lacks ${JSON.stringify(line)}:\n${text}`);
    check(text.indexOf('Done: 8.') < text.indexOf('Done: 9.'), `the record does not list the steps in the order ticked:\n${text}`);
    check(!text.includes('Make the referrals'), `the record names the together, which has no tick of its own:\n${text}`);
    // (reloaded: the page was asked for twice, so not clean())
    const errors = log.console.filter((m) => m.type === 'error').map((m) => m.text).concat(log.errors);
    equal(errors, [], 'console errors and uncaught errors');
    check(log.requests.every((u) => u === url), `requests other than the page: ${JSON.stringify(log.requests)}`);
  });

  await test('referrals: Guide me at an emergency outcome that goes on: says where to go once 999 is called, records the call, goes on', async (opened) => {
    const { page, log, url } = await open(opened, R);
    await page.click('#guide-start');
    await page.click('#guide button.guide-answer[data-answer="yes"]');
    await guideAt(page, 2, 'danger: Yes');
    const said = flat(await page.locator('#guide #guide-outcome').textContent());
    equal(await page.locator('#guide #guide-outcome').getAttribute('data-outcome'), 'call_999', 'p#guide-outcome[data-outcome]');
    equal(said, 'Outcome: emergency. Once you have called 999: go to 3. Tell your Designated Safeguarding Lead straight away',
          'what the guide says at call_999');
    check(!(await page.locator('#guide').textContent()).includes('The pathway ends here'), 'the guide says the pathway ends at call_999');
    await page.locator('#guide').scrollIntoViewIfNeeded();
    await shot(page, 'structure-guide-call_999.png');
    await page.click('#guide #guide-next');
    await guideAt(page, 3, 'Called 999, next');
    check(await page.isChecked('#done-call_999'), 'going on from call_999 did not tick it');
    await page.click('#guide #guide-next');
    await guideAt(page, 4, 'Done, next at tell_dsl');
    await page.click('#copy-record');
    const text = await page.locator('#record-text').inputValue();
    for (const line of ['Decided: 1. Is anyone in immediate danger? Answer: Yes', 'Done: 2. Call the police on 999\n',
                        'Done: 3. Tell your Designated Safeguarding Lead straight away\n']) {
      check(text.includes(line), `the record lacks ${JSON.stringify(line)}:\n${text}`);
    }
    clean(R, log, url);
  });
}

await test('structure: the screenshots are written under build/', async () => {
  const want = [320, 390, 1280].map((w) => `structure-referrals-${w}.png`)
    .concat(['structure-together-nojs.png', 'structure-guide-criteria-390.png',
             'structure-guide-together-390.png', 'structure-guide-call_999.png']);
  const missing = want.filter((f) => !existsSync(join(SHOTS, f)) || statSync(join(SHOTS, f)).size < 1000);
  equal(missing, [], `missing or empty in ${SHOTS}`);
});

await browser.close();
server.close();
console.log(`# screenshots: ${SHOTS}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
