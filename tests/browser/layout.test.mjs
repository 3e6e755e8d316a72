// tests/browser/layout.test.mjs PAGES WORK
//
// The layout of the HTML checklist and the index (docs/checklist.md, "The
// page, top to bottom", "index.html" and "Controls and colours") in
// headless Chromium, with the harness of checklist.test.mjs (a static
// server on 127.0.0.1, playwright-core, axe-core): every page of PAGES
// (`pathwayc build --emit html,svg pathways/*.pathway`) and the index
//
//   - has no axe-core violation at 320, 390 and 1280 px, and at 390 px in
//     dark mode; never scrolls sideways at 320 px;
//   - puts the route (main#checklist) before #contacts and #about, its
//     first item within 1.5 screens of a 390×844 phone, and a link back to
//     index.html before the h1;
//   - shows a focus indicator on every control that contrasts at least
//     3:1 with what is behind it (the 999 link on the red box included), in
//     light and dark mode;
//   - makes every .choice label and every button at least 44 px tall;
//   - gives each answer fieldset the question as its legend;
//
// and the index's search filters as you type, with a count, and without
// JavaScript is not shown while every card is. Screenshots (layout-*.png)
// go to WORK/screenshots/, beside checklist.test.mjs's.

import { readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { start, test, check, equal, Failure } from './harness.mjs';

// checklist.test.mjs runs first and empties WORK/screenshots
const { PAGES, SHOTS, BASE, browser, open, clean, axe, done } = await start('layout.test.mjs');

const visible = (page, sel) => page.locator(sel).first().isVisible();

async function shot(page, name, options = {}) {
  await page.screenshot({ path: join(SHOTS, name), ...options });
}

// ---- colours ----------------------------------------------------------------

// Runs in the page: focuses each visible, enabled control (links,
// buttons, inputs, summary) in turn and measures its focus indicator:
// what focus changed of its outline, its box-shadow and its background
// (for a .choice input, drawn by its label, of the label's ::before), each
// colour of it against what is behind the control, the nearest opaque
// background of an ancestor. Returns, for each, its name and the best
// contrast of its indicator.
function focusContrasts(must) {
  const rgba = (s) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(s || '');
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const colours = (s) => [...(s || '').matchAll(/rgba?\([^)]*\)/g)].map((m) => rgba(m[0]));
  const lum = ([r, g, b]) => [r, g, b].map((v) => {
    v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const look = (el, pseudo) => {
    const cs = getComputedStyle(el, pseudo);
    const drawn = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    return { outline: drawn ? cs.outlineColor : 'none', shadow: cs.boxShadow, bg: cs.backgroundColor };
  };
  const out = [];
  const all = document.querySelectorAll('a[href], button, input, textarea, summary, select, [tabindex="0"]');
  for (const el of all) {
    const r = el.getBoundingClientRect();
    if (el.disabled || (r.width === 0 && r.height === 0) || getComputedStyle(el).visibility === 'hidden' ||
        !el.checkVisibility({ contentVisibilityAuto: true })) continue; // a closed <details>' content too
    let drawn = el, pseudo = null;
    if (el.matches('.choice > input')) {
      drawn = el.parentElement.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      pseudo = '::before';
    }
    const before = look(drawn, pseudo);
    el.focus();
    if (document.activeElement !== el) continue; // cannot take the focus: no one reaches it
    const after = look(drawn, pseudo);
    const indicator = [];
    for (const k of ['outline', 'shadow', 'bg']) {
      if (after[k] !== before[k]) indicator.push(...colours(after[k]));
    }
    let behind = [255, 255, 255, 1];
    for (let e = drawn.parentElement; e; e = e.parentElement) {
      const bg = rgba(getComputedStyle(e).backgroundColor);
      if (bg && bg[3] >= 0.99) { behind = bg; break; }
    }
    const opaque = indicator.filter((c) => c && c[3] >= 0.99);
    const best = Math.max(0, ...opaque.map((c) => ratio(c, behind)));
    el.blur();
    out.push({ must: must.filter((m) => el.matches(m)), best: Math.round(best * 100) / 100,
               name: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
                     (el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : ''),
               colours: opaque.map((c) => c.slice(0, 3).join(',')), behind: behind.slice(0, 3).join(',') });
  }
  return out;
}

// Every visible control of PAGE shows a focus indicator of at least 3:1
// against what is behind it; MUST, selectors of controls that must be
// among those measured.
async function focusIndicators(page, where, must = []) {
  const r = await page.evaluate(focusContrasts, must);
  const got = { bad: r.filter((x) => x.best < 3).map((x) =>
                  `${x.name}: best ${x.best}:1 (indicator ${x.colours.join(' / ') || 'none'} on ${x.behind})`),
                missing: must.filter((m) => !r.some((x) => x.must.includes(m))), count: r.length };
  equal(got.bad, [], `${where}: focus indicators under 3:1 against what is behind them (of ${got.count})`);
  equal(got.missing, [], `${where}: controls not found to focus`);
}

async function fits(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  check(scroll <= width, `${where}: the page is ${scroll} px wide in a window of ${width} px`);
}

const PHONE = { width: 390, height: 844 };

// ---- the tests ----------------------------------------------------------------


const written = existsSync(PAGES) ? readdirSync(PAGES).filter((f) => f.endsWith('.html')).sort() : [];
const pathwayPages = written.filter((f) => f !== 'index.html');

await test('layout: the build wrote index.html and the pages of pathways/', async () => {
  check(written.includes('index.html'), `no index.html in ${PAGES}`);
  check(written.includes('prevent.html') && written.includes('lado.html'), `no prevent.html or lado.html in ${PAGES}`);
});

for (const f of written) {
  await test(`${f}: axe-core finds no violations at 320, 390 and 1280 px, and at 390 px in dark mode`, async (opened) => {
    const { page } = await open(opened, f, { bypassCSP: true, viewport: { width: 320, height: 844 } });
    for (const [width, scheme] of [[320, 'light'], [390, 'light'], [1280, 'light'], [390, 'dark']]) {
      await page.setViewportSize({ width, height: 844 });
      await page.emulateMedia({ colorScheme: scheme });
      await axe(page, `${f} at ${width} px, ${scheme}`);
    }
  });
  await test(`${f}: no sideways scrolling at 320 px (at load, the guide and the diagram open)`, async (opened) => {
    const { page } = await open(opened, f, { viewport: { width: 320, height: 700 } });
    await fits(page, `${f} at load`);
    if (f !== 'index.html') {
      await page.click('#guide-start');
      await page.evaluate(() => { const d = document.getElementById('diagram'); if (d) d.open = true; });
      await fits(page, `${f} with the guide and the diagram open`);
    }
  });
  await test(`${f}: every .choice label and every button is at least 44 px tall`, async (opened) => {
    const { page } = await open(opened, f, { viewport: PHONE });
    if (f !== 'index.html') await page.click('#guide-start');
    const small = await page.evaluate(() => {
      const out = [];
      for (const i of document.querySelectorAll('.choice > input')) {
        const l = document.querySelector(`label[for="${CSS.escape(i.id)}"]`);
        const r = l && l.getBoundingClientRect();
        if (!r || (r.width > 0 && (r.height < 44 || r.width < 44))) out.push(`label for #${i.id}: ${r && `${r.width}×${r.height}`}`);
      }
      for (const b of document.querySelectorAll('button')) {
        const r = b.getBoundingClientRect();
        if (r.width > 0 && r.height < 44) out.push(`button#${b.id || b.textContent}: ${r.height} px tall`);
      }
      return out;
    });
    equal(small, [], `${f}: targets under 44 px`);
  });
}

for (const f of pathwayPages) {
  await test(`${f}: back link to the index before the h1; the route before contacts and About, its first item on the first 1.5 phone screens`, async (opened) => {
    const { page } = await open(opened, f, { viewport: PHONE });
    const o = await page.evaluate(() => {
      const after = (a, b) => !!(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
      const route = document.querySelector('main#checklist');
      const back = document.querySelector('nav a[href="index.html"]');
      const first = route && route.querySelector('article.item');
      return {
        back: !!back, backFirst: after(back, document.querySelector('h1')),
        contacts: !document.getElementById('contacts') || after(route, document.getElementById('contacts')),
        about: !!document.getElementById('about') && after(route, document.getElementById('about')),
        top: first && first.getBoundingClientRect().top + window.scrollY,
        title: first && first.querySelector('h3').getBoundingClientRect().bottom + window.scrollY,
      };
    });
    check(o.back, `${f}: no nav a[href="index.html"]`);
    check(o.backFirst, `${f}: the link back to the index is not before the h1`);
    check(o.contacts, `${f}: #contacts comes before main#checklist`);
    check(o.about, `${f}: #about is missing or comes before main#checklist`);
    check(o.title <= 1.5 * PHONE.height, `${f}: the first item's title ends ${o.title} px down, beyond 1.5 screens (${1.5 * PHONE.height} px)`);
    check(await visible(page, 'nav a[href="index.html"]'), `${f}: the back link is not visible`);
  });
  await test(`${f}: every label of a list of fields has its one value beside it, at 1280 px (a second dd would slip into the labels' column)`, async (opened) => {
    const { page } = await open(opened, f, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const wrong = await page.evaluate(() => [...document.querySelectorAll('dl')].flatMap((dl) => {
      const kids = [...dl.children];
      return kids.flatMap((k, i) => {
        if (k.tagName === 'DT') {
          const dd = kids[i + 1];
          if (!dd || dd.tagName !== 'DD') return [`${k.textContent.trim()}: no dd after it`];
          if (Math.abs(dd.getBoundingClientRect().top - k.getBoundingClientRect().top) > 2)
            return [`${k.textContent.trim()}: its value is not beside it`];
          return [];
        }
        return k.tagName === 'DD' && kids[i - 1] && kids[i - 1].tagName !== 'DT'
          ? [`a dd that follows no dt: ${k.textContent.trim().slice(0, 40)}`] : [];
      });
    }));
    equal(wrong, [], `${f}: fields whose value is not beside its label`);
  });
  await test(`${f}: each answer fieldset's legend is its question`, async (opened) => {
    const { page } = await open(opened, f, { javaScriptEnabled: false });
    const wrong = await page.evaluate(() => [...document.querySelectorAll('article.question')].flatMap((q) => {
      const h = q.querySelector(':scope > h3, :scope > h4').textContent.replace(/\s+/g, ' ').trim();
      const legends = [...q.querySelectorAll(':scope > fieldset.answers > legend')].map((l) => l.textContent.replace(/\s+/g, ' ').trim());
      return legends.length === 1 && legends[0] === h ? [] : [`${q.id}: heading ${JSON.stringify(h)}, legends ${JSON.stringify(legends)}`];
    }));
    equal(wrong, [], `${f}: questions whose answers' legend is not the question`);
    const bare = await page.locator('fieldset.answers input[type=radio]').evaluateAll((rs) =>
      rs.filter((r) => !r.parentElement.classList.contains('choice')).map((r) => r.id));
    equal(bare, [], `${f}: answers not in a .choice`);
  });
}

if (written.includes('prevent.html')) {
  for (const scheme of ['light', 'dark']) {
    await test(`prevent (${scheme}): every control's focus indicator contrasts 3:1 with what is behind it, the 999 link on the red box included`, async (opened) => {
      const { page } = await open(opened, 'prevent.html', { viewport: PHONE, colorScheme: scheme });
      await focusIndicators(page, `prevent, ${scheme}`,
        ['#emergency a[href="tel:999"]', '#guide-start', '#show-record', '#keep', '.choice > input[type=radio]',
         'main#checklist input[data-status]', 'main#checklist a[href^="#item-"]', 'nav.back a']);
      await page.click('#details-diagram-summary, details#diagram > summary');
      await focusIndicators(page, `prevent with the diagram open, ${scheme}`,
        ['a[href="prevent.svg"]', '#diagram .diagram-scroll[tabindex="0"]']);
      await page.click('#guide-start');
      await focusIndicators(page, `prevent with the guide open, ${scheme}`,
        ['#guide-next', '#guide-body fieldset.answers .choice > input[type=radio]', '#guide-restart', '#guide-note']);
      await page.click('#show-record');
      await focusIndicators(page, `prevent with the record open, ${scheme}`,
        ['#rec-name', '#rec-notes', '#record-copy', '#record-text']);
    });
  }
  await test('prevent: screenshots of the first screen at 390 and 1280 px, and at 390 px in dark mode', async (opened) => {
    for (const [width, height, scheme, name] of [[390, 844, 'light', 'layout-prevent-390.png'],
                                                   [1280, 900, 'light', 'layout-prevent-1280.png'],
                                                   [390, 844, 'dark', 'layout-prevent-390-dark.png']]) {
      const { page } = await open(opened, 'prevent.html', { viewport: { width, height }, colorScheme: scheme });
      await shot(page, name);
    }
    // the focus ring on the 999 link, on the red box
    const { page } = await open(opened, 'prevent.html', { viewport: PHONE });
    await page.focus('#emergency h2 a[href="tel:999"]');
    await shot(page, 'layout-prevent-390-focus-999.png', { clip: { x: 0, y: 0, width: 390, height: 640 } });
  });
}

if (existsSync(join(PAGES, 'language2', 'exploitation.html'))) {
  await test('language2/exploitation: under the title, how many things about the pathway are to be confirmed, linked to About', async (opened) => {
    const { page } = await open(opened, 'language2/exploitation.html', { viewport: PHONE });
    const note = page.locator('header > p.tbc-note');
    check(await note.isVisible(), 'no visible header > p.tbc-note');
    equal((await note.textContent()).replace(/\s+/g, ' ').trim(),
          'To be confirmed: 2 things about this pathway (About this pathway)', 'p.tbc-note');
    equal(await note.locator('a').getAttribute('href'), '#about', 'where p.tbc-note links');
    equal(await page.locator('#about > p.tbc').count(), 2, 'the p.tbc in #about');
  });
}

if (existsSync(join(PAGES, 'structure', 'referrals.html'))) {
  await test('structure/referrals (light and dark): focus on a criterion\'s tick box and every other control contrasts 3:1', async (opened) => {
    for (const scheme of ['light', 'dark']) {
      const { page } = await open(opened, 'structure/referrals.html', { viewport: PHONE, colorScheme: scheme });
      await focusIndicators(page, `structure/referrals, ${scheme}`, ['ul.criteria .choice > input[type=checkbox]']);
    }
  });
}

// ---- the index ------------------------------------------------------------------

if (written.includes('index.html')) {
  const cards = (page) => page.locator('li.pathway').evaluateAll((ls) =>
    ls.filter((l) => l.offsetParent !== null).map((l) => l.querySelector('a').getAttribute('href')));
  const shownGroups = (page) => page.locator('section.area, section.topic').evaluateAll((ss) =>
    ss.filter((s) => s.offsetParent !== null).map((s) => s.querySelector('h2, h3, h4').textContent));

  await test('index (light and dark): every control\'s focus indicator contrasts 3:1 with what is behind it', async (opened) => {
    for (const scheme of ['light', 'dark']) {
      const { page } = await open(opened, 'index.html', { colorScheme: scheme });
      await focusIndicators(page, `index, ${scheme}`, ['#search-input', 'a[href="tel:999"]', 'a[href="prevent.html"]']);
    }
  });
  await test('index: the search filters as you type (title, summary, area, topic, owner), hides empty groups, counts', async (opened) => {
    const { page } = await open(opened, 'index.html', { viewport: PHONE });
    const all = await cards(page);
    check(all.length === pathwayPages.length, `${all.length} cards shown at load, want ${pathwayPages.length}`);
    const groups = await shownGroups(page);
    check(await visible(page, '#search-input'), 'the search box is not shown with JavaScript');
    await page.locator('#search-input').pressSequentially('prevent');
    equal(await cards(page), ['prevent.html'], 'cards shown for "prevent"');
    const g = await shownGroups(page);
    check(g.length >= 1 && g.length < groups.length, `groups shown for "prevent": ${JSON.stringify(g)} of ${JSON.stringify(groups)}`);
    const held = await page.locator('li.pathway', { has: page.locator('a[href="prevent.html"]') }).evaluate((li) => {
      const out = [];
      for (let s = li.closest('section'); s; s = s.parentElement.closest('section')) out.push(s.querySelector('h2, h3, h4').textContent);
      return out.reverse();
    });
    equal(g, held, 'the groups shown are those that hold the prevent card');
    const status = (await page.locator('#search-status').textContent()).trim();
    equal(status, `1 of ${all.length} pathways shown.`, '#search-status');
    await shot(page, 'layout-index-390-search.png');
    // by area (every Hertfordshire pathway), case and order of words ignored
    await page.fill('#search-input', '');
    await page.locator('#search-input').pressSequentially('HERTFORDSHIRE');
    const herts = await cards(page);
    check(herts.length >= 2 && herts.length < all.length, `"HERTFORDSHIRE" shows ${JSON.stringify(herts)}`);
    // nothing found: no card, no group, says so
    await page.fill('#search-input', 'zzzz no such pathway');
    equal(await cards(page), [], 'cards shown for nonsense');
    equal(await shownGroups(page), [], 'groups shown for nonsense');
    check((await page.locator('#search-status').textContent()).startsWith(`0 of ${all.length}`), 'status for nonsense');
    await page.fill('#search-input', '');
    equal(await cards(page), all, 'cards shown once the box is cleared');
    equal(await shownGroups(page), groups, 'groups shown once the box is cleared');
    equal((await page.locator('#search-status').textContent()).trim(), `${all.length} of ${all.length} pathways shown.`, '#search-status cleared');
  });
  await test('index: without JavaScript no search box shows, and every card does', async (opened) => {
    const { page } = await open(opened, 'index.html', { javaScriptEnabled: false, viewport: PHONE });
    check(!(await page.locator('#search').isVisible()), 'the search box shows without JavaScript');
    equal((await cards(page)).length, pathwayPages.length, 'cards shown without JavaScript');
  });
  await test('index: screenshots at 320, 390 and 1280 px, and at 390 px in dark mode', async (opened) => {
    for (const [width, scheme] of [[320, 'light'], [390, 'light'], [1280, 'light'], [390, 'dark']]) {
      const { page } = await open(opened, 'index.html', { viewport: { width, height: 844 }, colorScheme: scheme });
      await shot(page, `layout-index-${width}${scheme === 'dark' ? '-dark' : ''}.png`);
    }
  });
}

await test('layout: the screenshots are written under build/', async () => {
  const want = ['layout-prevent-390.png', 'layout-prevent-1280.png', 'layout-prevent-390-dark.png',
                'layout-index-320.png', 'layout-index-390.png', 'layout-index-1280.png', 'layout-index-390-dark.png'];
  const missing = want.filter((f) => !existsSync(join(SHOTS, f)) || statSync(join(SHOTS, f)).size < 1000);
  equal(missing, [], `missing or empty in ${SHOTS}`);
});

await done();
