/* Walks: random walks of every table of pathways/ and tests/runtime/,
 * made here and typed into `pathwayc run` (libpathway), must save the
 * same text byte for byte and be refused the same wrong moves with the
 * same messages; saves restore both ways; saves of v1 of a pathway
 * restore onto v2 (through `replaces`) or are refused, as libpathway
 * does; and malformed saves are refused with libpathway's message. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadTable, startWalk, restoreWalk, PathwayError, WALK_MAX_BYTES } from '../pathway.mjs';
import { SKIP, allTables, buildTables, pathwayFiles, run, random, tmpDir, EPOCH } from '../support/tests.mjs';

const clock = () => EPOCH;

/* Makes move `f` on the walk when it is taken; else the message it was
 * refused with. */
function attempt(f) {
  try {
    f();
    return null;
  } catch (e) {
    if (!(e instanceof PathwayError)) throw e;
    return e.message;
  }
}

/* A random walk of t from seed: the walk, the lines that make it in
 * `pathwayc run`, and the messages of the moves refused on the way. */
function randomWalk(t, seed) {
  const rnd = random(seed);
  const w = startWalk(t, { clock });
  const lines = [], refusals = [], events = [];
  /* each move as pathwayc run's transcript has it */
  const moved = () => {
    const m = w.moves[w.moves.length - 1];
    const e = { event: 'move', node: m.from.id };
    if (m.step) e.step = m.step.id;
    if (m.kind === 'criteria') e.ticked = m.from.criteria_ids.filter((_, i) => m.ticked[i]).join(' ');
    if (m.answer && m.answer.id) e.answer = m.answer.id;
    if (m.kind === 'score') e.score = String(m.score);
    e.to = m.to.id;
    events.push(e);
  };
  const wrong = (line, f) => {
    const m = attempt(f);
    assert.ok(m, `${line} should be refused`);
    lines.push(line);
    refusals.push(m);
  };
  for (let k = 0; k < 60 && !w.finished; k++) {
    const n = w.current;
    if (w.moves.length && rnd(10) === 0) {
      w.back();
      lines.push('b');
      events.push({ event: 'back', to: w.current.id });
      continue;
    }
    if (rnd(8) === 0) {
      if (n.kind === 'step' || n.kind === 'outcome') wrong('perhaps', () => w.answer('perhaps'));
      else if (n.kind === 'together') {
        const done = n.steps.find((s) => w.stepDone(s));
        if (done && rnd(2)) wrong(done.id, () => w.done(done.id));
        else if (rnd(2)) wrong('', () => w.next());
        else wrong('nope', () => w.done('nope'));
      } else if (n.scored) {
        const high = n.score_max + 1 + rnd(3);
        wrong(String(high), () => w.score(high));
      }
      else wrong('perhaps', () => w.answer('perhaps'));
      continue;
    }
    if (n.kind === 'step' || n.kind === 'outcome') {
      w.next();
      moved();
      lines.push(rnd(2) ? '' : 'n');
    } else if (n.kind === 'together') {
      const left = n.steps.filter((s) => !w.stepDone(s));
      if (!left.length) { /* all done, and back from the next: Enter goes on */
        w.next();
        moved();
        lines.push('');
        continue;
      }
      const s = left[rnd(left.length)];
      w.done(s.id);
      moved();
      lines.push(rnd(2) ? s.id : String(n.steps.indexOf(s) + 1));
      if (w.doneCount === n.steps.length) { w.next(); moved(); } /* as pathwayc run goes on by itself */
    } else if (n.scored) {
      const score = n.score_min + rnd(n.score_max - n.score_min + 1);
      w.score(score);
      moved();
      lines.push(String(score));
    } else if (n.criteria_mode && rnd(4)) {
      const ticked = n.criteria.map(() => rnd(2) === 1);
      w.criteria(ticked);
      moved();
      const ids = n.criteria_ids.filter((_, i) => ticked[i]);
      lines.push(ids.length ? ids.join(' ') : 'none');
    } else {
      const i = rnd(n.answers.length);
      w.answer(n.answers[i].id);
      moved();
      /* a number at a question with criteria is a criterion's id */
      lines.push(rnd(2) || n.criteria_mode ? n.answers[i].id : String(i + 1));
    }
  }
  if (!w.finished) lines.push('q');
  events.push(w.finished ? { event: 'end', outcome: w.outcome.id } : { event: 'stop', node: w.current.id });
  return { w, lines, refusals, events };
}

