/* pathway.mjs — the JavaScript runtime of pathwayc's tables: libpathway's
 * operations (runtime/pathway.h) with its semantics, codes, JSON paths and
 * messages, for browsers and Node, without dependencies.
 *
 *   import { loadTable, startWalk, restoreWalk } from '@pathwayc/pathway';
 *   const table = loadTable(text);          // checks everything, the hash last
 *   const walk = startWalk(table);
 *   walk.answer('yes'); walk.next(); walk.score(7);
 *   walk.criteria([true, false]); walk.done('tell_dsl'); walk.back();
 *   const saved = walk.save();              // libpathway's text, byte for byte
 *   const again = restoreWalk(newerTable, saved);  // through `replaces`
 *
 * Everything that fails throws a PathwayError: code (libpathway's name,
 * "PATHWAY_E_KIND"), where (a JSON path or ""), message. A refused move
 * leaves the walk as it was. A loaded table is never changed. Loading is
 * synchronous: the content hash is a SHA-256 of this module's own
 * (sha256.mjs), so the same call works in a page and in Node.
 *
 * Tables and nodes are plain objects named as libpathway's structs are
 * (node.next, node.answers[i].band_min, node.criteria_ids, info.content_hash);
 * links are the objects themselves (node.next is a node, node.stage a
 * stage); enums are the table's own spellings ("question", "any-of"),
 * null for none; absent texts are null, absent lists []. */

import {
  PathwayError, fail, show, upTo200, clampTime, formatTime, parseTime, aType,
  VERSION, TABLE_FORMAT_VERSION, WALK_FORMAT_VERSION, TABLE_MAX_BYTES, WALK_MAX_BYTES, CODES,
} from './common.mjs';
import { loadTableData, contentHash, textOf, parse, Reader, key, item } from './load.mjs';
import { indented } from './json.mjs';

export {
  PathwayError, VERSION, TABLE_FORMAT_VERSION, WALK_FORMAT_VERSION, TABLE_MAX_BYTES, WALK_MAX_BYTES,
  CODES, contentHash,
};

/** A loaded table. info, start, nodes, stages, contacts, roles, forms as
 * in pathway.h; lookups by id. */
export class Table {
  constructor() {
    this.nodeIds = new Map();
    this.stageIds = new Map();
    this.contactIds = new Map();
    this.roleIds = new Map();
    this.formIds = new Map();
    this.replaced = new Map(); /* old id -> the node whose `replaces` lists it */
  }
  findNode(id) { return this.nodeIds.get(id) || null; }
  findStage(id) { return this.stageIds.get(id) || null; }
  findContact(id) { return this.contactIds.get(id) || null; }
  findRole(id) { return this.roleIds.get(id) || null; }
  findForm(id) { return this.formIds.get(id) || null; }
  /** The node whose `replaces` lists oldId, or null. */
  findReplacement(oldId) { return this.replaced.get(oldId) || null; }
}

/** Loads a table from its text (a string, or UTF-8 bytes as a Uint8Array
 * or ArrayBuffer), checking everything libpathway checks, the content hash
 * last (unless options.noHashCheck). Throws a PathwayError. */
export function loadTable(data, options = {}) {
  const t = loadTableData(data, options, () => new Table());
  Object.freeze(t);
  return t;
}

/** A named answer of question q with that id, or null (null for a scored
 * question, whose answers are bands). */
export function findAnswer(q, id) {
  if (!q || q.scored) return null;
  return q.answers.find((a) => a.id === id) || null;
}

/** The band of scored question q that holds score, or null. */
export function findBand(q, score) {
  if (!q || !q.scored) return null;
  return q.answers.find((a) => a.band_min <= score && score <= a.band_max) || null;
}

/* ---- walks (walk.c) -------------------------------------------------------- */

const systemClock = () => Math.floor(Date.now() / 1000);

/** A new walk at the table's start, or at the node with id nodeId.
 * options.clock: a function giving the time in seconds since 1970
 * (default: the system clock). */
export function startWalk(table, options = {}) {
  if (!(table instanceof Table)) throw fail('PATHWAY_E_ARGUMENT', '', 'no table');
  let from = table.start;
  if (options.nodeId !== undefined && options.nodeId !== null) {
    const id = String(options.nodeId);
    from = table.findNode(id);
    if (!from) throw fail('PATHWAY_E_NOT_FOUND', '', `no node has the id '${upTo200(id)}'`);
    if (from.in)
      throw fail('PATHWAY_E_KIND', '', `'${from.id}' is a step inside together '${from.in.id}': a walk ` +
        'starts at the together');
  }
  const w = new Walk(table, from, options.clock);
  w.started = w.now();
  return w;
}

