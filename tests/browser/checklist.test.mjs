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

import { readFileSync, writeFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { start, test, check, equal, Failure } from './harness.mjs';

const { PAGES, WORK, SHOTS, BASE, browser, open, clean, axe, done } =
  await start('checklist.test.mjs', { empty: true });
// pathwayc, for libpathway's replay of a walk the page saved
const PATHWAYC = resolve(process.env.PATHWAYC || 'build/pathwayc');

// ---- Prevent, as pathways/prevent.pathway writes it ------------------------

// call_999 is an emergency outcome that goes on (to
// child_protection_procedure); check_concern is a together of CHECK_STEPS,
// and seek_prevent_advice (numbered after them, not inside) is offered
// beside it (also), so the referral does not wait for it;
// childrens_services is offered (also) from complete_referral and from
// no_further_action.
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
const CHECK_STEPS = ['check_with_parent', 'speak_to_person', 'talk_to_prevent_dsp'];

const flat = (t) => (t || '').replace(/\s+/g, ' ').trim();
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

// In the guide: choose answer A (its radio button in the guide's copy of
// the question) and go on with Next.
async function answer(page, a) {
  await page.check(`#guide-body fieldset.answers input[type=radio][value="${a}"]`);
  await page.click('#guide #guide-next');
}
async function next(page) { await page.click('#guide #guide-next'); }
// In the guide at a step: Done, then Next.
async function doneNext(page) {
  await page.locator('#guide-body input[data-status][value="done"]').first().check();
  await next(page);
}
// In the guide: mark step S done (or not-done, not-applicable).
async function mark(page, s, how = 'done') {
  await page.check(`#guide-body input[data-status="${s}"][value="${how}"]`);
}

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

// The guide's error summary and the message beside the control: both say
// WANT (a RegExp); the guide stays where it is.
async function guideRefuses(page, want, how) {
  check(await visible(page, '#guide-errors'), `${how}: no error summary (#guide-errors)`);
  const summary = (await page.locator('#guide-errors').textContent()).replace(/\s+/g, ' ').trim();
  check(want.test(summary), `${how}: the error summary says ${JSON.stringify(summary)}, want ${want}`);
  const beside = await page.locator('#guide-body .error-message').allTextContents();
  check(beside.some((t) => want.test(t)), `${how}: no message beside the control: ${JSON.stringify(beside)}`);
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  equal(focused, 'guide-errors', `${how}: the focus`);
}

// From the start, to still_concerned: No, notice_concern Done, then at the
// together check_concern each of its steps marked done (last first: any
// order; Next refused until all are), then Next.
async function walkToStillConcerned(page) {
  await answer(page, 'no');
  await guideShows(page, 'notice_concern', 'immediate_risk: No');
  await mark(page, 'notice_concern');
  await next(page);
  await guideShows(page, 'check_concern', 'Next at notice_concern');
  for (const s of [...CHECK_STEPS].reverse()) await mark(page, s);
  await next(page);
  await guideShows(page, 'still_concerned', 'Next at check_concern, every step marked');
}

async function shot(page, name, options = {}) {
  await page.screenshot({ path: join(SHOTS, name), ...options });
}

// ---- the tests --------------------------------------------------------------


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

// Every pathway's guide, by keyboard alone, from Guide me to an outcome
// that ends the pathway: Tab to a control, Space or an arrow to choose,
// Tab to Next, Enter. The first answer of each question (or the lowest
// score; what criteria give), Done for each step, the call ticked at an
// emergency outcome; at most 60 moves.
for (const f of pathwayPages) {
  await test(`${f}: the guide can be walked to an outcome by keyboard alone`, async (opened) => {
    const { page, log } = await open(opened, f);
    const on = (sel) => page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), sel);
    const tabTo = async (sel, what) => {
      for (let i = 0; i < 120; i++) {
        if (await on(sel)) return;
        await page.keyboard.press('Tab');
      }
      throw new Failure(`120 presses of Tab never reached ${what} (${sel}), at ${flat(await page.locator('#guide-title').textContent())}`);
    };
    await tabTo('#guide-start', 'Guide me');
    await page.keyboard.press('Enter');
    check(await visible(page, '#guide'), 'Enter on Guide me did not open the guide');
    for (let move = 0; move < 60; move++) {
      const at = flat(await page.locator('#guide-title').textContent());
      const ended = await page.locator('#guide-outcome').count() && !(await page.locator('#guide-next').count());
      if (ended) return;
      const scored = await page.locator('#guide-score').count();
      const statuses = await page.locator('#guide-body fieldset.status').count();
      const called = await page.locator('#guide-body input[data-called]').count();
      const choosable = await page.locator('#guide-body fieldset.answers input[type=radio]:not(:disabled)').count();
      if (scored) {
        await tabTo('#guide-score', 'the score');
        const lo = (await page.locator('label[for="guide-score"]').textContent()).match(/from (\d+)/)[1];
        await page.keyboard.type(lo);
      } else if (statuses) {
        // each step's status (a together has several): Tab to its first radio, Space
        for (let k = 0; k < statuses; k++) {
          const node = await page.locator('#guide-body fieldset.status').nth(k).locator('input').first().getAttribute('data-status');
          await tabTo(`#guide-body input[data-status="${node}"][value="done"]`, `the status of ${node}`);
          await page.keyboard.press('Space');
        }
      } else if (called) {
        await tabTo('#guide-body input[data-called]', 'the 999 tick');
        await page.keyboard.press('Space');
      } else if (choosable > 1) {
        await tabTo('#guide-body fieldset.answers input[type=radio]', 'the answers');
        if (!(await page.evaluate(() => document.activeElement.checked))) await page.keyboard.press('Space');
      }
      await tabTo('#guide-next', 'Next');
      await page.keyboard.press('Enter');
      const now = flat(await page.locator('#guide-title').textContent());
      check(now !== at, `Next at ${at} did not move: ${flat(await page.locator('#guide-errors').textContent())}`);
    }
    throw new Failure('60 moves and no outcome that ends the pathway');
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

  await test('prevent: statuses and answers survive a reload of the tab, in sessionStorage only, with a notice', async (opened) => {
    const { page } = await open(opened, P);
    const hash = await page.locator('body').getAttribute('data-hash');
    const inputs = ['#status-notice_concern-done', '#answer-still_concerned-yes', '#called-call_999'];
    for (const s of inputs) await page.check(s);
    check(!(await visible(page, '#notice')), '#notice shown before anything was restored');
    await page.reload({ waitUntil: 'load' });
    for (const s of inputs) check(await page.isChecked(s), `${s} is not checked after a reload`);
    check(!(await page.isChecked('#answer-still_concerned-no')), '#answer-still_concerned-no checked after a reload');
    check(!(await page.isChecked('#status-check_with_parent-done')), '#status-check_with_parent-done checked, never chosen');
    check(await visible(page, '#notice'), 'no #notice after progress was restored');
    check(/walk in progress from \d\d:\d\d/.test(await page.locator('#notice').textContent()),
          `#notice does not say when the walk began: ${await page.locator('#notice').textContent()}`);
    const stored = await page.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) }));
    equal(stored, { session: [`pathwayc:prevent:${hash}`], local: [] }, 'the keys stored (by default, the tab only)');
    // Start again from the notice clears it all.
    await page.click('#notice-restart');
    for (const s of inputs) check(!(await page.isChecked(s)), `${s} still checked after Start again in the notice`);
    await page.reload({ waitUntil: 'load' });
    check(!(await visible(page, '#notice')), '#notice shown after everything was cleared');
  });

  await test('prevent: what was kept against another content hash is not shown', async (opened) => {
    const { page } = await open(opened, P);
    const hash = await page.locator('body').getAttribute('data-hash');
    await page.check('#status-notice_concern-done');
    await page.check('#answer-immediate_risk-no');
    await page.evaluate((k) => {
      const v = sessionStorage.getItem(k);
      sessionStorage.clear();
      sessionStorage.setItem('pathwayc:prevent:sha256:' + '0'.repeat(64), v.replace(/sha256:[0-9a-f]{64}/, 'sha256:' + '0'.repeat(64)));
    }, `pathwayc:prevent:${hash}`);
    await page.reload({ waitUntil: 'load' });
    check(!(await page.isChecked('#status-notice_concern-done')), 'a status saved under another hash is shown');
    check(!(await page.isChecked('#answer-immediate_risk-no')), 'an answer saved under another hash is shown');
  });

  await test('prevent: Clear ticks and answers clears them, for good', async (opened) => {
    const { page } = await open(opened, P);
    await page.check('#status-notice_concern-done');
    await page.check('#answer-immediate_risk-no');
    await page.click('#clear');
    check(await page.isChecked('#status-notice_concern-done'), 'one click of Clear cleared: it should ask for a second');
    await page.click('#clear');
    check(!(await page.isChecked('#status-notice_concern-done')), 'status still there after Clear (clicked twice)');
    check(!(await page.isChecked('#answer-immediate_risk-no')), 'answer still there after Clear');
    await page.reload({ waitUntil: 'load' });
    check(!(await page.isChecked('#status-notice_concern-done')), 'status back after Clear and a reload');
    check(!(await page.isChecked('#answer-immediate_risk-no')), 'answer back after Clear and a reload');
    equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0, 'keys left in storage after Clear');
  });

  await test('prevent: Guide me reaches call_999 (immediate risk: Yes); Next there needs the call ticked', async (opened) => {
    const { page, log, url } = await open(opened, P);
    await startGuide(page);
    equal(await page.locator('#guide-body fieldset.answers input[type=radio]').evaluateAll((bs) => bs.map((b) => b.value)),
          ['yes', 'no'], 'the answers offered at immediate_risk');
    const legend = (await page.locator('#guide-body fieldset.answers legend').textContent()).replace(/\s+/g, ' ');
    check(/immediate risk/.test(legend), `the answers' legend is not the question: ${JSON.stringify(legend)}`);
    await next(page);
    await guideRefuses(page, /Choose an answer/, 'Next with no answer');
    await answer(page, 'yes');
    await guideShows(page, 'call_999', 'immediate_risk: Yes');
    check(await page.isChecked('#answer-immediate_risk-yes'), 'answering Yes in the guide did not set #answer-immediate_risk-yes');
    check(/Once you have called 999: go to 3\./.test(await page.locator('#guide-outcome').textContent()),
          `p#guide-outcome does not say where to go once 999 is called: ${await page.locator('#guide-outcome').textContent()}`);
    await shot(page, 'prevent-guide-call_999.png');
    await next(page);
    await guideRefuses(page, /999 has been called/, 'Next at call_999 before the call is ticked');
    await page.check('#guide-body input[data-called="call_999"]');
    await next(page);
    await guideShows(page, 'child_protection_procedure', 'Next at call_999, the call ticked');
    check(await page.isChecked('#called-call_999'), 'the call ticked in the guide is not ticked in the checklist');
    clean(P, log, url);
  });

  await test('prevent: Guide me reaches referred (No; Check done; still concerned: Yes); a step needs its status, Not done a reason', async (opened) => {
    const { page, log, url } = await open(opened, P);
    await startGuide(page);
    await answer(page, 'no');
    await next(page);
    await guideRefuses(page, /Choose Done[^.]* for step 4\./, 'Next at notice_concern with no status');
    check((await page.locator('#guide-title').textContent()).startsWith('4.'), 'a refused Next moved the guide');
    await mark(page, 'notice_concern');
    await next(page);
    await guideShows(page, 'check_concern', 'Next at notice_concern');
    for (const s of CHECK_STEPS.slice(1)) await mark(page, s);
    await next(page);
    await guideRefuses(page, /Choose Done[^.]* for step 6\./, 'Next at check_concern, one step unmarked');
    await mark(page, 'check_with_parent', 'not-done');
    await next(page);
    await guideRefuses(page, /Say why step 6 was not done/, 'Not done with no reason');
    await page.fill('#guide-body [data-why="check_with_parent"] textarea', 'It could put the child at risk');
    await next(page);
    await guideShows(page, 'still_concerned', 'Next at check_concern');
    await answer(page, 'yes');
    await guideShows(page, 'complete_referral', 'still_concerned: Yes');
    await mark(page, 'complete_referral');
    await next(page);
    await mark(page, 'update_records');
    await next(page);
    await guideShows(page, 'referred', 'Next at update_records');
    for (const s of ['#answer-immediate_risk-no', '#answer-still_concerned-yes', '#status-notice_concern-done',
                     '#status-check_with_parent-not-done', ...CHECK_STEPS.slice(1).map((x) => `#status-${x}-done`),
                     '#status-complete_referral-done', '#status-update_records-done', '#reached-referred']) {
      check(await page.isChecked(s), `${s} not set by the guide`);
    }
    check(await visible(page, '#guide #record'), 'the record is not shown in the guide at the outcome');
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
    equal((await page.locator('#guide-progress').textContent()).trim(), 'Step 5 of 5: the end', '#guide-progress at the end');
  });

  await test('prevent: childrens_services is offered from complete_referral and from no_further_action (also)', async (opened) => {
    const { page } = await open(opened, P);
    check((await page.locator('#item-no_further_action p.also a[href="#item-childrens_services"]').count()) === 1,
          '#item-no_further_action has no p.also linking to #item-childrens_services');
    const link = page.locator('#item-complete_referral p.also a[href="#item-childrens_services"]');
    check((await link.count()) === 1, '#item-complete_referral has no p.also linking to #item-childrens_services');
    await link.click();
    equal(await page.evaluate(() => location.hash), '#item-childrens_services', 'location.hash after following the also link');
    check(await page.locator('#item-childrens_services').isVisible(), '#item-childrens_services not visible');
    await page.click('#guide-start');
    await walkToStillConcerned(page);
    await answer(page, 'yes');
    await guideShows(page, 'complete_referral', 'still_concerned: Yes');
    check(/Children.s Services/.test(await page.locator('#guide').textContent()), 'the guide at complete_referral does not name Children\'s Services');
    // In the guide, Also consider opens the item there: the guide keeps its place.
    const open_ = page.locator('#guide-body p.also button.also-open');
    equal(await open_.getAttribute('aria-expanded'), 'false', 'the also button before a click');
    await open_.click();
    equal(await open_.getAttribute('aria-expanded'), 'true', 'the also button after a click');
    check(/Children.s Services/.test(await page.locator('#guide-body .also-here h4').textContent()), 'the also item is not shown in the guide');
    check((await page.locator('#guide-title').textContent()).startsWith('11.'), 'opening Also consider moved the guide');
    await open_.click();
    equal(await page.locator('#guide-body .also-here').count(), 0, 'the also item still shown after a second click');
  });

  await test('prevent: Back and Start again go back, and forget what the abandoned route recorded', async (opened) => {
    const { page } = await open(opened, P);
    await startGuide(page);
    equal((await page.locator('#guide-progress').textContent()).trim(), 'Step 1 of about 7', '#guide-progress at the start');
    await answer(page, 'no');
    await mark(page, 'notice_concern');
    await next(page);
    await guideShows(page, 'check_concern', 'Next at notice_concern');
    equal((await page.locator('#guide-progress').textContent()).trim(), 'Step 3 of about 7', '#guide-progress at check_concern');
    await mark(page, 'speak_to_person');
    await page.click('#guide-back');
    await guideShows(page, 'notice_concern', 'Back from check_concern');
    check(!(await page.isChecked('#status-speak_to_person-done')), 'Back kept a status marked at the node left');
    check(await page.isChecked('#status-notice_concern-done'), 'Back forgot the status of the node gone back to');
    await page.click('#guide-back');
    await guideShows(page, 'immediate_risk', 'Back from notice_concern');
    check(await page.locator('#guide-back').isDisabled(), '#guide-back not disabled after going back to the start');
    check(!(await page.isChecked('#status-notice_concern-done')), 'going back past notice_concern kept its status');
    await answer(page, 'yes');
    await guideShows(page, 'call_999', 'Yes after going back');
    await page.click('#guide-back');
    await answer(page, 'no');
    await mark(page, 'notice_concern');
    await next(page);
    await guideShows(page, 'check_concern', 'No, Done, Next');
    await page.click('#guide-restart');
    await guideShows(page, 'immediate_risk', 'Start again');
    check(!(await page.isChecked('#status-notice_concern-done')), 'Start again kept a status of the abandoned route');
    check(await page.locator('#guide-back').isDisabled(), '#guide-back not disabled after Start again');
    await page.click('#guide-close');
    check(!(await visible(page, '#guide')), '#guide still shown after Close');
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

  await test('prevent: keyboard: the guide works with Tab, arrows, Space and Enter', async (opened) => {
    const { page } = await open(opened, P);
    const tabTo = async (sel) => {
      for (let i = 0; i < 80; i++) {
        if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), sel)) return;
        await page.keyboard.press('Tab');
      }
      throw new Failure(`80 presses of Tab never reached ${sel}`);
    };
    await tabTo('#guide-start');
    await page.keyboard.press('Enter');
    await guideShows(page, 'immediate_risk', 'Enter on Guide me');
    await tabTo('#guide-body fieldset.answers input[type=radio]');
    await page.keyboard.press('ArrowDown');
    check(await page.isChecked('#answer-immediate_risk-no'), 'ArrowDown in the answers did not choose No');
    await tabTo('#guide-next');
    await page.keyboard.press('Enter');
    await guideShows(page, 'notice_concern', 'Enter on Next, No chosen');
    await tabTo('#guide-body input[data-status="notice_concern"]');
    await page.keyboard.press('Space');
    check(await page.isChecked('#status-notice_concern-done'), 'Space on Done did not choose it');
    await tabTo('#guide-next');
    await page.keyboard.press('Enter');
    await guideShows(page, 'check_concern', 'Enter on Next at notice_concern');
    await tabTo('#guide-back');
    await page.keyboard.press('Enter');
    await guideShows(page, 'notice_concern', 'Enter on Back');
    await tabTo('#guide-restart');
    await page.keyboard.press('Enter');
    await guideShows(page, 'immediate_risk', 'Enter on Start again');
    await tabTo('#guide-body fieldset.answers input[type=radio]');
    await page.keyboard.press('ArrowUp');
    await tabTo('#guide-next');
    await page.keyboard.press('Enter');
    await guideShows(page, 'call_999', 'Yes, then Enter on Next');
  });

  await test('prevent: axe-core finds no violations: at load, guide at a question, a step, an error, a together, outcomes, record shown', async (opened) => {
    const { page } = await open(opened, P, { bypassCSP: true });
    await axe(page, 'at load');
    await page.click('#guide-start');
    await axe(page, 'guide at immediate_risk');
    await answer(page, 'no');
    await axe(page, 'guide at notice_concern');
    await next(page);
    await axe(page, 'guide at notice_concern, an error shown');
    await mark(page, 'notice_concern');
    await next(page);
    await mark(page, 'check_with_parent', 'not-done');
    await axe(page, 'guide at check_concern, a reason asked');
    await page.click('#guide-back');
    await page.click('#guide-back');
    await answer(page, 'yes');
    await axe(page, 'guide at call_999');
    await page.check('#guide-body input[data-called="call_999"]');
    await next(page);
    await axe(page, 'guide at child_protection_procedure, the record shown there');
    await page.click('#guide-close');
    await page.click('#show-record');
    await axe(page, 'record shown under the tools');
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
    for (const s of ['notice_concern', ...CHECK_STEPS, 'seek_prevent_advice', 'complete_referral', 'update_records']) {
      const statuses = await page.locator(`#item-${s} fieldset.status#status-${s}-box input[type=radio][name="status-${s}"][data-status="${s}"]`)
        .evaluateAll((rs) => rs.map((r) => r.value));
      const when = await page.locator(`#item-${s} > p.when`).count();
      equal(statuses, when ? ['done', 'not-done', 'not-applicable'] : ['done', 'not-done'], `the status choices of ${s}`);
      check((await page.locator(`#item-${s} input[type=checkbox]`).count()) === 0, `#item-${s} has a checkbox: a step has one status control`);
      // a step inside the together has no next of its own: the together's says where to go
      const nexts = await page.locator(`#item-${s} > p.next a[href^="#item-"]`).count();
      check(CHECK_STEPS.includes(s) ? nexts === 0 : nexts === 1, `#item-${s} has ${nexts} p.next links`);
    }
    check((await page.locator('#item-check_concern > p.next a[href="#item-still_concerned"]').count()) === 1,
          '#item-check_concern does not say to go on to still_concerned once all are done');
    check((await page.locator('#item-check_concern > p.also a[href="#item-seek_prevent_advice"]').count()) === 1,
          '#item-check_concern does not offer seek_prevent_advice beside it (Also consider)');
    check((await page.locator('#item-seek_prevent_advice > p.next a[href="#item-still_concerned"]').count()) === 1,
          '#item-seek_prevent_advice does not go on to still_concerned');
    check((await page.locator('#item-call_999 > p.next a[href="#item-child_protection_procedure"]').count()) === 1,
          '#item-call_999 does not say where to go once 999 is called');
    check((await page.locator('#item-call_999 input#called-call_999[type=checkbox][data-called="call_999"]').count()) === 1,
          '#item-call_999 has no tick for the call');
    for (const o of ['child_protection_procedure', 'referred', 'no_further_action', 'childrens_services']) {
      check((await page.locator(`#item-${o} input#reached-${o}[type=checkbox][data-reached="${o}"]`).count()) === 1,
            `#item-${o} has no tick for the outcome reached`);
    }
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

  await test('prevent: print hides the tools, the guide and the diagram; leaves room to write; the record prints alone', async (opened) => {
    const { page } = await open(opened, P);
    await page.check('#status-notice_concern-done');
    await page.click('#guide-start');
    await page.click('#show-record');
    check(await visible(page, '#tools'), '#tools not shown on screen');
    await page.emulateMedia({ media: 'print' });
    for (const s of ['#tools', '#guide', '#diagram', '#record']) {
      check(!(await visible(page, s)), `${s} is visible in print`);
    }
    check(await page.locator('#checklist').isVisible(), '#checklist not visible in print');
    check(await page.locator('#emergency').isVisible(), '#emergency not visible in print');
    const lines = await page.locator('#item-notice_concern fieldset.status').evaluate((f) => {
      const a = getComputedStyle(f, '::after');
      return { content: a.content, border: a.borderBottomStyle, height: parseFloat(a.height) };
    });
    check(/notes/.test(lines.content) && lines.border === 'solid' && lines.height >= 30,
          `no lines to write on under a step's status in print: ${JSON.stringify(lines)}`);
    await shot(page, 'prevent-print.png', { fullPage: true });
    await page.pdf({ path: join(SHOTS, 'prevent-print.pdf'), format: 'A4', printBackground: false });
    // The record alone: Print the record marks the body, and only the
    // record's text is printed.
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => { window.print = () => {}; });
    await page.click('#record-print');
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => [...document.body.children]
      .filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.id || e.tagName));
    equal(shown, ['record-print-text'], 'what prints with Print the record');
    check(/Done: 4\. Notice/.test(await page.locator('#record-print-text').textContent()), 'the printed record does not hold the record');
    await page.pdf({ path: join(SHOTS, 'prevent-print-record.pdf'), format: 'A4', printBackground: false });
  });

  // DASH is offered, not a gate (pathways/domestic-abuse.pathway,
  // consider_marac): "Yes" goes straight to the MARAC referral; "Not sure"
  // goes to the DASH checklist, whose question asks "14 or more ticks?",
  // yes or no: no score box, as no source gives the number of questions,
  // which the tbc beside it says.
  await test('domestic_abuse: Yes goes straight to the MARAC referral; Not sure goes by the DASH checklist, 14 or more ticks, no score box', async (opened) => {
    const { page, log, url } = await open(opened, 'domestic_abuse.html');
    equal(await page.locator('#item-consider_marac fieldset.answers label').allTextContents(),
          ['Yes: refer direct to MARAC', 'Not sure: use the DASH risk checklist', 'No'], 'the answers of consider_marac');
    equal(await page.locator('#item-dash_ticks fieldset.answers label').allTextContents(),
          ['Yes: 14 or more ticks', 'No: fewer than 14 ticks'], 'the answers of dash_ticks');
    equal(await page.locator('#checklist input[id^="score-"]').count(), 0, 'score boxes in the checklist');
    equal(flat(await page.locator('#item-dash_ticks > p.tbc').textContent()),
          'To be confirmed: The sources do not give the number of questions on the DASH checklist: they say only that 14 or more ticks means a MARAC referral.',
          'the tbc of dash_ticks');
    check((await page.locator('#item-dash_ticks dd').allTextContents()).includes('National guidance (MARAC and DASH): 14 or more ticks means a MARAC referral'),
          'the source of dash_ticks does not name the national guidance');
    await page.click('#guide-start');
    await answer(page, 'no');
    await guideShows(page, 'consider_marac', 'immediate_danger: No');
    equal(await page.locator('#guide-body fieldset.answers input[type=radio]').evaluateAll((bs) => bs.map((b) => b.value)),
          ['yes', 'unsure', 'no'], 'the answers the guide offers at consider_marac');
    await answer(page, 'yes');
    await guideShows(page, 'refer_to_marac', 'consider_marac: Yes');
    await page.click('#guide-back');
    await guideShows(page, 'consider_marac', 'Back from refer_to_marac');
    await answer(page, 'unsure');
    await guideShows(page, 'complete_dash', 'consider_marac: Not sure');
    await doneNext(page);
    await guideShows(page, 'dash_ticks', 'complete_dash done');
    check((await page.locator('#guide #guide-score').count()) === 0 || !(await visible(page, '#guide #guide-score')),
          'a score box in the guide at dash_ticks');
    await answer(page, 'yes');
    await guideShows(page, 'refer_to_marac', 'dash_ticks: Yes');
    await page.click('#show-record');
    const text = await page.locator('#record-text').inputValue();
    for (const line of ['Answered: 3. Do you think a referral to MARAC is needed? — Not sure: use the DASH risk checklist\n',
                        'Done: 4. Complete the DASH risk checklist',
                        'Answered: 5. Does the DASH risk checklist have 14 or more ticks? — Yes: 14 or more ticks\n']) {
      check(text.includes(line), `the record lacks ${JSON.stringify(line)}:\n${text}`);
    }
    clean('domestic_abuse.html', log, url);
  });

  // An emergency outcome that goes on (domestic_abuse's call_999, next
  // consider_marac): once the call is ticked the guide goes to the MARAC
  // question, not to the pathway's first step (the DASH checklist); the
  // JSON holds one walk, through the call, replayed by libpathway.
  await test('domestic_abuse: after 999 the guide goes on to the MARAC question; one walk through the call, replayed by libpathway', async (opened) => {
    const { page, log } = await open(opened, 'domestic_abuse.html');
    const to = await itemHeading(page, 'consider_marac');
    equal(to.number, '3', 'the number of consider_marac');
    const then = flat(await page.locator('#item-call_999 > p.next').textContent());
    equal(then, `Once you have called 999: go to ${to.number}. ${to.title}`, 'where call_999 goes on');
    equal(flat(await page.locator('#emergency p.then').textContent()), then, 'the emergency box says the same');
    equal(flat(await page.locator('#item-call_999 dd').last().textContent()),
          'National guidance (Working Together to Safeguard Children): 999 for immediate danger to life, risk of injury or a crime in progress; the page\'s Domestic abuse section gives no number',
          'the source of call_999');
    await page.click('#guide-start');
    await answer(page, 'yes');
    check(/Once you have called 999: go to 3\./.test(await page.locator('#guide-outcome').textContent()),
          `the guide at call_999: ${await page.locator('#guide-outcome').textContent()}`);
    await page.check('#guide-body input[data-called="call_999"]');
    await next(page);
    await guideShows(page, 'consider_marac', 'Next at call_999, the call ticked');
    await page.click('#show-record');
    check(/\d\d:\d\d  999 called at \d\d:\d\d: 2\. Dial 999\n/.test(await page.locator('#record-text').inputValue()),
          `the record of the call:\n${await page.locator('#record-text').inputValue()}`);
    const [js] = await Promise.all([page.waitForEvent('download'), page.click('#record-download-json')]);
    const record = JSON.parse(readFileSync(await js.path(), 'utf8'));
    equal(record.walks.map((w) => [w.from, w.moves.map((m) => m.to)]), [['immediate_danger', ['call_999', 'consider_marac']]],
          'the walks of the record');
    const file = join(WORK, 'domestic-walk.json');
    writeFileSync(file, JSON.stringify(record.walks[0]));
    const run = spawnSync(PATHWAYC, ['run', '--resume', file, join(PAGES, 'domestic_abuse.json')], { input: '', encoding: 'utf8' });
    // the walk stands at consider_marac, where run stops for want of input (status 1)
    equal([run.status, run.stderr], [1, ''], 'pathwayc run --resume of the walk: status and stderr');
    check(run.stdout.includes(`${to.number}. ${to.title}`) && run.stdout.includes('Stopped before the end of the pathway.'),
          `the walk replayed by libpathway:\n${run.stdout}`);
    const errors = log.console.filter((m) => m.type === 'error').map((m) => m.text).concat(log.errors);
    equal(errors, [], 'console errors and uncaught errors');
  });

  // The walk of the issue: Not done with a reason, Back, an answer changed,
  // an outcome reached. Times come from a fixed clock (Europe/London, so
  // 13:00Z is 14:00); the expected text was written by hand from
  // docs/checklist.md, The record.
  await test('prevent: the record of a walk with Not done, Back and a changed answer is exactly what happened; its JSON replays with libpathway', async (opened) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'Europe/London',
                                               permissions: ['clipboard-read', 'clipboard-write'] });
    opened.push(context);
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    let minute = 0;
    const at = async (m) => { minute = m; await page.clock.setFixedTime(new Date(Date.UTC(2025, 5, 1, 13, m, 0))); };
    await at(0);
    await page.goto(BASE + P);
    const hash = await page.locator('body').getAttribute('data-hash');
    await page.click('#guide-start');
    await page.check('#guide-body fieldset.answers input[value="no"]');
    await at(1); await next(page);
    await at(2); await mark(page, 'notice_concern');
    await at(3); await next(page);
    await at(4); await mark(page, 'check_with_parent', 'not-done');
    await page.fill('#guide-body [data-why="check_with_parent"] textarea', 'Telling the parent could put the child at further risk');
    await at(5); await mark(page, 'speak_to_person');
    await at(6); await mark(page, 'talk_to_prevent_dsp');
    // the Programme Manager's advice is beside the together: opened from
    // its Also consider and marked there, the guide staying at check_concern
    await page.click('#guide-body p.also button.also-open');
    await at(7); await mark(page, 'seek_prevent_advice');
    check(flat(await page.locator('#guide-title').textContent()).startsWith('5. '),
          `marking seek_prevent_advice through Also consider moved the guide to ${flat(await page.locator('#guide-title').textContent())}`);
    await at(8); await next(page);
    await at(9); await page.check('#guide-body fieldset.answers input[value="no"]');
    await at(10); await next(page);
    await guideShows(page, 'no_further_action', 'still_concerned: No');
    await at(11); await page.click('#guide-back');
    await guideShows(page, 'still_concerned', 'Back from no_further_action');
    check(!(await page.isChecked('#reached-no_further_action')), 'Back kept the outcome left as reached');
    await at(12); await page.check('#guide-body fieldset.answers input[value="yes"]');
    await at(13); await next(page);
    await at(14); await mark(page, 'complete_referral');
    await page.fill('#guide-note', 'Form sent by secure email');
    await at(15); await next(page);
    await at(16); await mark(page, 'update_records');
    await at(17); await next(page);
    await guideShows(page, 'referred', 'Next at update_records');
    check(await visible(page, '#guide #record'), 'the record panel is not in the guide at the outcome');
    await page.fill('#rec-name', 'A. Teacher');
    await page.fill('#rec-role', 'Designated Safeguarding Lead');
    await page.fill('#rec-ref', 'PUPIL-0042');
    await page.fill('#rec-notes', 'Spoke to the DSL before referring.');
    await at(18);
    await page.click('#record-copy');
    const want = [
      'Record: Prevent: Notice, Check, Share',
      'Pathway: prevent, version 2024.11',
      `Content hash: ${hash}`,
      'Record made: 2025-06-01 14:18',
      'Recorded by: A. Teacher, Designated Safeguarding Lead',
      'Reference: PUPIL-0042',
      'Outcome: 13. Prevent referral made (referral)',
      '',
      '2025-06-01 14:00  Answered: 1. Is a person, child or adult, at immediate risk? — No',
      '2025-06-01 14:02  Done: 4. Notice: are you worried that a person is at risk of being radicalised into extremism and/or supporting terrorism?',
      '2025-06-01 14:04  Not done: 6. If your concern is about a child and if appropriate, check the concern with a parent or carer unless it could put the child at further risk of harm. Why: Telling the parent could put the child at further risk',
      '2025-06-01 14:05  Done: 7. If appropriate speak to the person of concern to better understand the situation',
      '2025-06-01 14:06  Done: 8. Talk with your Prevent Designated Safeguarding Person',
      '2025-06-01 14:07  Done: 9. Seek advice from your HCC Prevent Programme Manager',
      '2025-06-01 14:12  Changed: 10. Do you still have concerns after checking? — answer No (given at 14:09) changed to Yes',
      '2025-06-01 14:12  Answered: 10. Do you still have concerns after checking? — Yes',
      '2025-06-01 14:14  Done: 11. Complete the National Referral Form and send it to the Prevent team at prevent@herts.pnn.police.uk (consent is NOT needed)',
      '                  Note: Form sent by secure email',
      '2025-06-01 14:16  Done: 12. Update your organisation\'s recording systems',
      '2025-06-01 14:17  Outcome reached: 13. Prevent referral made (referral)',
      '',
      'Notes:',
      'Spoke to the DSL before referring.',
      ''].join('\n');
    const text = await page.locator('#record-text').inputValue();
    equal(text, want, 'the record');
    const clip = await page.evaluate(() => navigator.clipboard.readText()).catch((e) => `(clipboard unreadable: ${e})`);
    equal(clip, want, 'the clipboard after Copy record');
    // The text download is the same text.
    const [txt] = await Promise.all([page.waitForEvent('download'), page.click('#record-download')]);
    equal(txt.suggestedFilename(), 'prevent-record-20250601-1418.txt', 'the text download\'s name');
    equal(readFileSync(await txt.path(), 'utf8'), want, 'the text downloaded');
    const [js] = await Promise.all([page.waitForEvent('download'), page.click('#record-download-json')]);
    equal(js.suggestedFilename(), 'prevent-record-20250601-1418.json', 'the JSON download\'s name');
    const record = JSON.parse(readFileSync(await js.path(), 'utf8'));
    equal([record.format, record.format_version, record.pathway, record.version, record.content_hash],
          ['pathway-record', 1, 'prevent', '2024.11', hash], 'the JSON record\'s header');
    equal(record.recorded_by, { name: 'A. Teacher', role: 'Designated Safeguarding Lead' }, 'recorded_by');
    equal(record.reference, 'PUPIL-0042', 'reference');
    equal(record.outcome, { node: 'referred', title: '13. Prevent referral made', outcome: 'referral' }, 'outcome');
    equal(record.entries.map((e) => e.text), want.split('\n').slice(8, 20).filter((l) => !l.startsWith(' ')).map((l) => l.slice(18)),
          'the JSON entries\' texts (the text\'s lines)');
    equal(record.entries.map((e) => [e.time, e.what, e.node]), [
      ['2025-06-01T13:00:00Z', 'answered', 'immediate_risk'], ['2025-06-01T13:02:00Z', 'done', 'notice_concern'],
      ['2025-06-01T13:04:00Z', 'not-done', 'check_with_parent'], ['2025-06-01T13:05:00Z', 'done', 'speak_to_person'],
      ['2025-06-01T13:06:00Z', 'done', 'talk_to_prevent_dsp'], ['2025-06-01T13:07:00Z', 'done', 'seek_prevent_advice'],
      ['2025-06-01T13:12:00Z', 'changed', 'still_concerned'], ['2025-06-01T13:12:00Z', 'answered', 'still_concerned'],
      ['2025-06-01T13:14:00Z', 'done', 'complete_referral'], ['2025-06-01T13:16:00Z', 'done', 'update_records'],
      ['2025-06-01T13:17:00Z', 'outcome', 'referred']], 'the JSON entries');
    equal(record.entries[2].why, 'Telling the parent could put the child at further risk', 'the reason in the JSON');
    equal([record.entries[6].from, record.entries[6].to], ['no', 'yes'], 'the change in the JSON');
    equal(record.walks.length, 1, 'the number of walks');
    // libpathway replays the walk, to the same outcome.
    const walkFile = join(WORK, 'prevent-walk.json');
    writeFileSync(walkFile, JSON.stringify(record.walks[0], null, 2));
    const run = spawnSync(PATHWAYC, ['run', '--resume', walkFile, join(PAGES, 'prevent.json')], { input: '', encoding: 'utf8' });
    equal(run.status, 0, `pathwayc run --resume: exit status (stderr: ${run.stderr})`);
    check(run.stdout.includes('Outcome: 13. Prevent referral made (referral)'),
          `the walk replayed by libpathway does not reach the outcome:\n${run.stdout}`);
    equal(errors, [], 'uncaught errors');
  });

  // Nothing typed is ever stored; by default nothing outlives the tab;
  // "Keep my progress on this device" keeps ticks and answers (never text)
  // and the page says so when it restores them.
  await test('prevent: privacy: nothing typed is stored; a new tab restores nothing by default, and what was kept when asked', async (opened) => {
    const secrets = ['SECRET-REASON-7', 'SECRET-NOTE-7', 'SECRET-NAME-7', 'SECRET-ROLE-7', 'SECRET-REF-7', 'SECRET-NOTES-7'];
    const typeAll = async (page) => {
      await page.click('#guide-start');
      await answer(page, 'no');
      await mark(page, 'notice_concern');
      await next(page);
      await mark(page, 'check_with_parent', 'not-done');
      await page.fill('#guide-body [data-why="check_with_parent"] textarea', secrets[0]);
      await page.fill('#guide-note', secrets[1]);
      await page.click('#show-record');
      await page.fill('#rec-name', secrets[2]);
      await page.fill('#rec-role', secrets[3]);
      await page.fill('#rec-ref', secrets[4]);
      await page.fill('#rec-notes', secrets[5]);
      const stored = await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]));
      for (const x of secrets) check(!stored.includes(x), `${x} was written to storage: ${stored}`);
      check(stored.includes('check_with_parent'), 'the status was not stored at all (the test would prove nothing)');
      check((await page.locator('#record-text').inputValue()).includes(secrets[0]), 'the reason is not in the record');
    };
    // the default: the tab only
    const a = await open(opened, P);
    await typeAll(a.page);
    const reopened = await open(opened, P, { storageState: await a.context.storageState() });
    check(!(await reopened.page.isChecked('#status-notice_concern-done')), 'a new tab restored a status, though keeping was not asked');
    check(!(await visible(reopened.page, '#notice')), 'a new tab shows a notice, with nothing restored');
    // kept on this device, when asked
    const b = await open(opened, P);
    await b.page.check('#keep');
    await typeAll(b.page);
    const kept = await open(opened, P, { storageState: await b.context.storageState() });
    check(await kept.page.isChecked('#status-notice_concern-done'), 'Keep my progress: a new tab did not restore the status');
    check(await kept.page.isChecked('#keep'), 'Keep my progress: the choice is not shown again');
    const said = await kept.page.locator('#notice').textContent();
    check(/walk in progress from \d\d:\d\d, kept on this device/.test(said), `the notice: ${said}`);
    await kept.page.click('#notice-continue');
    await guideShows(kept.page, 'check_concern', 'Continue in the notice');
    await kept.page.click('#show-record');
    const text = await kept.page.locator('#record-text').inputValue();
    for (const x of secrets) check(!text.includes(x), `${x} came back in a new tab`);
    check(/Not done: 6\. [^\n]*Why: not kept/.test(text), `the record of a reason not kept:\n${text}`);
    // unticked, the progress leaves the device
    await kept.page.uncheck('#keep');
    equal(await kept.page.evaluate(() => localStorage.length), 0, 'localStorage keys after unticking Keep');
  });

  // State another page could write (same origin: under file:// every local
  // file): thrown away whole, with a notice; nothing reaches the record;
  // the tools stay.
  await test('prevent: hostile stored state is discarded with a notice and never reaches the record', async (opened) => {
    const { page } = await open(opened, P);
    const hash = await page.locator('body').getAttribute('data-hash');
    const key = `pathwayc:prevent:${hash}`;
    await page.check('#answer-immediate_risk-no');
    await page.check('#status-notice_concern-done');
    const good = JSON.parse(await page.evaluate((k) => sessionStorage.getItem(k), key));
    check(good && Array.isArray(good.status), 'the page stored nothing to start from');
    const variant = (f) => { const v = structuredClone(good); f(v); return JSON.stringify(v); };
    const cases = {
      'not JSON': '{"v":2,',
      'null': 'null',
      'an array': '[]',
      '__proto__ key': '{"__proto__": {"v": 2}, "v": 2}',
      'format 1 (objects as maps)': JSON.stringify({ v: 1, ticks: { notice_concern: '2025-06-01T13:00:00.000Z', constructor: 'x' }, answers: {}, guide: null }),
      'an unknown node': variant((v) => v.status.push(['no_such_node', 'done', v.saved, 1])),
      'a node named __proto__': variant((v) => v.status.push(['__proto__', 'done', v.saved, 1])),
      'a forged answer': variant((v) => { v.answers[0][1] = 'yes\n2025-06-01 14:00  Decided: forged'; }),
      'an answer to a step': variant((v) => v.answers.push(['notice_concern', 'yes', v.saved, 1, null])),
      'a status the step has not': variant((v) => { v.status[0][1] = 'not-applicable'; }),
      'a tick named constructor': variant((v) => v.ticks.push(['constructor', v.saved, 1])),
      'a bad time': variant((v) => { v.status[0][2] = '2025-13-45T99:00:00Z'; }),
      'an extra key': variant((v) => { v.extra = 1; }),
      'a walk that jumps': variant((v) => v.walks.push([v.saved, 'immediate_risk', [['immediate_risk', 'answer', 'yes', 'notice_concern', v.saved]]])),
      'another pathway': variant((v) => { v.pathway = 'lado'; }),
    };
    for (const [name, value] of Object.entries(cases)) {
      for (const where of ['sessionStorage', 'localStorage']) {
        await page.evaluate(([k, v, w]) => { sessionStorage.clear(); localStorage.clear(); window[w].setItem(k, v); }, [key, value, where]);
        await page.reload({ waitUntil: 'load' });
        check(await visible(page, '#tools'), `${name} (${where}): the tools are hidden`);
        const notice = (await page.locator('#notice').textContent()) || '';
        check(await visible(page, '#notice') && /could not be used, so it was removed/.test(notice),
              `${name} (${where}): no notice that it was thrown away: ${JSON.stringify(notice)}`);
        equal(await page.evaluate(() => [...document.querySelectorAll('input:checked')].map((i) => i.id)), [],
              `${name} (${where}): controls checked from hostile state`);
        equal(await page.evaluate((k) => [sessionStorage.getItem(k), localStorage.getItem(k)], key), [null, null],
              `${name} (${where}): the hostile state is still stored`);
        await page.click('#show-record');
        const text = await page.locator('#record-text').inputValue();
        check(/Nothing has been done, decided or ticked yet\./.test(text) && !/forged/.test(text),
              `${name} (${where}): the record:\n${text}`);
      }
    }
    // and the state the page wrote itself is still read
    await page.evaluate(([k, v]) => { localStorage.clear(); sessionStorage.setItem(k, v); }, [key, JSON.stringify(good)]);
    await page.reload({ waitUntil: 'load' });
    check(await page.isChecked('#status-notice_concern-done'), 'the page\'s own state is not read back');
  });

  await test('the screenshots are written under build/', async () => {
    const want = [...pathwayPages.map((f) => f.replace(/\.html$/, '.png')), 'index.png',
                  'prevent-guide-referred.png', 'prevent-print.png', 'prevent-print.pdf', 'prevent-print-record.pdf',
                  'prevent-nojs.png'];
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

// Names every JavaScript object answers to (constructor, toString,
// __proto__) and ids that would meet if written plainly (s, s-done): each
// step's status is its own, kept over a reload, and in the record.
await test('ids: steps named constructor, toString, __proto__, s and s-done are marked, kept and recorded like any other', async (opened) => {
  const { page } = await open(opened, 'ids/ids.html');
  await page.click('#guide-start');
  await answer(page, 'no');
  await answer(page, 'a-b');
  await answer(page, 'b');
  await mark(page, 'constructor');
  await next(page);
  await mark(page, 'toString', 'not-done');
  await page.fill('#guide-body [data-why="toString"] textarea', 'No time');
  await next(page);
  await mark(page, '__proto__', 'not-applicable');
  await next(page);
  await mark(page, 's');
  await next(page);
  check(!(await page.isChecked('#status-s--done-done')), 'marking s marked s-done too');
  await mark(page, 's-done', 'not-done');
  check(await page.isChecked('#status-s-done'), 'marking s-done unmarked s');
  await page.fill('#guide-body [data-why="s-done"] textarea', 'Not needed');
  await next(page);
  equal(await page.locator('#guide-outcome').getAttribute('data-outcome'), 'done', 'where the walk ends');
  const want = ['Done: 5. Step named constructor', 'Not done: 6. Step named toString. Why: No time',
                'Does not apply: 7. Step named __proto__', 'Done: 8. Step s', 'Not done: 9. Step s-done. Why: Not needed',
                'Outcome reached: 10. Done (advice)'];
  const lines = (await page.locator('#record-text').inputValue()).split('\n').filter((l) => /^\d{4}-/.test(l)).map((l) => l.slice(18));
  equal(lines.slice(-6), want, 'the record\'s last lines');
  await page.reload({ waitUntil: 'load' });
  check(!/could not be used/.test(await page.locator('#notice').textContent()), 'the page threw its own state away');
  for (const id of ['#status-constructor-done', '#status-toString-not-done', '#status-__proto__-not-applicable',
                    '#status-s-done', '#status-s--done-not-done', '#reached-done']) {
    check(await page.isChecked(id), `${id} is not checked after a reload`);
  }
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
    await answer(page, 'no');
    await doneNext(page);
    const title = async () => ((await page.locator('#guide-title').textContent()) || '').replace(/\s+/g, ' ');
    check((await title()).startsWith('4.'), `the guide should be at 4. DASH risk score, is at ${await title()}`);
    equal(await page.locator('#guide #guide-bands li').allTextContents(),
          ['0 to 9: Standard risk', '10 to 13', '14 to 27: High risk'], 'the bands the guide lists');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.locator('#guide').scrollIntoViewIfNeeded();
    await shot(page, 'language2-guide-bands-390.png');
    await page.fill('#guide-score', '30');
    await next(page);
    await guideRefuses(page, /Enter a whole-number score from 0 to 27\./, 'the message for 30');
    check((await title()).startsWith('4.'), `a score of 30 moved the guide to ${await title()}`);
    await page.fill('#guide-score', '15');
    await next(page);
    equal(await page.locator('#guide-status').textContent(), 'Score 15: High risk (14 to 27).', 'the message for 15');
    check((await title()).startsWith('7.'), `a score of 15 should lead to 7. Refer to MARAC, the guide is at ${await title()}`);
    check(await page.isChecked('#answer-dash_score-14-27'), 'the checklist does not show the band 14-27 as the answer');
    await page.click('#show-record');
    const text = await page.locator('#record-text').inputValue();
    check(text.includes('Answered: 4. DASH risk score — 15 (High risk)\n'),
          `the record does not give the score with its band's label:\n${text}`);
    check(text.includes('Answered: 1. Is anyone in immediate danger? — No\n'), `the record lacks the first answer:\n${text}`);
    await page.locator('#record').scrollIntoViewIfNeeded();
    await shot(page, 'language2-record-390.png');
    // A score typed in the checklist itself is recorded with its band; one
    // out of range is refused beside the box.
    await page.fill('#score-dash_score', '31');
    await page.locator('#score-dash_score').blur();
    check(await page.locator('#score-dash_score-error').isVisible(), 'no message beside a score of 31 in the checklist');
    await page.fill('#score-dash_score', '20');
    await page.locator('#score-dash_score').blur();
    check(!(await page.locator('#score-dash_score-error').isVisible()), 'the message stays after a score in range');
    check((await page.locator('#record-text').inputValue()).includes('Answered: 4. DASH risk score — 20 (High risk)\n'),
          `a score typed in the checklist is not recorded with its band:\n${await page.locator('#record-text').inputValue()}`);
    // Answered in the checklist itself, no score is known: the band is.
    await page.check('#answer-dash_score-10-13');
    const again = await page.locator('#record-text').inputValue();
    check(again.includes('Answered: 4. DASH risk score — 10 to 13\n'),
          `answered by its radio button, the record should give the band:\n${again}`);
    check(/Changed: 4\. DASH risk score — answer 14 to 27: High risk \(given at \d\d:\d\d\) changed to 10 to 13\n/.test(again),
          `the record does not say the answer was changed:\n${again}`);
    clean(E, log, url);
  });

  await test('exploitation: a score reloaded with the walk is still recorded with its band', async (opened) => {
    const { page } = await open(opened, E);
    await page.click('#guide-start');
    await answer(page, 'no');
    await doneNext(page);
    await page.fill('#guide-score', '3');
    await next(page);
    await page.reload({ waitUntil: 'load' });
    await page.click('#show-record');
    const text = await page.locator('#record-text').inputValue();
    check(text.includes('— 3 (Standard risk)\n'), `after a reload, the record does not give 3 (Standard risk):\n${text}`);
  });

  // An emergency outcome with no next (exploitation's call_999; it was
  // domestic_abuse's until its 999 went on to the MARAC question): the
  // guide goes on with the pathway's first step once the call is ticked;
  // libpathway's walk ends at such an outcome, so the JSON holds two walks,
  // each replayed by libpathway against the table of
  // tests/outputs/language2.pathway, built here (check-browser builds its
  // pages without one).
  await test('exploitation: after 999 with no next, the guide goes on with the first step; two walks, each replayed by libpathway', async (opened) => {
    const tables = join(WORK, 'language2-json');
    const built = spawnSync(PATHWAYC, ['build', '--today', '2025-06-01', '--color=never', '--emit', 'json', '-o', tables,
                                       'tests/outputs/language2.pathway'], { encoding: 'utf8' });
    equal(built.status, 0, `pathwayc build --emit json of tests/outputs/language2.pathway:\n${built.stderr}`);
    const { page, log } = await open(opened, E);
    const first = await itemHeading(page, 'share');
    const then = flat(await page.locator('#item-call_999 > p.next').textContent());
    equal(then, `Once you have called 999: go on with ${first.number}. ${first.title}`, 'where call_999 goes on');
    equal(flat(await page.locator('#emergency p.then').textContent()), then, 'the emergency box says the same');
    await page.click('#guide-start');
    await answer(page, 'yes');
    check(/Once you have called 999: go on with /.test(await page.locator('#guide-outcome').textContent()),
          `the guide at call_999: ${await page.locator('#guide-outcome').textContent()}`);
    await page.check('#guide-body input[data-called="call_999"]');
    await next(page);
    check((await page.locator('#guide-title').textContent()).startsWith(first.number + '.'), 'the guide did not go on with share');
    await page.click('#show-record');
    check(/\d\d:\d\d  999 called at \d\d:\d\d: 2\. Call 999\n/.test(await page.locator('#record-text').inputValue()),
          `the record of the call:\n${await page.locator('#record-text').inputValue()}`);
    const [js] = await Promise.all([page.waitForEvent('download'), page.click('#record-download-json')]);
    const record = JSON.parse(readFileSync(await js.path(), 'utf8'));
    equal(record.walks.map((w) => [w.from, w.moves.map((m) => m.to)]), [['danger', ['call_999']], ['share', []]],
          'the walks of the record');
    for (const [k, w] of record.walks.entries()) {
      const file = join(WORK, `exploitation-walk-${k}.json`);
      writeFileSync(file, JSON.stringify(w));
      const run = spawnSync(PATHWAYC, ['run', '--resume', file, join(tables, 'exploitation.json')], { input: '', encoding: 'utf8' });
      // the first walk ended at the call (status 0); the second stands at
      // share, where run stops for want of input (status 1)
      equal([run.status, run.stderr], [k === 0 ? 0 : 1, ''], `pathwayc run --resume of walk ${k}: status and stderr`);
      check(k === 0 ? run.stdout.includes('Outcome: 2. Call 999 (emergency)') :
              run.stdout.includes(`${first.number}. ${first.title}`) && run.stdout.includes('Stopped before the end of the pathway.'),
            `walk ${k} replayed by libpathway:\n${run.stdout}`);
    }
    const errors = log.console.filter((m) => m.type === 'error').map((m) => m.text).concat(log.errors);
    equal(errors, [], 'console errors and uncaught errors');
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

const guideTitle = async (page) => flat(await page.locator('#guide-title').textContent());
async function guideAt(page, number, how) {
  const t = await guideTitle(page);
  check(t.startsWith(number + '.'), `${how}: the guide should be at ${number}., #guide-title is ${JSON.stringify(t)}`);
}
// The guide's answers at a question: which can be chosen.
async function enabledAnswers(page) {
  return page.locator('#guide-body fieldset.answers input[type=radio]').evaluateAll((bs) =>
    bs.filter((b) => !b.disabled).map((b) => b.value));
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
    await answer(axed, 'yes');
    await axe(axed, 'referrals, the guide at the emergency outcome that goes on');
    await axed.check('#guide-body input[data-called="call_999"]');
    await next(axed);
    await doneNext(axed);
    await axe(axed, 'referrals, the guide at the nested criteria');
    await tickInGuide(axed, 'eligible:1');
    await tickInGuide(axed, 'eligible:2.2');
    await next(axed);
    await axe(axed, 'referrals, the guide at the together');
    await mark(axed, 'refer_branch');
    await axe(axed, 'referrals, the guide at the together, one step marked');
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
      check((await inner.locator(`fieldset.status input#status-${s}-done[type=radio][data-status="${s}"]`).count()) === 1, `no status control #status-${s}-done`);
      equal(await inner.locator('p.next, p.end').count(), 0, `${s} says where to go next, or that the pathway ends`);
      equal(await page.locator(`main > section > article.item#item-${s}`).count(), 0, `${s} also stands on its own (${k})`);
    }
    const climb = await page.locator('#item-refer_climb dl').evaluate((dl) =>
      Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
    check(/CLIMB service/.test(climb.Contact || ''), `refer_climb's contact: ${JSON.stringify(climb)}`);
    check(/CLIMB referral form/.test(climb.Form || ''), `refer_climb's form: ${JSON.stringify(climb)}`);
    check(/^Seek consent, unless that would be unsafe/.test(climb.Consent || ''), `refer_climb's consent: ${JSON.stringify(climb)}`);
    equal(climb.Record, 'The date of the referral', "refer_climb's record");
    equal(await page.locator('#item-refer_climb ul.do li').count(), 2, "refer_climb's do items");
    equal(await page.locator('#item-refer_climb ul.do input').count(), 0, "refer_climb's do items carry ticks: the step's status is its one control");
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
    check((await call.locator('input#called-call_999[data-called="call_999"]').count()) === 1, 'call_999 has no tick for the call');
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
    await answer(page, 'no');
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
    await next(page);
    await guideAt(page, 6, 'eligible: Yes');
    check(await page.isChecked('#answer-eligible-yes'), 'the checklist does not show eligible answered Yes');
    // the other question: any-of, with an all-of inside. Back past
    // eligible forgets its ticks: that route was left.
    await page.click('#guide-back');
    await page.click('#guide-back');
    await answer(page, 'no');
    equal(await page.locator('#guide-body input[data-tick]:checked').count(), 0, 'eligible\'s ticks after Back past it');
    await tickInGuide(page, 'eligible:2.2');
    equal(await enabledAnswers(page), ['no'], 'eligible with 2.2 ticked alone');
    await next(page);
    await guideAt(page, 5, 'eligible: No');
    await tickInGuide(page, 'other_need:2.1');
    equal(await enabledAnswers(page), ['no'], 'other_need with 2.1 ticked, not 2.2');
    await tickInGuide(page, 'other_need:2.2');
    equal(await enabledAnswers(page), ['yes'], 'other_need with 2.1 and 2.2 ticked');
    await tickInGuide(page, 'other_need:2.2', false);
    await tickInGuide(page, 'other_need:1');
    equal(await enabledAnswers(page), ['yes'], 'other_need with 1 and 2.1 ticked');
    await next(page);
    await guideAt(page, 12, 'other_need: Yes');
    await page.click('#show-record');
    const text = await page.locator('#record-text').inputValue();
    for (const line of ['Applies: 5. Is a referral to Children\'s Services needed instead? — The child is in need of protection\n',
                        'Applies: 5. Is a referral to Children\'s Services needed instead? — The family has refused early help\n',
                        'Answered: 5. Is a referral to Children\'s Services needed instead? — Yes\n',
                        'Applies: 4. Does the young person meet the CLIMB and BRANCH criteria? — Under 25 with additional needs\n',
                        'Answered: 4. Does the young person meet the CLIMB and BRANCH criteria? — No\n']) {
      check(text.includes(line), `the record lacks ${JSON.stringify(line)}:\n${text}`);
    }
    check(!text.includes('The concerns are continuing'), `the record lists a criterion ticked, then unticked:\n${text}`);
    check(/Changed: 4\. Does the young person meet the CLIMB and BRANCH criteria\? — answer Yes \(given at \d\d:\d\d\) changed to No\n/.test(text),
          `the record does not say eligible's answer changed:\n${text}`);
    check(!/Applies: 4\.[^\n]*sexual exploitation/.test(text), `the record keeps a tick of the route left:\n${text}`);
    clean(R, log, url);
  });

  await test('referrals: Guide me at a together: Next only once every step is marked, in any order; the walk survives a reload; the record lists each step', async (opened) => {
    const { page, log, url } = await open(opened, R, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.click('#guide-start');
    await answer(page, 'no');
    await tickInGuide(page, 'eligible:1');
    await tickInGuide(page, 'eligible:2.1');
    await next(page);
    await guideAt(page, 6, 'eligible: Yes');
    equal(await page.locator('#guide .guide-item article.item').evaluateAll((as) => as.map((a) => a.dataset.node)),
          TOGETHER_STEPS, 'the steps the guide shows at the together');
    const says = async () => flat(await page.locator('#guide-together').textContent());
    equal(await says(), '0 of 3 steps marked: mark each as you go, in any order.', '#guide-together at first');
    await next(page);
    await guideRefuses(page, /Choose Done[^.]* for step 7\./, 'Next at the together with nothing marked');
    // the last step first, then the first: any order
    await mark(page, 'tell_school');
    await mark(page, 'refer_climb');
    equal(await says(), '2 of 3 steps marked: mark each as you go, in any order.', '#guide-together with two marked');
    await next(page);
    await guideRefuses(page, /Choose Done[^.]* for step 8\./, 'Next at the together with two of three marked');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.locator('#guide').scrollIntoViewIfNeeded();
    await shot(page, 'structure-guide-together-390.png');
    // the walk and the statuses are kept: reload, and the guide is where it was
    await page.reload({ waitUntil: 'load' });
    await page.click('#guide-start');
    await guideAt(page, 6, 'Guide me after a reload');
    for (const s of ['tell_school', 'refer_climb']) {
      check(await page.isChecked(`#guide input[data-status="${s}"][value="done"]`), `${s} is not marked in the guide after a reload`);
      check(await page.isChecked(`#status-${s}-done`), `${s} is not marked in the checklist after a reload`);
    }
    // marking the last in the checklist itself counts
    await page.check('#status-refer_branch-done');
    equal(await says(), 'All 3 steps marked.', '#guide-together with all marked');
    await next(page);
    await guideAt(page, 10, 'Next at the together');
    await page.click('#guide-back');
    await guideAt(page, 6, 'Back from review');
    equal(await says(), 'All 3 steps marked.', 'the together gone back to keeps its steps\' statuses');
    await page.click('#show-record');
    const text = await page.locator('#record-text').inputValue();
    const lines = ['Applies: 4. Does the young person meet the CLIMB and BRANCH criteria? — Victim of, or at risk of, child sexual exploitation\n',
                   'Applies: 4. Does the young person meet the CLIMB and BRANCH criteria? — Under 18\n',
                   'Answered: 4. Does the young person meet the CLIMB and BRANCH criteria? — Yes\n',
                   'Done: 7. Refer to CLIMB\n', 'Done: 8. Refer to BRANCH\n', 'Done: 9. Tell the young person\'s school\n'];
    for (const line of lines) check(text.includes(line), `the record lacks ${JSON.stringify(line)}:\n${text}`);
    check(text.indexOf('Done: 9.') < text.indexOf('Done: 7.') && text.indexOf('Done: 7.') < text.indexOf('Done: 8.'),
          `the record does not list the steps in the order marked:\n${text}`);
    check(!text.includes('Make the referrals'), `the record names the together, which has no status of its own:\n${text}`);
    // (reloaded: the page was asked for twice, so not clean())
    const errors = log.console.filter((m) => m.type === 'error').map((m) => m.text).concat(log.errors);
    equal(errors, [], 'console errors and uncaught errors');
    check(log.requests.every((u) => u === url), `requests other than the page: ${JSON.stringify(log.requests)}`);
  });

  await test('referrals: Guide me at an emergency outcome that goes on: says where to go once 999 is called, records the call, goes on', async (opened) => {
    const { page, log, url } = await open(opened, R);
    await page.click('#guide-start');
    await answer(page, 'yes');
    await guideAt(page, 2, 'danger: Yes');
    const said = flat(await page.locator('#guide #guide-outcome').textContent());
    equal(await page.locator('#guide #guide-outcome').getAttribute('data-outcome'), 'call_999', 'p#guide-outcome[data-outcome]');
    equal(said, 'Outcome: emergency. Once you have called 999: go to 3. Tell your Designated Safeguarding Lead straight away.',
          'what the guide says at call_999');
    check(!(await page.locator('#guide').textContent()).includes('The pathway ends here'), 'the guide says the pathway ends at call_999');
    await page.locator('#guide').scrollIntoViewIfNeeded();
    await shot(page, 'structure-guide-call_999.png');
    await next(page);
    await guideRefuses(page, /999 has been called/, 'Next at call_999, the call not ticked');
    await page.check('#guide-body input[data-called="call_999"]');
    await next(page);
    await guideAt(page, 3, 'Next at call_999, the call ticked');
    check(await page.isChecked('#called-call_999'), 'the call ticked in the guide is not ticked in the checklist');
    await doneNext(page);
    await guideAt(page, 4, 'Done, Next at tell_dsl');
    await page.click('#show-record');
    const text = await page.locator('#record-text').inputValue();
    for (const line of ['Answered: 1. Is anyone in immediate danger? — Yes\n', /999 called at \d\d:\d\d: 2\. Call the police on 999\n/,
                        'Done: 3. Tell your Designated Safeguarding Lead straight away\n']) {
      check(typeof line === 'string' ? text.includes(line) : line.test(text), `the record lacks ${line}:\n${text}`);
    }
    clean(R, log, url);
  });
  // Guide me walks with the pathway runtime (runtime/js) over the page's
  // own table: the record's walks are what that runtime saves, which is
  // what libpathway saves, criteria by id and text; libpathway replays
  // them. (The page's own walker wrote a ticked criterion's id with its
  // question's id before it, and no text.)
  await test('referrals: the record\'s walk through nested criteria is the runtime\'s: ticked by id and text; libpathway replays it', async (opened) => {
    const { page, log } = await open(opened, R);
    await page.click('#guide-start');
    await answer(page, 'no');
    await guideAt(page, 4, 'danger: No');
    await tickInGuide(page, 'eligible:1');
    await tickInGuide(page, 'eligible:2.2');
    await next(page);
    await guideAt(page, 6, 'eligible: Yes');
    await page.click('#show-record');
    const [js] = await Promise.all([page.waitForEvent('download'), page.click('#record-download-json')]);
    const record = JSON.parse(readFileSync(await js.path(), 'utf8'));
    equal(record.walks.length, 1, 'the walks of the record');
    const walk = record.walks[0];
    equal(walk.moves.map((m) => [m.node, m.move, m.to]),
          [['danger', 'answer', 'eligible'], ['eligible', 'criteria', 'refer_both']], 'the moves');
    equal(walk.moves[1].ticked, [{ id: '1', text: 'Victim of, or at risk of, child sexual exploitation' },
                                 { id: '2.2', text: 'Under 25 with additional needs' }], 'the criteria ticked');
    equal(walk.moves[1].answer, 'yes', 'the answer they gave');
    const dir = join(WORK, 'structure-json');
    const built = spawnSync(PATHWAYC, ['build', '--emit', 'json', '-o', dir, 'tests/outputs/language2-structure.pathway'],
                            { encoding: 'utf8' });
    equal(built.status, 0, `pathwayc build --emit json: ${built.stderr}`);
    const file = join(WORK, 'referrals-walk.json');
    writeFileSync(file, JSON.stringify(walk));
    const run = spawnSync(PATHWAYC, ['run', '--resume', file, '--save', join(WORK, 'referrals-again.json'),
                                     join(dir, 'referrals.json')], { input: '', encoding: 'utf8' });
    equal([run.status, run.stderr], [1, ''], 'pathwayc run --resume of the walk: status and stderr');
    equal(JSON.parse(readFileSync(join(WORK, 'referrals-again.json'), 'utf8')), walk,
          'the walk as libpathway saves it again');
    const errors = log.console.filter((m) => m.type === 'error').map((m) => m.text).concat(log.errors);
    equal(errors, [], 'console errors and uncaught errors');
  });

  // The page's table is checked as libpathway checks a table, its hash
  // too: one changed after the build (here a title) is refused, and the
  // script does nothing; the page stays a plain checklist.
  await test('referrals: a page whose embedded table does not match its hash runs no script: no tools, no guide, no error', async (opened) => {
    const html = readFileSync(join(PAGES, R), 'utf8');
    const changed = html.replace('"title":"CLIMB and BRANCH referrals"', '"title":"Changed"');
    check(changed !== html, 'the page has no table with its title');
    // served in place of a page beside it (written nowhere: the other
    // tests walk every page they find)
    const { page, log } = await open(opened, R);
    check(await page.locator('#tools').isVisible(), 'the page as built: the tools are not shown');
    const url = BASE + S + 'tampered-referrals.html';
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
                                                      body: changed }));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(150);
    check(await page.locator('body[data-pathway="referrals"]').count() === 1, 'the changed page is not shown');
    check(!(await page.locator('#tools').isVisible()), 'the tools are shown');
    check(!(await page.locator('#guide').isVisible()), 'the guide is shown');
    check(await page.locator('#item-danger').isVisible(), 'the checklist is not shown');
    const errors = log.console.filter((m) => m.type === 'error').map((m) => m.text).concat(log.errors);
    equal(errors, [], 'console errors and uncaught errors');
  });

}

await test('structure: the screenshots are written under build/', async () => {
  const want = [320, 390, 1280].map((w) => `structure-referrals-${w}.png`)
    .concat(['structure-together-nojs.png', 'structure-guide-criteria-390.png',
             'structure-guide-together-390.png', 'structure-guide-call_999.png']);
  const missing = want.filter((f) => !existsSync(join(SHOTS, f)) || statSync(join(SHOTS, f)).size < 1000);
  equal(missing, [], `missing or empty in ${SHOTS}`);
});

await done();
