// tests/browser/diagram.test.mjs PAGES WORK
//
// The checklist's inline diagram (docs/checklist.md, "The diagram") in
// headless Chromium, for every ID.html in PAGES (`pathwayc build --emit
// html,svg`), on a phone (390×844) and a narrow phone (320×640):
//
//   - its smallest text, as drawn (font size × the scale the SVG is drawn
//     at, from getScreenCTM), is at least 10 CSS px;
//   - opened, it never makes the page scroll sideways (its own box does);
//   - "Open the diagram full size (SVG)" links to ID.svg, which exists;
//   - every node's box (a Graphviz node or a together's cluster, its
//     <title> the node's id) has a line starting with the number the
//     checklist gives that node (#item-ID's h3 or h4).
//
// Screenshots of Prevent's diagram go to WORK/screenshots/diagram-*.png.
// WORK holds node_modules (scripts/setup). Prints "ok NAME" or "FAIL NAME"
// and the reason for each test, then "N passed, M failed"; exits 1 on any
// failure.

import { readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { start, test, check, equal } from './harness.mjs';

// checklist.test.mjs runs first and empties WORK/screenshots
const { PAGES, SHOTS, BASE, browser, axe, done } = await start('diagram.test.mjs');
const MIN_TEXT_PX = 10;
const PHONES = [{ width: 390, height: 844 }, { width: 320, height: 640 }];


// FILE in a fresh context of that viewport, its diagram opened by a click
// on its summary, as a reader would.
async function openDiagram(opened, file, viewport, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
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
      const scrolled = await box.evaluate((b) => ({ left: b.scrollLeft, room: b.scrollWidth - b.clientWidth }));
      check(scrolled.room <= 0 || scrolled.left > 0,
            `${f} at ${vp.width} px: → in the focused diagram box did not scroll it (${JSON.stringify(scrolled)})`);
    });
  }

  await test(`${f}: links to ${id}.svg to open the diagram full size`, async (opened) => {
    const page = await openDiagram(opened, f, PHONES[0]);
    const link = page.locator('#diagram a', { hasText: 'Open the diagram full size (SVG)' });
    equal(await link.count(), 1, `${f}: links "Open the diagram full size (SVG)" in #diagram`);
    const href = await link.getAttribute('href');
    equal(href, `${encodeURIComponent(id)}.svg`, `${f}: the full-size link's href`);
    check(existsSync(join(PAGES, decodeURIComponent(href))), `${f}: ${href} was not written`);
    const box = await link.boundingBox();
    check(box && box.height >= 16 && box.width >= 44, `${f}: the full-size link is ${JSON.stringify(box)}`);
    // a tap follows it: the browser shows the SVG itself
    await Promise.all([page.waitForURL(BASE + href), link.click()]);
    const root = await page.evaluate(() => document.documentElement.localName);
    equal(root, 'svg', `${f}: what the full-size link opens`);
  });

  await test(`${f}: every box in the diagram starts with its checklist number`, async (opened) => {
    const page = await openDiagram(opened, f, { width: 1280, height: 900 });
    const found = await page.evaluate(() => {
      const number = (id) => {
        const item = document.getElementById('item-' + id);
        const h = item && item.querySelector(':scope > h3, :scope > h4');
        const m = h && /^(\d+)\./.exec(h.textContent.trim());
        return m ? m[1] : null;
      };
      const boxes = [];
      for (const g of document.querySelectorAll('#diagram svg.diagram g.node, #diagram svg.diagram g.cluster')) {
        const title = g.querySelector(':scope > title');
        let id = title ? title.textContent : '';
        if (g.classList.contains('cluster')) {
          if (!id.startsWith('cluster_together_')) continue; // stages, the key, the pathway
          id = id.slice('cluster_together_'.length);
        } else if (id.startsWith('@') || id.startsWith('pathway:')) {
          continue; // the key's examples, another pathway
        }
        const texts = [...g.querySelectorAll('text')].map((t) => t.textContent.replace(/\s+/g, ' ').trim());
        const numbered = texts.find((t) => /^\d+\.\s/.test(t));
        boxes.push({ id, want: number(id), got: numbered ? numbered.replace(/\..*$/s, '') : null, texts });
      }
      const key = [...document.querySelectorAll('#diagram svg.diagram g.node')]
        .filter((g) => (g.querySelector(':scope > title') || {}).textContent?.startsWith('@'))
        .flatMap((g) => [...g.querySelectorAll('text')].map((t) => t.textContent.trim()))
        .filter((t) => /^\d+\.\s/.test(t));
      return { boxes, key, items: document.querySelectorAll('#checklist .item').length };
    });
    check(found.boxes.length > 0, `${f}: no node boxes in the diagram`);
    const wrong = found.boxes.filter((b) => !b.want || b.got !== b.want);
    equal(wrong.map((b) => `${b.id}: checklist ${b.want}, diagram ${b.got} (${JSON.stringify(b.texts.slice(0, 3))})`),
          [], `${f}: boxes whose number is not the checklist's`);
    equal(found.boxes.length, found.items, `${f}: boxes in the diagram, items in the checklist`);
    equal(found.key, [], `${f}: numbered lines in the key`);
  });
}

if (pathwayPages.includes('prevent.html')) {
  await test('prevent: axe-core finds no violations with the diagram open at 390 px', async (opened) => {
    const page = await openDiagram(opened, 'prevent.html', PHONES[0], { bypassCSP: true });
    await axe(page, 'prevent, the diagram open at 390 px');
  });

  await test('prevent: screenshots of the diagram at 390 and 1280 px', async (opened) => {
    for (const vp of [PHONES[0], { width: 1280, height: 900 }]) {
      const page = await openDiagram(opened, 'prevent.html', vp);
      await page.locator('#diagram-section').scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById('diagram-h').scrollIntoView());
      const name = `diagram-prevent-${vp.width}.png`;
      await page.screenshot({ path: join(SHOTS, name) });
      check(statSync(join(SHOTS, name)).size > 1000, `${name} is empty`);
    }
  });
}

await done();