/** A person's way through a table, one move at a time. */
export class Walk {
  constructor(table, from, clock) {
    this.table = table;
    this.from = from;
    this.clock = typeof clock === 'function' ? clock : systemClock;
    this.started = 0;
    /* each {kind, from, to, answer, score, ticked, time, step}, as pathway_move */
    this.moves = [];
    this.savedHash = null; /* restored walks: the hash of the save */
  }
  now() { return clampTime(Number(this.clock())); }

  /** The node the walk is at. */
  get current() { return this.moves.length ? this.moves[this.moves.length - 1].to : this.from; }
  /** Whether it has ended: at an outcome without a next. */
  get finished() { const n = this.current; return n.kind === 'outcome' && !n.next; }
  /** The outcome it ended at, or null. */
  get outcome() { return this.finished ? this.current : null; }
  /** The path: where it started, then where each move led. */
  get path() { return [this.from].concat(this.moves.map((m) => m.to)); }

  /* the run of done moves at the end: the steps done at the together */
  doneRun() {
    let k = 0;
    while (k < this.moves.length && this.moves[this.moves.length - 1 - k].kind === 'done') k++;
    return k;
  }
  isDone(step) {
    for (let k = this.doneRun(); k > 0; k--) if (this.moves[this.moves.length - k].step === step) return true;
    return false;
  }
  /** At a together: whether its step `step` (a node) is done since the walk came to it. */
  stepDone(step) { return !!step && !!step.in && step.in === this.current && this.isDone(step); }
  /** At a together: how many of its steps are done. */
  get doneCount() { return this.doneRun(); }

  /* The current node, when a move needing kind `want` can be made there
   * ('step' for next: any node that goes on). */
  at(want) {
    const n = this.current;
    if (this.finished) throw fail('PATHWAY_E_FINISHED', '', `the walk has ended, at outcome '${n.id}'`);
    if (want === 'step' && n.kind === 'question') throw fail('PATHWAY_E_KIND', '', `'${n.id}' is a question: answer it`);
    if (want !== 'step' && n.kind !== want) {
      const kindOf = { step: 'a step', question: 'a question', together: 'a together' }[n.kind] ||
        'an emergency outcome that goes on';
      const todo = n.kind === 'question' ? 'answer it' : n.kind === 'together'
        ? 'mark its steps done, then go on with next' : 'go on with next';
      const wanted = want === 'question' ? 'a question' : 'a together';
      throw fail('PATHWAY_E_KIND', '', `'${n.id}' is ${kindOf}, not ${wanted}: ${todo}`);
    }
    return n;
  }
  push(m, time) {
    m.time = time === undefined ? this.now() : clampTime(time);
    this.moves.push(m);
  }
  move(kind, from, to, extra) {
    return Object.assign({ kind, from, to, answer: null, score: 0, ticked: null, time: 0, step: null }, extra);
  }

  /** On from a step, from a together once each of its steps is done, or
   * from an emergency outcome that goes on. */
  next(time) {
    const n = this.at('step');
    if (n.kind === 'together' && this.doneRun() < n.steps.length) this.stepsLeft(n);
    this.push(this.move('next', n, n.next), time);
  }
  stepsLeft(g) {
    let left = '', shown = 0, count = 0;
    for (const s of g.steps) {
      if (this.isDone(s)) continue;
      count++;
      const n = s.id.length + 4;
      if (left.length + n + 16 < 320) {
        left += (shown ? ', ' : '') + `'${s.id}'`;
        shown++;
      }
    }
    if (shown < count) left += (shown ? ', ' : '') + `and ${count - shown} more`;
    throw fail('PATHWAY_E_STEPS_LEFT', '', `together '${g.id}' has ${count === 1 ? 'a step' : 'steps'} ` +
      `still to do: ${left}`);
  }

  /** At a together: marks its step stepId done (the walk stays there). */
  done(stepId, time) {
    const g = this.at('together');
    if (typeof stepId !== 'string') throw fail('PATHWAY_E_ARGUMENT', '', 'no step id');
    const s = this.table.findNode(stepId);
    if (!s || s.in !== g) throw fail('PATHWAY_E_STEP', '', `together '${g.id}' has no step '${upTo200(stepId)}'`);
    if (this.isDone(s)) throw fail('PATHWAY_E_ALREADY_DONE', '', `step '${s.id}' of together '${g.id}' is done already`);
    this.push(this.move('done', g, g, { step: s }), time);
  }