function refusalsOf(stdout) {
  return [...stdout.matchAll(/Not taken: (.*)\. Type \? for help\./g)].map((m) => m[1]);
}

test('random walks save as libpathway saves them, refused moves as it refuses them', { skip: SKIP }, (t) => {
  const dir = tmpDir();
  let walks = 0, moves = 0, refused = 0;
  for (const f of allTables()) {
    const t = loadTable(fs.readFileSync(f));
    for (let seed = 1; seed <= 12; seed++) {
      const { w, lines, refusals, events } = randomWalk(t, seed * 7919 + walks);
      const saved = path.join(dir, 'walk.json'), transcript = path.join(dir, 'transcript.jsonl');
      fs.rmSync(saved, { force: true });
      const r = run(['--save', saved, '--transcript', transcript, f], lines);
      const why = `${f}: ${JSON.stringify(lines)}`;
      assert.equal(r.stderr, '', why);
      assert.equal(r.status, w.finished ? 0 : 1, why);
      const logged = fs.readFileSync(transcript, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
        .filter((e) => e.event !== 'start' && e.event !== 'saved').map(({ time: _t, ...e }) => e);
      assert.deepEqual(logged, events, why);
      assert.deepEqual(refusalsOf(r.stdout), refusals, why);
      /* pathwayc run saves a walk that has not ended */
      const text = w.finished ? w.save() : fs.readFileSync(saved, 'utf8');
      assert.equal(w.save(), text, why);
      /* and the save restores here as the same walk */
      const again = restoreWalk(t, text);
      assert.equal(again.save(), text);
      assert.deepEqual(again.path.map((n) => n.id), w.path.map((n) => n.id));
      assert.equal(again.savedHash, t.info.content_hash);
      assert.equal(again.finished, w.finished);
      walks++;
      moves += w.moves.length;
      refused += refusals.length;
    }
  }
  assert.ok(walks >= 200 && moves >= 600 && refused >= 80, `${walks} walks, ${moves} moves, ${refused} refused`);
  t.diagnostic(`${walks} walks, ${moves} moves, ${refused} refused`);
});

test('saves of v1 restore onto v2 through replaces, or are refused, as libpathway does', { skip: SKIP }, () => {
  const [v1] = buildTables('v1', pathwayFiles('tests/runtime/v1')).filter((f) => f.endsWith('versions.json'));
  const [v2] = buildTables('v2', pathwayFiles('tests/runtime/v2')).filter((f) => f.endsWith('versions.json'));
  const t1 = loadTable(fs.readFileSync(v1)), t2 = loadTable(fs.readFileSync(v2));
  const dir = tmpDir();
  const seen = new Map();
  for (let seed = 1; seed <= 60; seed++) {
    const { w } = randomWalk(t1, seed);
    const saved = path.join(dir, 'v1.json'), out = path.join(dir, 'v2.json');
    fs.writeFileSync(saved, w.save());
    fs.rmSync(out, { force: true });
    const r = run(['--resume', saved, '--save', out, v2], ['q']);
    let mine;
    try {
      mine = restoreWalk(t2, w.save(), { clock });
    } catch (e) {
      assert.ok(e instanceof PathwayError);
      assert.equal(r.stderr, `pathwayc: error: cannot resume the saved walk: ${e.message}\n`);
      seen.set(e.code, (seen.get(e.code) || 0) + 1);
      continue;
    }
    assert.equal(r.stderr, '');
    assert.equal(mine.savedHash, t1.info.content_hash);
    /* saved again: the new table's hash and ids (pathwayc run saves a
     * walk that has not ended) */
    assert.equal(r.status, mine.finished ? 0 : 1);
    if (!mine.finished) assert.equal(mine.save(), fs.readFileSync(out, 'utf8'));
    assert.equal(JSON.parse(mine.save()).content_hash, t2.info.content_hash);
    seen.set('ok', (seen.get('ok') || 0) + 1);
  }
  /* each way it can go is among the 60 */
  for (const k of ['ok', 'PATHWAY_E_REMOVED', 'PATHWAY_E_REPLAY']) assert.ok(seen.get(k), `${k}: ${[...seen]}`);
});

/* Changes to a saved walk, each of which libpathway refuses. */
function mutations(saved) {
  const out = [];
  const v = () => JSON.parse(saved);
  const add = (name, f) => { const x = v(); f(x); out.push([name, JSON.stringify(x, null, 2)]); };
  for (const k of ['format', 'format_version', 'pathway', 'content_hash', 'started', 'from', 'moves'])
    add('no ' + k, (x) => { delete x[k]; });
  add('format', (x) => { x.format = 'pathway-table'; });
  add('format number', (x) => { x.format = 7; });
  add('version 0', (x) => { x.format_version = 0; });
  add('version 3', (x) => { x.format_version = 3; });
  add('version text', (x) => { x.format_version = '2'; });
  add('pathway', (x) => { x.pathway = 'another'; });
  add('pathway number', (x) => { x.pathway = 4; });
  add('started', (x) => { x.started = '2025-02-30T09:00:00Z'; });
  add('started 1969', (x) => { x.started = '1969-12-31T23:59:59Z'; });
  add('from', (x) => { x.from = 'nowhere'; });
  add('moves object', (x) => { x.moves = {}; });
  /* a key no format_version defines, first or last, at each level */
  add('a key of its own', (x) => { x.note = 'kept?'; });
  add('a key of its own first', (x) => {
    const was = { ...x };
    for (const k of Object.keys(x)) delete x[k];
    Object.assign(x, { a: 1 }, was);
  });
  add('a key of its own, and a bad pathway', (x) => { x.note = 1; x.pathway = 'another'; });
  add('a key of its own, and a bad start', (x) => { x.note = 1; x.started = 'then'; });
  add('move number', (x) => { x.moves.push(3); });
  const m = v().moves;
  m.forEach((move, i) => {
    for (const k of Object.keys(move)) add(`moves[${i}] no ${k}`, (x) => { delete x.moves[i][k]; });
    add(`moves[${i}] a key of its own`, (x) => { x.moves[i].why = 'because'; });
    add(`moves[${i}] a key of its own, and no node`, (x) => { x.moves[i].why = 1; x.moves[i].node = 'gone'; });
    add(`moves[${i}].move`, (x) => { x.moves[i].move = 'jump'; });
    add(`moves[${i}].to`, (x) => { x.moves[i].to = x.from; });
    add(`moves[${i}].node`, (x) => { x.moves[i].node = 'gone'; });
    add(`moves[${i}].time`, (x) => { x.moves[i].time = '2025-01-31 09:00'; });
    if (move.answer) add(`moves[${i}].answer`, (x) => { x.moves[i].answer = 'perhaps'; });
    if (move.score !== undefined) {
      add(`moves[${i}].score`, (x) => { x.moves[i].score = -1; });
      add(`moves[${i}].score high`, (x) => { x.moves[i].score = 1e6; });
      add(`moves[${i}].score real`, (x) => { x.moves[i].score = 1.5; });
    }
    if (move.ticked) {
      add(`moves[${i}].ticked id`, (x) => { x.moves[i].ticked.push({ id: '99', text: 'x' }); });
      add(`moves[${i}].ticked text`, (x) => {
        x.moves[i].ticked.push({ id: '1', text: 'not the text' });
      });
      add(`moves[${i}].ticked string`, (x) => { x.moves[i].ticked.push('Injury'); });
      add(`moves[${i}].ticked a key of its own`, (x) => {
        x.moves[i].ticked.push({ id: '1', text: 'x', weight: 2 });
      });
      add(`moves[${i}].ticked none`, (x) => { x.moves[i].ticked = []; });
    }
    if (move.step) {
      add(`moves[${i}].step`, (x) => { x.moves[i].step = x.moves[i].node; });
      add(`moves[${i}].step twice`, (x) => { x.moves.splice(i, 0, x.moves[i]); });
    }
    add(`moves[${i}] dropped`, (x) => { x.moves.splice(i, 1); });
  });
  add('v1 with a done move', (x) => { x.format_version = 1; });
  return out;
}

test('malformed saves are refused with libpathway\'s code and message', { skip: SKIP }, (tc) => {
  const dir = tmpDir();
  let checked = 0;
  const codes = new Set();
  for (const f of allTables().filter((x) => /\/(forms|kinds|prevent|cse|lado)\.json$/.test(x))) {
    const t = loadTable(fs.readFileSync(f));
    for (const seed of [3, 5, 8]) {
      const { w } = randomWalk(t, seed);
      for (const [name, text] of mutations(w.save())) {
        const saved = path.join(dir, 'bad.json');
        fs.writeFileSync(saved, text);
        const r = run(['--resume', saved, f], ['q']);
        const m = attempt(() => restoreWalk(t, text, { clock }));
        if (m === null) {
          assert.equal(r.stderr, '', `${f} ${name}: taken here, refused by libpathway`);
          continue;
        }
        assert.equal(r.stderr, `pathwayc: error: cannot resume the saved walk: ${m}\n`, `${f} ${name}`);
        try { restoreWalk(t, text); } catch (e) { codes.add(e.code); }
        checked++;
      }
    }
  }
  assert.ok(checked >= 300, `${checked} checked`);
  tc.diagnostic(`${checked} malformed saves, codes ${[...codes].sort().join(' ')}`);
  for (const c of ['PATHWAY_E_FORMAT', 'PATHWAY_E_SAVE', 'PATHWAY_E_PATHWAY'])
    assert.ok(codes.has(c), [...codes].join(' '));
});

test('each refusal of a move, word for word', { skip: SKIP }, () => {
  const t = loadTable(fs.readFileSync(allTables().find((f) => f.endsWith('/forms.json'))));
  const w = startWalk(t, { clock });
  const code = (f) => { try { f(); } catch (e) { return `${e.code} ${e.message}`; } return 'taken'; };
  assert.equal(code(() => w.back()), `PATHWAY_E_AT_START there is no move to undo: the walk is where it started, at '${t.start.id}'`);
  assert.equal(code(() => startWalk(t, { nodeId: 'nope' })), "PATHWAY_E_NOT_FOUND no node has the id 'nope'");
  const g = t.nodes.find((n) => n.kind === 'together');
  assert.equal(code(() => startWalk(t, { nodeId: g.steps[0].id })),
    `PATHWAY_E_KIND '${g.steps[0].id}' is a step inside together '${g.id}': a walk starts at the together`);
  const at = startWalk(t, { nodeId: g.id, clock });
  assert.equal(code(() => at.answer('yes')), `PATHWAY_E_KIND '${g.id}' is a together, not a question: mark its steps done, then go on with next`);
  assert.equal(code(() => at.next()), `PATHWAY_E_STEPS_LEFT together '${g.id}' has steps still to do: ` +
    g.steps.map((s) => `'${s.id}'`).join(', '));
  at.done(g.steps[0].id);
  assert.equal(at.doneCount, 1);
  assert.ok(at.stepDone(g.steps[0]));
  assert.equal(code(() => at.done(g.steps[0].id)), `PATHWAY_E_ALREADY_DONE step '${g.steps[0].id}' of together '${g.id}' is done already`);
  assert.equal(code(() => at.done('nope')), `PATHWAY_E_STEP together '${g.id}' has no step 'nope'`);
  at.back();
  assert.equal(at.doneCount, 0);
  const q = t.nodes.find((n) => n.criteria_mode);
  const atq = startWalk(t, { nodeId: q.id, clock });
  assert.equal(code(() => atq.criteria([true])), `PATHWAY_E_ARGUMENT question '${q.id}' has ${q.criteria.length} criteria, not 1`);
  assert.equal(code(() => atq.next()), `PATHWAY_E_KIND '${q.id}' is a question: answer it`);
  assert.equal(code(() => atq.score(1)), `PATHWAY_E_KIND question '${q.id}' has no score`);
  atq.criteria(q.criteria.map(() => false));
  assert.equal(atq.moves[0].answer.id, 'no');
  const s = t.nodes.find((n) => n.kind === 'step' && !n.in);
  const ats = startWalk(t, { nodeId: s.id, clock });
  assert.equal(code(() => ats.done('x')), `PATHWAY_E_KIND '${s.id}' is a step, not a together: go on with next`);
  assert.equal(code(() => ats.criteria([])), `PATHWAY_E_KIND '${s.id}' is a step, not a question: go on with next`);
  const end = t.nodes.find((n) => n.kind === 'outcome' && !n.next);
  const ate = startWalk(t, { nodeId: end.id, clock });
  assert.ok(ate.finished);
  assert.equal(ate.outcome, end);
  assert.equal(code(() => ate.next()), `PATHWAY_E_FINISHED the walk has ended, at outcome '${end.id}'`);
});

test('scores and their bands (kinds.pathway)', { skip: SKIP }, () => {
  const t = loadTable(fs.readFileSync(allTables().find((f) => f.endsWith('/kinds.json'))));
  const q = t.nodes.find((n) => n.scored);
  const w = startWalk(t, { nodeId: q.id, clock });
  const code = (f) => { try { f(); } catch (e) { return `${e.code} ${e.message}`; } return 'taken'; };
  assert.equal(code(() => w.score(q.score_max + 1)),
    `PATHWAY_E_SCORE ${q.score_max + 1} is outside the scores of question '${q.id}', ${q.score_min}..${q.score_max}`);
  assert.equal(code(() => w.answer('x')), `PATHWAY_E_KIND question '${q.id}' takes a score, not an answer id`);
  assert.equal(code(() => w.score(1.5)), 'PATHWAY_E_ARGUMENT a score is a whole number, not 1.5');
  for (const a of q.answers) {
    w.score(a.band_max);
    assert.equal(w.moves[w.moves.length - 1].answer, a);
    assert.equal(w.current, a.next);
    w.back();
  }
});

test('a saved walk over 1 MiB is refused unparsed; a save of format 1 is read', { skip: SKIP }, () => {
  const f = allTables().find((x) => x.endsWith('/kinds.json'));
  const t = loadTable(fs.readFileSync(f));
  const big = ' '.repeat(WALK_MAX_BYTES + 1);
  assert.throws(() => restoreWalk(t, big), { code: 'PATHWAY_E_TOO_LARGE',
    message: 'the saved walk is 1048577 bytes, more than the 1 MiB a saved walk may be' });
  /* a criteria move saved as format 1 (texts only) */
  const q = t.nodes.find((n) => n.criteria_mode);
  const w = startWalk(t, { nodeId: q.id, clock });
  w.criteria(q.criteria.map((_, i) => i === 0));
  const v2 = JSON.parse(w.save());
  const v1 = { ...v2, format_version: 1 };
  v1.moves = v2.moves.map((m) => ({ ...m, ticked: m.ticked.map((c) => c.text) }));
  const again = restoreWalk(t, JSON.stringify(v1));
  assert.equal(again.save(), w.save());
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'v1.json'), JSON.stringify(v1));
  const r = run(['--resume', path.join(dir, 'v1.json'), '--transcript', path.join(dir, 'out.jsonl'), f], []);
  assert.equal(r.stderr, '');
  const events = fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(events[0].event, 'resume');
  const end = events.find((e) => e.event === 'end' || e.event === 'stop');
  assert.equal(end.outcome || end.node, again.current.id);
});
