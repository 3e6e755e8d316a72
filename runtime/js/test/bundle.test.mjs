/* The runtime as the checklist carries it: runtime/js/bundle joins the
 * modules into one classic script (PathwayRuntime), which must do what
 * the modules do; and each checklist page pathwayc builds holds that
 * script and its own table, which loads, with the page's content hash. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import * as M from '../pathway.mjs';
import { TOP, SKIP, PATHWAYC, allTables, pathwayFiles, tmpDir, random } from '../support/tests.mjs';

const bundle = execFileSync(path.join(TOP, 'runtime', 'js', 'bundle'), { encoding: 'utf8' });
function runtime() {
  const ctx = vm.createContext({ TextEncoder, TextDecoder });
  vm.runInContext(bundle + '\nthis.PathwayRuntime = PathwayRuntime;', ctx);
  return ctx.PathwayRuntime;
}

test('the bundle is one script that a page can hold, with the module\'s API', () => {
  assert.ok(!/<\/script|<!--/i.test(bundle));
  assert.ok(!/^\s*(import|export)\b/m.test(bundle));
  const R = runtime();
  for (const k of ['loadTable', 'startWalk', 'restoreWalk', 'findAnswer', 'findBand', 'met', 'contentHash',
    'PathwayError', 'Table', 'Walk'])
    assert.equal(typeof R[k], 'function', k);
  assert.equal(R.VERSION, M.VERSION);
  assert.equal(R.VERSION, JSON.parse(fs.readFileSync(path.join(TOP, 'runtime/js/package.json'))).version);
});

/* The same random walk on a table by runtime R; its save and refusals. */
function walkWith(R, text, seed) {
  const rnd = random(seed);
  const t = R.loadTable(text);
  const w = R.startWalk(t, { clock: () => 1700000000 });
  const log = [];
  for (let k = 0; k < 40 && !w.finished; k++) {
    const n = w.current;
    try {
      if (rnd(6) === 0 && w.moves.length) w.back();
      else if (n.kind === 'question' && n.scored) w.score(n.score_min + rnd(n.score_max - n.score_min + 3));
      else if (n.kind === 'question' && n.criteria_mode) w.criteria(n.criteria.map(() => rnd(2) === 1));
      else if (n.kind === 'question') w.answer(rnd(5) ? n.answers[rnd(n.answers.length)].id : 'perhaps');
      else if (n.kind === 'together' && rnd(3)) w.done(n.steps[rnd(n.steps.length)].id);
      else w.next();
    } catch (e) {
      log.push(`${e.code} ${e.message}`);
    }
  }
  return { saved: w.save(), log };
}

test('the bundle walks every table as the module does, and refuses what it refuses', { skip: SKIP }, () => {
  const R = runtime();
  let walks = 0;
  for (const f of allTables()) {
    const text = fs.readFileSync(f, 'utf8');
    for (let seed = 1; seed <= 5; seed++, walks++)
      assert.deepEqual(walkWith(R, text, seed), walkWith(M, text, seed), `${f} ${seed}`);
  }
  const bad = path.join(TOP, 'tests/runtime/bad');
  for (const f of fs.readdirSync(bad).filter((x) => x.endsWith('.json'))) {
    const text = fs.readFileSync(path.join(bad, f));
    const err = (X) => { try { X.loadTable(new Uint8Array(text)); return 'loaded'; } catch (e) { return `${e.code} ${e.message}`; } };
    assert.equal(err(R), err(M), f);
  }
  assert.ok(walks >= 80);
});

test('each checklist holds the bundle and its own table, which loads with the page\'s hash', { skip: SKIP }, () => {
  const dir = path.join(tmpDir(), 'html');
  execFileSync(PATHWAYC, ['build', '--emit', 'html', '-o', dir, ...pathwayFiles('pathways'),
    path.join(TOP, 'tests/outputs/language2-structure.pathway')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html') && f !== 'index.html');
  assert.ok(pages.length >= 10, `${pages.length} pages`);
  for (const f of pages) {
    const html = fs.readFileSync(path.join(dir, f), 'utf8');
    const json = /<script type="application\/json" id="pathway-table">([^<]*)<\/script>/.exec(html);
    assert.ok(json, `${f}: no table`);
    const t = M.loadTable(json[1]);
    assert.equal(t.info.content_hash, /data-hash="([^"]*)"/.exec(html)[1], f);
    assert.equal(t.info.id, /<body data-pathway="([^"]*)"/.exec(html)[1], f);
    const script = /<script>([\s\S]*)<\/script>\n<\/body>/.exec(html);
    assert.ok(script && script[1].startsWith(bundle), `${f}: the page's script does not start with the bundle`);
  }
});
