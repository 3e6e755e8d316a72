// tests/browser/diagram.test.mjs PAGES WORK
//
// The checklist's inline diagram (docs/checklist.md, "The diagram") in
// headless Chromium, for every ID.html in PAGES (`pathwayc build --emit
// html,svg`), on a phone (390×844) and a narrow phone (320×640):
//
//   - its smallest text, as drawn (font size × the scale the SVG is drawn
//     at, from getScreenCTM), is at least 10 CSS px;
//   - opened, it never makes the page scroll sideways (its own box does);
//   - "Open the diagram full size (SVG, opens in a new tab)" links to
//     ID.svg, which exists, and opens it in a new tab; so does a tap on
//     the drawing anywhere but on a box, and Enter on its focused box;
//   - ID.svg has a viewBox and scales to the width it is given;
//   - a tap on a box goes to its step (#item-ID: in view, visible, and
//     given the focus), without JavaScript too; a box whose link has the
//     focus turns black on yellow;
//   - a connector's link (#diagram-node-ID, in any page of PAGES or of
//     its subdirectories) brings the box it stands for into view;
//   - every node's box (a Graphviz node or a together's cluster, its
//     <title> the node's id) has a line starting with the number the
//     checklist gives that node (#item-ID's h3 or h4), and every
//     connector the number of the node it links to.
//
// Screenshots of Prevent's diagram go to WORK/screenshots/diagram-*.png.
// WORK holds node_modules (scripts/setup). Prints "ok NAME" or "FAIL NAME"
// and the reason for each test, then "N passed, M failed"; exits 1 on any
// failure.

import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { start, test, check, equal } from './harness.mjs';

// checklist.test.mjs runs first and empties WORK/screenshots
const { PAGES, SHOTS, BASE, browser, axe, done } = await start('diagram.test.mjs');
const MIN_TEXT_PX = 10;
const PHONES = [{ width: 390, height: 844 }, { width: 320, height: 640 }];


// FILE in a fresh context of that viewport, its diagram opened by a click
// on its summary, as a reader would.
async function openDiagram(opened, file, viewport, options = {}) {
  const phone = viewport.width < 800 ? { hasTouch: true } : {};
  const context = await browser.newContext({ viewport, ...phone, ...options });
  opened.push(context);
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const response = await page.goto(BASE + file, { waitUntil: 'load' });
  check(response && response.ok(), `${file}: HTTP ${response && response.status()}`);
  check((await page.locator('details#diagram > summary').count()) === 1,
        `${file}: no details#diagram > summary (was the page built with --emit html,svg?)`);
  await page.click('details#diagram > summary');
  check(await page.evaluate(() => document.getElementById('diagram').open), `${file}: the diagram did not open`);
  return page;
}

// A point of the inline drawing, on the screen, that is on no link (a
// box's or a connector's): its background, an arrow, a stage's frame; null
// when none is in view.
function backgroundPoint(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('#diagram svg.diagram');
    const box = svg.closest('.diagram-scroll').getBoundingClientRect();
    const r = svg.getBoundingClientRect();
    const left = Math.max(r.left, box.left, 0) + 4, right = Math.min(r.right, box.right, innerWidth) - 4;
    const top = Math.max(r.top, box.top, 0) + 4, bottom = Math.min(r.bottom, box.bottom, innerHeight) - 4;
    const linked = (e) => e.closest('a') && [...svg.querySelectorAll('a')].some((a) =>
      a.contains(e) && (a.getAttribute('xlink:href') || a.getAttribute('href')));
    for (let y = top; y < bottom; y += 6) {
      for (let x = left; x < right; x += 6) {
        const e = document.elementFromPoint(x, y);
        if (e && svg.contains(e) && !linked(e)) return { x, y, what: e.localName };
      }
    }
    return null;
  });
}

// Where element #ID is: in the window, and shown (not in a closed
// <details>, not hidden).
function placeOf(page, id) {
  return page.evaluate((id) => {
    const e = document.getElementById(id);
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: innerHeight, width: innerWidth,
             shown: e.checkVisibility(), target: e.matches(':target'), hash: location.hash,
             focus: document.activeElement === e || e.contains(document.activeElement) };
  }, id);
}
function inView(at) {
  return at && at.top < at.height && at.bottom > 0 && at.left < at.width && at.right > 0;
}