  /** At a question with named answers: the answer with id answerId. */
  answer(answerId, time) {
    const q = this.at('question');
    if (typeof answerId !== 'string') throw fail('PATHWAY_E_ARGUMENT', '', 'no answer id');
    if (q.scored) throw fail('PATHWAY_E_KIND', '', `question '${q.id}' takes a score, not an answer id`);
    const a = findAnswer(q, answerId);
    if (!a) throw fail('PATHWAY_E_ANSWER', '', `question '${q.id}' has no answer '${upTo200(answerId)}'`);
    this.push(this.move('answer', q, a.next, { answer: a }), time);
  }

  /** At a scored question: the score (a whole number), which leads where its band does. */
  score(score, time) {
    const q = this.at('question');
    if (!q.scored) throw fail('PATHWAY_E_KIND', '', `question '${q.id}' has no score`);
    if (!Number.isInteger(score) || score < -2147483648 || score > 2147483647)
      throw fail('PATHWAY_E_ARGUMENT', '', `a score is a whole number, not ${String(score)}`);
    const a = findBand(q, score);
    if (!a)
      throw fail('PATHWAY_E_SCORE', '', `${score} is outside the scores of question '${q.id}', ` +
        `${q.score_min}..${q.score_max}`);
    this.push(this.move('score', q, a.next, { answer: a, score }), time);
  }

  /** At an any-of or all-of question: ticked[i] (a boolean) for each of
   * its criteria texts (q.criteria, nested ones too, in order). The answer
   * is yes when the question's list is met, else no. */
  criteria(ticked, time) {
    const q = this.at('question');
    if (!q.criteria_mode) throw fail('PATHWAY_E_KIND', '', `question '${q.id}' has no criteria`);
    const n = Array.isArray(ticked) ? ticked.length : 0;
    if (n !== q.criteria.length)
      throw fail('PATHWAY_E_ARGUMENT', '', `question '${q.id}' has ${q.criteria.length} criteria, not ${n}`);
    const flags = ticked.map(Boolean);
    const a = findAnswer(q, met(q, flags) ? 'yes' : 'no');
    this.push(this.move('criteria', q, a.next, { answer: a, ticked: flags }), time);
  }

  /** Undoes the last move. */
  back() {
    if (!this.moves.length)
      throw fail('PATHWAY_E_AT_START', '', `there is no move to undo: the walk is where it started, at '${this.from.id}'`);
    this.moves.pop();
  }

  /** The walk as libpathway saves it (pathway_walk_save), byte for byte. */
  save() {
    const info = this.table.info;
    return indented({
      format: 'pathway-walk',
      format_version: WALK_FORMAT_VERSION,
      pathway: info.id,
      content_hash: info.content_hash,
      started: formatTime(this.started),
      from: this.from.id,
      moves: this.moves.map(savedMove),
    }) + '\n';
  }
}

/** Whether question q's list is met by the ticked flags: any-of when one
 * item is, all-of when every item is; a text when ticked, a nested list
 * by its own mode over its texts. */
export function met(q, ticked) {
  const itemMet = (c) => {
    if (!c.mode) return ticked[c.first];
    let k = 0;
    for (let j = 0; j < c.count; j++) k += ticked[c.first + j] ? 1 : 0;
    return c.mode === 'any-of' ? k > 0 : k === c.count;
  };
  const count = q.criteria_items.filter(itemMet).length;
  return q.criteria_mode === 'any-of' ? count > 0 : count === q.criteria_items.length;
}

function savedMove(m) {
  const v = { node: m.from.id, move: m.kind };
  if (m.kind === 'score') v.score = m.score;
  if (m.kind === 'criteria') {
    v.ticked = [];
    m.ticked.forEach((t, i) => { if (t) v.ticked.push({ id: m.from.criteria_ids[i], text: m.from.criteria[i] }); });
  }
  if (m.kind === 'done') v.step = m.step.id;
  if (m.kind === 'answer' || m.kind === 'criteria') v.answer = m.answer.id;
  v.to = m.to.id;
  v.time = formatTime(m.time);
  return v;
}

/* ---- restoring (save.c) ------------------------------------------------------ */

const MOVE_NAMES = [null, 'next', 'answer', 'score', 'criteria', 'done'];

