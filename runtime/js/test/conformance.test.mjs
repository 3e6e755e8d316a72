/* The conformance cases (conformance/README.md): every case of every file
 * of conformance/cases, one test each, through this module's public API.
 * The cases are found in $PATHWAY_CONFORMANCE, else conformance/ at the
 * top of the repository; without them this file has nothing to run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadTable, startWalk, restoreWalk, PathwayError, TABLE_FORMAT_VERSION } from '../pathway.mjs';
import { TOP } from '../support/tests.mjs';

const DIR = process.env.PATHWAY_CONFORMANCE || path.join(TOP, 'conformance');
const CASES = path.join(DIR, 'cases');
const FIRST = 1738314000; /* 2025-01-31T09:00:00Z */

/* The cases' clock: FIRST, then a minute more at each read. */
function caseClock() {
  let reads = 0;
  return () => FIRST + 60 * reads++;
}

const read = (file) => fs.readFileSync(path.join(DIR, file));
const hashes = new Map();
function hashOf(file) {
  if (!hashes.has(file)) hashes.set(file, loadTable(read(file), { noHashCheck: true }).info.content_hash);
  return hashes.get(file);
}
/* v with every "@hash:FILE" replaced by that table's content_hash */
function substitute(v) {
  if (typeof v === 'string' && v.startsWith('@hash:')) return hashOf(v.slice(6));
  if (Array.isArray(v)) return v.map(substitute);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x)]));
  return v;
}

function known(obj, keys, what) {
  for (const k of Object.keys(obj)) if (!keys.includes(k)) assert.fail(`${what}: a key this runner does not know: ${k}`);
}

/* Runs f, which must throw the error `want` ({code, where?}). */
function refusedAs(f, want, what) {
  known(want, ['code', 'where'], 'an error');
  try {
    f();
  } catch (e) {
    if (!(e instanceof PathwayError)) throw e;
    assert.equal(e.code, want.code, `${what}: ${e.message}`);
    if ('where' in want) assert.equal(e.where, want.where, `${what}: ${e.message}`);
    return;
  }
  assert.fail(`${what}: taken, where ${want.code} was expected`);
}

function tableCase(c) {
  known(c, ['name', 'kind', 'table', 'expect', 'expect_by_format', 'no_hash_check', 'requires', 'note'], c.name);
  const bytes = read(c.table);
  let expect = c.expect;
  if (c.expect_by_format) {
    const v = JSON.parse(bytes.toString('utf8')).format_version;
    expect = c.expect_by_format[String(v)];
    assert.ok(expect, `no expectation for format_version ${v}`);
  }
  const load = () => loadTable(bytes, { noHashCheck: !!c.no_hash_check });
  known(expect, ['ok', 'error', 'content_hash', 'format_version'], 'expect');
  if (expect.error) return refusedAs(load, expect.error, 'loading');
  assert.equal(expect.ok, true);
  const t = load();
  if (expect.content_hash) {
    /* the hash computed, whatever the table claims */
    const claimed = loadTable(bytes, { noHashCheck: true });
    assert.equal(claimed.info.content_hash, t.info.content_hash);
    assert.equal(t.info.content_hash, expect.content_hash);
  }
  if (expect.format_version !== undefined) assert.equal(t.info.format_version, expect.format_version);
}

/* Makes the case's moves on w. */
function makeMoves(w, moves) {
  moves.forEach((m, i) => {
    known(m, ['next', 'answer', 'score', 'ticked', 'done', 'back', 'error'], `moves[${i}]`);
    const f = () => {
      if (m.next) return w.next();
      if ('answer' in m) return w.answer(m.answer);
      if ('score' in m) return w.score(m.score);
      if ('done' in m) return w.done(m.done);
      if (m.back) return w.back();
      if ('ticked' in m) {
        const q = w.current;
        const ids = q.criteria_ids || [];
        if (!m.error) for (const id of m.ticked) assert.ok(ids.includes(id), `moves[${i}]: no criterion '${id}' at ${q.id}`);
        return w.criteria(ids.length ? ids.map((id) => m.ticked.includes(id)) : m.ticked.map(() => true));
      }
      return assert.fail(`moves[${i}]: no move`);
    };
    if (!m.error) return f();
    const before = w.save();
    refusedAs(f, m.error, `moves[${i}]`);
    assert.equal(w.save(), before, `moves[${i}]: a refused move changes nothing`);
  });
}

function compare(w, expect) {
  known(expect, ['path', 'at', 'finished', 'outcome', 'done', 'saved', 'saved_hash'], 'expect');
  if (expect.path) assert.deepEqual(w.path.map((n) => n.id), expect.path, 'path');
  if ('at' in expect) assert.equal(w.current.id, expect.at, 'at');
  if ('finished' in expect) assert.equal(w.finished, expect.finished, 'finished');
  if ('outcome' in expect) assert.equal(w.outcome ? w.outcome.id : null, expect.outcome, 'outcome');
  if (expect.done) {
    const done = w.moves.slice(w.moves.length - w.doneCount).map((m) => m.step.id);
    assert.deepEqual(done, expect.done, 'done');
  }
  if (expect.saved) assert.deepEqual(JSON.parse(w.save()), substitute(expect.saved), 'saved');
  if ('saved_hash' in expect) assert.equal(w.savedHash, substitute(expect.saved_hash), 'saved_hash');
}

function walkCase(c) {
  known(c, ['name', 'kind', 'table', 'from', 'moves', 'expect', 'start_error', 'requires', 'note'], c.name);
  const t = loadTable(read(c.table));
  const options = { clock: caseClock() };
  if ('from' in c) options.nodeId = c.from;
  if (c.start_error) return refusedAs(() => startWalk(t, options), c.start_error, 'starting');
  const w = startWalk(t, options);
  makeMoves(w, c.moves || []);
  return compare(w, c.expect || {});
}

function restoreCase(c) {
  known(c, ['name', 'kind', 'table', 'saved', 'saved_file', 'moves', 'expect', 'requires', 'note'], c.name);
  const t = loadTable(read(c.table));
  const text = c.saved_file ? read(c.saved_file) : JSON.stringify(substitute(c.saved));
  const restore = () => restoreWalk(t, text, { clock: caseClock() });
  if (c.expect.error) {
    known(c.expect, ['error'], 'expect');
    return refusedAs(restore, c.expect.error, 'restoring');
  }
  const w = restore();
  makeMoves(w, c.moves || []);
  return compare(w, c.expect);
}

const files = fs.existsSync(CASES) ? fs.readdirSync(CASES).filter((f) => f.endsWith('.json')).sort() : [];
if (!files.length) test('conformance cases', { skip: `no cases in ${CASES}` }, () => {});
const names = new Set();
for (const f of files) {
  const { cases } = JSON.parse(fs.readFileSync(path.join(CASES, f), 'utf8'));
  for (const c of cases) {
    const need = c.requires && c.requires.table_format;
    const skip = need > TABLE_FORMAT_VERSION ? `needs table format ${need}` : false;
    test(`${f}: ${c.name}`, { skip }, () => {
      assert.ok(!names.has(c.name), 'a name used twice');
      names.add(c.name);
      if (c.kind === 'table') return tableCase(c);
      if (c.kind === 'walk') return walkCase(c);
      if (c.kind === 'restore') return restoreCase(c);
      return assert.fail(`a kind this runner does not know: ${c.kind}`);
    });
  }
}