// The smallest text of the inline diagram as drawn, in CSS px: each
// text's font size (in the SVG's own units) times the scale its screen
// CTM applies (the viewBox's and Graphviz's transforms together); and the
// drawn size of the text's box, as a check on that (its height is at least
// the font size for any text with a visible glyph).
function smallestText(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('#diagram svg.diagram');
    if (!svg) return null;
    let smallest = Infinity, where = '', n = 0;
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const m = t.getScreenCTM();
      const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      const box = t.getBoundingClientRect();
      n++;
      if (size < smallest) {
        smallest = size;
        where = `${JSON.stringify(t.textContent.trim().slice(0, 40))} (box ${box.width.toFixed(1)}×${box.height.toFixed(1)} px)`;
      }
      if (box.height > 0 && box.height < size * 0.9) {
        return { smallest: box.height, where: `the box of ${JSON.stringify(t.textContent.trim())} is lower than its font size ${size}`, n };
      }
    }
    return { smallest, where, n, width: svg.getBoundingClientRect().width };
  });
}

// ---- the tests ----------------------------------------------------------------

const written = existsSync(PAGES) ? readdirSync(PAGES).filter((f) => f.endsWith('.html')).sort() : [];
const pathwayPages = written.filter((f) => f !== 'index.html');

await test('the build wrote checklists with their diagrams', async () => {
  check(pathwayPages.length > 0, `no ID.html in ${PAGES}`);
  const svgs = pathwayPages.filter((f) => existsSync(join(PAGES, f.replace(/\.html$/, '.svg'))));
  equal(svgs, pathwayPages, 'the pages with an ID.svg beside them');
});