/** A walk from saved text (a string or UTF-8 bytes) against table: the
 * moves replayed exactly when the save is of this very table (its content
 * hash), or through `replaces` onto a newer one, each checked; restored
 * whole or not at all. options.clock as for startWalk. Throws a
 * PathwayError. walk.savedHash is the hash the save was made against. */
export function restoreWalk(table, saved, options = {}) {
  if (!(table instanceof Table)) throw fail('PATHWAY_E_ARGUMENT', '', 'no table');
  const { text, size } = textOf(saved, 'saved walk');
  if (size > WALK_MAX_BYTES)
    throw fail('PATHWAY_E_TOO_LARGE', '', `the saved walk is ${size} bytes, more than the ` +
      `${WALK_MAX_BYTES / 1048576} MiB a saved walk may be`);
  const root = parse(text);
  return new Restorer(table).restore(root, options.clock);
}

/* A saved walk holds the keys of its format_version and nothing else: one
 * no reader knows would be dropped the next time the walk is saved, so it
 * is refused rather than lost (libpathway's save.c). */
const WALK_KEYS = ['format', 'format_version', 'pathway', 'content_hash', 'started', 'from', 'moves'];
const MOVE_KEYS = ['node', 'move', 'score', 'ticked', 'step', 'answer', 'to', 'time'];
const TICKED_KEYS = ['id', 'text'];
function onlyKeys(obj, base, keys, what) {
  if (!(obj instanceof Map)) return;
  for (const k of obj.keys())
    if (!keys.includes(k))
      throw fail('PATHWAY_E_SAVE', key(base, k), `not a key of ${what} (a saved walk holds only the keys ` +
        'of its format_version; one a reader does not know would be lost when the walk is saved again)');
}

class Restorer {
  constructor(t) {
    this.t = t;
    this.r = new Reader('PATHWAY_E_SAVE');
    this.same = false;
    this.version = 0;
  }
  replayCode() { return this.same ? 'PATHWAY_E_SAVE' : 'PATHWAY_E_REPLAY'; }
  failReplay(where, what) { throw fail(this.replayCode(), where, what); }