for (const f of pathwayPages) {
  const id = f.replace(/\.html$/, '');
  for (const vp of PHONES) {
    await test(`${f} at ${vp.width} px: the diagram's smallest text is at least ${MIN_TEXT_PX} px; the page does not scroll sideways`, async (opened) => {
      const page = await openDiagram(opened, f, vp);
      const t = await smallestText(page);
      check(t && t.n > 0, `${f}: no text in #diagram svg.diagram`);
      check(t.smallest >= MIN_TEXT_PX,
            `${f} at ${vp.width} px: the diagram's smallest text is ${t.smallest.toFixed(2)} px: ${t.where}`);
      const o = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth,
        box: document.querySelector('#diagram .diagram-scroll').getBoundingClientRect().right }));
      check(o.scroll <= o.width, `${f} at ${vp.width} px, diagram open: the page is ${o.scroll} px wide`);
      check(o.box <= o.width, `${f} at ${vp.width} px: the diagram's box ends at ${o.box} px`);
      // the diagram's own box scrolls sideways, by keyboard too
      const box = page.locator('#diagram .diagram-scroll');
      await box.focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      // the browser scrolls smoothly, after the key: a loaded machine may
      // not have begun when the keys are pressed, so wait for it (2 s)
      await page.waitForFunction((b) => b.scrollLeft > 0 || b.scrollWidth <= b.clientWidth,
                                 await box.elementHandle(), { timeout: 2000 }).catch(() => {});
      const scrolled = await box.evaluate((b) => ({ left: b.scrollLeft, room: b.scrollWidth - b.clientWidth }));
      check(scrolled.room <= 0 || scrolled.left > 0,
            `${f} at ${vp.width} px: → in the focused diagram box did not scroll it (${JSON.stringify(scrolled)})`);
    });
  }

  await test(`${f}: links to ${id}.svg to open the diagram full size, in a new tab`, async (opened) => {
    const page = await openDiagram(opened, f, PHONES[1]);
    const link = page.locator('#diagram a', { hasText: 'Open the diagram full size (SVG, opens in a new tab)' });
    equal(await link.count(), 1, `${f}: links "Open the diagram full size (SVG, opens in a new tab)" in #diagram`);
    const href = await link.getAttribute('href');
    equal(href, `${encodeURIComponent(id)}.svg`, `${f}: the full-size link's href`);
    equal(await link.getAttribute('target'), '_blank', `${f}: the full-size link's target`);
    check(existsSync(join(PAGES, decodeURIComponent(href))), `${f}: ${href} was not written`);
    const box = await link.boundingBox();
    check(box && box.height >= 44 && box.width >= 44, `${f}: the full-size link at 320 px is ${JSON.stringify(box)}`);
    // a tap follows it: the browser shows the SVG itself, in a tab of its own
    const [svg] = await Promise.all([page.context().waitForEvent('page'), link.tap()]);
    await svg.waitForLoadState();
    equal(svg.url(), BASE + href, `${f}: what the full-size link opens`);
    equal(await svg.evaluate(() => document.documentElement.localName), 'svg', `${f}: the root of what it opens`);
    equal(page.url(), BASE + f, `${f}: the checklist's own tab after the link`);
  });

  await test(`${f}: ${id}.svg has a viewBox and scales to the width it is given`, async (opened) => {
    const text = readFileSync(join(PAGES, `${id}.svg`), 'utf8');
    const root = /<svg\b[^>]*>/.exec(text);
    check(root, `${id}.svg: no <svg> element`);
    const box = /\sviewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(root[0]);
    check(box && +box[3] > 0 && +box[4] > 0, `${id}.svg: its root has no viewBox: ${root[0]}`);
    // drawn 300 px wide, in a window of its own: its text scales with it
    const context = await browser.newContext({ viewport: PHONES[0] });
    opened.push(context);
    const page = await context.newPage();
    await page.goto(`${BASE}${encodeURIComponent(id)}.svg`);
    const scale = await page.evaluate(() => {
      const svg = document.documentElement;
      svg.setAttribute('width', '300');
      svg.removeAttribute('height');
      const r = svg.getBoundingClientRect();
      return { box: svg.viewBox.baseVal.width, width: r.width, height: r.height, ctm: svg.getScreenCTM().a };
    });
    equal(Math.round(scale.width), 300, `${id}.svg drawn 300 px wide: its width`);
    check(Math.abs(scale.ctm - 300 / scale.box) < 0.001,
          `${id}.svg drawn 300 px wide draws its ${scale.box} units at ${scale.ctm} px each, not ${300 / scale.box}: it does not scale`);
  });

  for (const vp of PHONES) {
    await test(`${f} at ${vp.width} px: a tap on the drawing but on a box opens ${id}.svg in a new tab; Enter on its focused box too`, async (opened) => {
      const page = await openDiagram(opened, f, vp);
      await page.locator('#diagram .diagram-scroll').scrollIntoViewIfNeeded();
      await page.evaluate(() => { window.stillHere = true; });
      const at = await backgroundPoint(page);
      check(at, `${f} at ${vp.width} px: no point of the drawing on the screen that is not a link`);
      const [svg] = await Promise.all([page.context().waitForEvent('page'), page.touchscreen.tap(at.x, at.y)]);
      await svg.waitForLoadState();
      equal(svg.url(), `${BASE}${encodeURIComponent(id)}.svg`, `${f}: what a tap on the drawing (on its ${at.what}) opens`);
      check(await page.evaluate(() => window.stillHere === true), `${f}: the checklist's tab left its page on a tap on the drawing`);
      await svg.close();
      await page.locator('#diagram .diagram-scroll').focus();
      const [again] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Enter')]);
      await again.waitForLoadState();
      equal(again.url(), `${BASE}${encodeURIComponent(id)}.svg`, `${f}: what Enter on the drawing's box opens`);
      const hint = await page.locator('#diagram-hint').textContent();
      check(/box to go to its step/.test(hint) && /anywhere else to open the drawing full size/.test(hint), `${f}: the hint says ${JSON.stringify(hint)}`);
    });
  }

  await test(`${f}: every box in the diagram starts with its checklist number`, async (opened) => {
    const page = await openDiagram(opened, f, { width: 1280, height: 900 });
    const found = await page.evaluate(() => {
      const number = (id) => {
        const item = document.getElementById('item-' + id);
        const h = item && item.querySelector(':scope > h3, :scope > h4');
        const m = h && /^(\d+)\./.exec(h.textContent.trim());
        return m ? m[1] : null;
      };
      const boxes = [], connectors = [];
      for (const g of document.querySelectorAll('#diagram svg.diagram g.node, #diagram svg.diagram g.cluster')) {
        const title = g.querySelector(':scope > title');
        let id = title ? title.textContent : '';
        if (g.id.startsWith('diagram-connector-')) {
          // "Go to" and its target's number: the target's, from its link
          const a = [...g.querySelectorAll('a')].find((x) => x.getAttribute('xlink:href'));
          const to = /^#diagram-(?:node|together)-(.*)$/.exec(a ? a.getAttribute('xlink:href') : '');
          const texts = [...g.querySelectorAll('text')].map((t) => t.textContent.replace(/\s+/g, ' ').trim());
          const numbered = texts.find((t) => /^\d+\.\s/.test(t));
          if (to) connectors.push({ id: g.id, want: number(to[1]), got: numbered ? numbered.replace(/\..*$/s, '') : null, texts });
          continue;
        }
        if (g.classList.contains('cluster')) {
          if (!id.startsWith('cluster_together_')) continue; // stages, the key, the pathway
          id = id.slice('cluster_together_'.length);
        } else if (id.startsWith('@') || id.startsWith('pathway:') || id.startsWith('criteria:')) {
          continue; // the key's examples, another pathway, a question's criteria beside it
        }
        const texts = [...g.querySelectorAll('text')].map((t) => t.textContent.replace(/\s+/g, ' ').trim());
        const numbered = texts.find((t) => /^\d+\.\s/.test(t));
        boxes.push({ id, want: number(id), got: numbered ? numbered.replace(/\..*$/s, '') : null, texts });
      }
      const key = [...document.querySelectorAll('#diagram svg.diagram g.node')]
        .filter((g) => (g.querySelector(':scope > title') || {}).textContent?.startsWith('@'))
        .flatMap((g) => [...g.querySelectorAll('text')].map((t) => t.textContent.trim()))
        .filter((t) => /^\d+\.\s/.test(t));
      return { boxes, connectors, key, items: document.querySelectorAll('#checklist .item').length };
    });
    check(found.boxes.length > 0, `${f}: no node boxes in the diagram`);
    const wrong = found.boxes.filter((b) => !b.want || b.got !== b.want);
    equal(wrong.map((b) => `${b.id}: checklist ${b.want}, diagram ${b.got} (${JSON.stringify(b.texts.slice(0, 3))})`),
          [], `${f}: boxes whose number is not the checklist's`);
    equal(found.boxes.length, found.items, `${f}: boxes in the diagram, items in the checklist`);
    equal(found.connectors.filter((b) => !b.want || b.got !== b.want)
            .map((b) => `${b.id}: its target's number ${b.want}, it shows ${b.got} (${JSON.stringify(b.texts.slice(0, 3))})`),
          [], `${f}: connectors whose number is not their target's`);
    equal(found.key, [], `${f}: numbered lines in the key`);
  });
}