  /* The node of this table a saved id stands for (through `replaces`
   * against a newer table). */
  nodeFor(obj, at, k) {
    const id = this.r.get(obj, at, k, 'string', true);
    let n = this.t.findNode(id);
    if (!n && !this.same) n = this.t.findReplacement(id);
    if (n) return n;
    if (this.same) throw fail('PATHWAY_E_SAVE', key(at, k), `no node has the id '${show(id)}'`);
    throw fail('PATHWAY_E_REMOVED', key(at, k), `node '${show(id)}' of the saved walk is not in this table, and ` +
      'no node replaces it');
  }
  timeOf(obj, at, k) {
    const s = this.r.get(obj, at, k, 'string', true);
    const t = parseTime(s);
    if (t === null) throw fail('PATHWAY_E_SAVE', key(at, k), `'${show(s)}' is not a time (YYYY-MM-DDTHH:MM:SSZ, from 1970)`);
    return t;
  }
  header(root) {
    const f = root.get('format');
    if (typeof f !== 'string' || f !== 'pathway-walk')
      throw fail('PATHWAY_E_FORMAT', 'format', (f !== undefined ? 'expected "pathway-walk"' : 'missing') + ' (not a saved walk)');
    const v = root.get('format_version');
    const isInt = typeof v === 'number' || typeof v === 'bigint';
    if (!isInt || v < 1)
      throw fail('PATHWAY_E_FORMAT', 'format_version', v !== undefined ? 'not a format version' : 'missing');
    if (v > WALK_FORMAT_VERSION)
      throw fail('PATHWAY_E_FORMAT', 'format_version', `${v} is newer than this library reads (${WALK_FORMAT_VERSION})`);
    this.version = Number(v);
    const p = this.r.get(root, '', 'pathway', 'string', true);
    const h = this.r.get(root, '', 'content_hash', 'string', true);
    if (p !== this.t.info.id)
      throw fail('PATHWAY_E_PATHWAY', 'pathway', `the saved walk is of pathway '${show(p)}', not '${this.t.info.id}'`);
    this.same = h === this.t.info.content_hash;
    return h;
  }
  restore(root, clock) {
    if (!(root instanceof Map))
      throw fail('PATHWAY_E_FORMAT', '', `expected an object at the top, found ${aType(root)} (not a saved walk)`);
    const hash = this.header(root);
    onlyKeys(root, '', WALK_KEYS, 'a saved walk');
    const started = this.timeOf(root, '', 'started');
    const moves = this.r.get(root, '', 'moves', 'array', true);
    /* every node the save names, before anything is replayed */
    this.nodeFor(root, '', 'from');
    moves.forEach((m, i) => {
      const at = item('moves', i);
      if (!(m instanceof Map)) throw fail('PATHWAY_E_SAVE', at, `expected an object, found ${aType(m)}`);
      onlyKeys(m, at, MOVE_KEYS, 'a move');
      const ticked = m.get('ticked');
      if (Array.isArray(ticked))
        ticked.forEach((v, k) => onlyKeys(v, item(key(at, 'ticked'), k), TICKED_KEYS, 'a ticked criterion'));
      this.nodeFor(m, at, 'node');
      this.nodeFor(m, at, 'to');
      if (this.version >= 2 && m.get('move') === 'done') this.nodeFor(m, at, 'step');
    });
    const from = this.nodeFor(root, '', 'from');
    if (from.in)
      this.failReplay('from', `'${from.id}' is a step inside together '${from.in.id}': a walk starts at the together`);
    const w = new Walk(this.t, from, clock);
    w.started = clampTime(started);
    w.savedHash = hash;
    this.w = w;
    moves.forEach((m, i) => this.replay(m, i));
    return w;
  }
  replay(m, i) {
    const at = item('moves', i);
    const from = this.nodeFor(m, at, 'node');
    const kind = this.r.enum(m, at, 'move', MOVE_NAMES, this.version >= 2 ? 6 : 5, true);
    const time = this.timeOf(m, at, 'time');
    const cur = this.w.current;
    if (from !== cur)
      this.failReplay(key(at, 'node'), `the saved move was made at '${m.get('node')}', but the walk is at ` +
        `'${cur.id}' in this table`);
    try {
      this.makeMove(m, at, kind, time);
    } catch (e) {
      if (!(e instanceof PathwayError) || e.where || e.fromReader) throw e;
      this.failReplay(at, e.message);
    }
    const to = this.nodeFor(m, at, 'to');
    if (to !== this.w.current)
      this.failReplay(key(at, 'to'), `the saved move led to '${m.get('to')}', but in this table it leads to ` +
        `'${this.w.current.id}'`);
  }
  makeMove(m, at, kind, time) {
    const w = this.w, q = w.current;
    if (kind === 'next') return w.next(time);
    if (kind === 'done') return w.done(this.nodeFor(m, at, 'step').id, time);
    if (kind === 'score') return w.score(this.r.int(m, at, 'score', 0, true), time);
    if (kind === 'criteria' && (q.kind !== 'question' || !q.criteria_mode)) return w.criteria(null, time);
    const answer = this.r.get(m, at, 'answer', 'string', true);
    if (kind === 'answer') return w.answer(answer, time);
    w.criteria(this.tickedOf(m, at, q), time);
    const a = w.moves[w.moves.length - 1].answer;
    if (a.id !== answer)
      this.failReplay(key(at, 'answer'), `the ticked criteria of question '${q.id}' give '${a.id}' in this ` +
        `table, not '${show(answer)}'`);
  }
  tickedOf(m, at, q) {
    const list = this.r.get(m, at, 'ticked', 'array', true);
    const ticked = q.criteria.map(() => false);
    list.forEach((v, i) => {
      const p = item(key(at, 'ticked'), i);
      const k = this.version >= 2 ? this.byId(v, p, q) : this.byText(v, p, q);
      ticked[k] = true;
    });
    return ticked;
  }
  byText(v, p, q) {
    if (typeof v !== 'string') throw fail('PATHWAY_E_SAVE', p, `expected a string, found ${aType(v)}`);
    const k = q.criteria.indexOf(v);
    if (k < 0) this.failReplay(p, `'${show(v)}' is not a criterion of question '${q.id}'`);
    return k;
  }
  byId(v, p, q) {
    if (!(v instanceof Map)) throw fail('PATHWAY_E_SAVE', p, `expected an object, found ${aType(v)}`);
    const id = this.r.get(v, p, 'id', 'string', true);
    const text = this.r.get(v, p, 'text', 'string', true);
    const k = q.criteria_ids.indexOf(id);
    if (k < 0) this.failReplay(key(p, 'id'), `question '${q.id}' has no criterion '${show(id)}' to tick`);
    if (q.criteria[k] !== text)
      this.failReplay(key(p, 'text'), `criterion '${q.criteria_ids[k]}' of question '${q.id}' has changed: it ` +
        `was '${show(text)}' when the walk was saved, and is '${show(q.criteria[k])}' now`);
    return k;
  }
}