// prevent's first question, as the person's finger finds it on a phone.
const FIRST = 'immediate_risk';
if (pathwayPages.includes('prevent.html')) {
  for (const vp of PHONES) {
    await test(`prevent at ${vp.width} px: a tap on the first question's box goes to its step, in view, shown and focused`, async (opened) => {
      const page = await openDiagram(opened, 'prevent.html', vp);
      const box = page.locator(`#diagram svg.diagram a[*|href="#item-${FIRST}"]`);
      equal(await box.count(), 1, `prevent: links of the drawing to #item-${FIRST}`);
      await box.tap();
      await page.waitForFunction((id) => location.hash === '#item-' + id, FIRST);
      const at = await placeOf(page, `item-${FIRST}`);
      check(inView(at) && at.shown, `prevent at ${vp.width} px: #item-${FIRST} after the tap: ${JSON.stringify(at)}`);
      check(at.target, `prevent: #item-${FIRST} is not the :target`);
      check(at.focus, `prevent: the focus is not on #item-${FIRST} after the tap`);
      await page.screenshot({ path: join(SHOTS, `diagram-prevent-${vp.width}-tapped-box.png`) });
    });
  }

  await test('prevent without JavaScript: a tap on a box goes to its step; one on the rest of the drawing stays', async (opened) => {
    const page = await openDiagram(opened, 'prevent.html', PHONES[1], { javaScriptEnabled: false });
    await page.locator('#diagram .diagram-scroll').scrollIntoViewIfNeeded();
    const at = await backgroundPoint(page);
    check(at, 'prevent: no point of the drawing on the screen that is not a link');
    await page.touchscreen.tap(at.x, at.y);
    await page.waitForTimeout(300);
    equal(page.url(), BASE + 'prevent.html', 'prevent without JavaScript: the page after a tap on the drawing');
    equal(page.context().pages().length, 1, 'prevent without JavaScript: tabs after a tap on the drawing');
    const hint = await page.locator('#diagram-hint').textContent();
    check(!/full size/.test(hint), `prevent without JavaScript: the hint promises what only the script does: ${hint}`);
    await page.locator(`#diagram svg.diagram a[*|href="#item-${FIRST}"]`).tap();
    await page.waitForURL(`${BASE}prevent.html#item-${FIRST}`);
    const item = await placeOf(page, `item-${FIRST}`);
    check(inView(item) && item.shown && item.target, `prevent without JavaScript: #item-${FIRST} after the tap: ${JSON.stringify(item)}`);
  });

  await test('prevent: every link of the drawing is to a step of the page; a focused box turns black on yellow', async (opened) => {
    const page = await openDiagram(opened, 'prevent.html', { width: 1280, height: 900 });
    const links = await page.evaluate(() => [...document.querySelectorAll('#diagram svg.diagram a')]
      .map((a) => a.getAttribute('xlink:href')).filter(Boolean));
    const items = await page.evaluate(() => [...document.querySelectorAll('#checklist article.item')].map((a) => a.id));
    check(links.length > 0, 'prevent: no links in the drawing');
    equal(links.filter((h) => !(h.startsWith('#') && (items.includes(h.slice(1)) || h.startsWith('#diagram-')))), [],
          'prevent: links of the drawing to no item of the page');
    equal([...new Set(links.filter((h) => h.startsWith('#item-')))].sort(), items.map((i) => '#' + i).sort(),
          'prevent: the items the drawing links to');
    const box = page.locator(`#diagram svg.diagram a[*|href="#item-${FIRST}"]`);
    await box.focus();
    const look = await box.evaluate((a) => {
      const shape = a.querySelector('polygon, ellipse, path');
      return { focused: document.activeElement === a, fill: getComputedStyle(shape).fill,
               text: getComputedStyle(a.querySelector('text')).fill };
    });
    equal(look, { focused: true, fill: 'rgb(255, 221, 0)', text: 'rgb(11, 12, 12)' }, 'prevent: the focused box');
    await page.screenshot({ path: join(SHOTS, 'diagram-prevent-1280-focused-box.png') });
  });

  await test('prevent: axe-core finds no violations with the diagram open at 390 px', async (opened) => {
    const page = await openDiagram(opened, 'prevent.html', PHONES[0], { bypassCSP: true });
    await axe(page, 'prevent, the diagram open at 390 px');
  });

  await test('prevent: screenshots of the diagram at 320, 390 and 1280 px', async (opened) => {
    for (const vp of [PHONES[1], PHONES[0], { width: 1280, height: 900 }]) {
      const page = await openDiagram(opened, 'prevent.html', vp);
      await page.locator('#diagram-section').scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById('diagram-h').scrollIntoView());
      const name = `diagram-prevent-${vp.width}.png`;
      await page.screenshot({ path: join(SHOTS, name) });
      check(statSync(join(SHOTS, name)).size > 1000, `${name} is empty`);
    }
  });
}

// ---- connectors -------------------------------------------------------------
// A connector (dot.c) stands for a box drawn elsewhere; its link,
// #diagram-node-ID (or -together-, -other-pathway-) in the page, goes there.

function pagesUnder(dir, depth = 1) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return depth > 0 ? pagesUnder(path, depth - 1).map((p) => `${f}/${p}`) : [];
    return f.endsWith('.html') && f !== 'index.html' ? [f] : [];
  });
}
const withConnectors = pagesUnder(PAGES).filter((f) =>
  /<a xlink:href="#diagram-/.test(readFileSync(join(PAGES, f), 'utf8')));
if (withConnectors.length === 0) {
  console.log('# no page of PAGES has a connector (a link #diagram-...): their tests are not run');
}
for (const f of withConnectors) {
  for (const vp of [PHONES[0], PHONES[1]]) {
    await test(`${f} at ${vp.width} px: a tap on a connector brings the box it stands for into view, focused`, async (opened) => {
      const page = await openDiagram(opened, f, vp);
      const link = page.locator('#diagram svg.diagram a[*|href^="#diagram-"]').first();
      const href = await link.getAttribute('xlink:href');
      await link.tap();
      await page.waitForFunction((h) => location.hash === h, href);
      const id = decodeURIComponent(href.slice(1));
      const at = await placeOf(page, id);
      const box = await page.evaluate(() => {
        const r = document.querySelector('#diagram .diagram-scroll').getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      });
      check(at && at.target, `${f}: ${href} is not the :target after the tap (${JSON.stringify(at)})`);
      check(inView(at) && at.left < box.right && at.right > box.left,
            `${f} at ${vp.width} px: ${href} after the tap is not in view: ${JSON.stringify(at)}, the drawing's box ${JSON.stringify(box)}`);
      check(at.focus, `${f}: the focus is not on the box ${href} after the tap`);
      await page.screenshot({ path: join(SHOTS, `diagram-${f.replace(/\W+/g, '-')}-${vp.width}-connector.png`) });
    });
  }
}

await done();
