/* The checklist's script (compiler/emit/assets/checklist.js), built into
 * pathwayc and inlined in every checklist page. The page works without
 * it; it adds Guide me, the record (what was done, not done and decided,
 * copied, downloaded or printed), and progress kept for the tab or, when
 * asked, on the device (docs/checklist.md, "The record" and "Storage").
 * It reads the pathway from the page itself: each node is an
 * article.item with data-kind; a step's, a together's and an emergency
 * outcome's data-next (data-then for an emergency outcome with no next);
 * a together's steps, items inside its own with data-in; a question's
 * criteria (ul.criteria[data-mode]) and radio buttons with data-target;
 * a step's status radios (data-status), an emergency outcome's
 * data-called and another outcome's data-reached tick. No request of
 * any kind.
 *
 * Where the walk goes, it asks the pathway runtime (runtime/js, embedded
 * before this script as PathwayRuntime) of the page's own table (embedded
 * as JSON in script#pathway-table, loaded and checked, its content hash
 * too, by that runtime): every move of Guide me is made by the runtime
 * that ports libpathway, so the page and libpathway cannot walk a pathway
 * differently. Without a table that loads, the script does nothing and
 * the page stays a plain checklist.
 *
 * What is typed (reasons, notes, name, role, reference) lives in memory
 * only. Ticks, answers and the walk are kept in sessionStorage, or in
 * localStorage when the person asks, and are read back defensively:
 * into Maps, checked against this page's ids and content hash, and
 * thrown away whole, with a notice, when anything does not fit. */
(function () {
  'use strict';
  var body = document.body;
  var PATHWAY = body.dataset.pathway;
  var HASH = body.dataset.hash;
  var START = body.dataset.start;
  var KEY = 'pathwayc:' + PATHWAY + ':' + HASH;
  var FORMAT = 2;
  var RT = window.PathwayRuntime;
  var TABLE = (function () {
    var json = document.getElementById('pathway-table');
    try {
      var t = RT.loadTable(json.textContent);
      return t.info.id === PATHWAY && t.info.content_hash === HASH ? t : null;
    } catch (e) {
      return null;
    }
  })();
  if (!TABLE) return;

  function byId(id) { return document.getElementById(id); }
  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }
  function attrIs(name, value) { return '[' + name + '="' + CSS.escape(value) + '"]'; }
  /* An element id from a node id: its '-' doubled, as html.c writes it. */
  function key(id) { return id.replace(/-/g, '--'); }
  function answerId(question, value) { return 'answer-' + key(question) + '-' + value; }
  function labelOf(input) {
    var label = input && document.querySelector('label' + attrIs('for', input.id));
    return label ? label.textContent : '';
  }
  /* Now, to the second, as libpathway writes times: 2025-06-01T14:02:00Z. */
  function now() { return new Date().toISOString().replace(/\.\d+Z$/, 'Z'); }

  /* ---- the pathway, as this page states it ---- */

  var items = new Map(); /* node id -> its article in the checklist */
  all(document, 'article.item[data-node]').forEach(function (a) {
    items.set(a.dataset.node, a);
  });
  function item(node) { return items.get(node) || null; }
  function kindOf(node) { var a = item(node); return a ? a.dataset.kind : null; }
  function heading(node) { return item(node).querySelector('h3, h4').textContent; }
  function isEmergency(node) { var a = item(node); return !!a && a.classList.contains('emergency'); }
  function innerSteps(node) {
    return all(item(node), 'article.item' + attrIs('data-in', node)).map(function (a) {
      return a.dataset.node;
    });
  }
  function answerRadios(q) { return all(item(q), 'fieldset.answers input[type=radio]'); }
  function answerRadio(q, value) {
    var r = byId(answerId(q, value));
    return r && item(q).contains(r) ? r : null;
  }
  function isScored(q) { return !!item(q).querySelector('.score'); }
  function criteriaList(q) { return item(q).querySelector('ul.criteria'); }
  function criteriaTicks(q) {
    return all(item(q), 'ul.criteria input[data-tick]').map(function (b) { return b.dataset.tick; });
  }
  /* Where a node leads: a step, a together and an emergency outcome that
   * goes on, by data-next; an emergency outcome without one, by data-then
   * (a new walk starts there). */
  function nextOf(node) { var a = item(node); return a ? a.dataset.next || null : null; }
  function thenOf(node) { var a = item(node); return a ? a.dataset.then || null : null; }
  function isEnd(node) {
    return kindOf(node) === 'outcome' && !nextOf(node) && !thenOf(node);
  }

  var validTicks = new Set(all(document, 'input[data-tick]').map(function (b) {
    return b.dataset.tick;
  }));

  /* The band's radio of the score at question q (the runtime's band), or null. */
  function bandFor(q, score) {
    var band = RT.findBand(TABLE.findNode(q), score);
    return band ? answerRadio(q, band.band_min + '-' + band.band_max) : null;
  }
  function scoreRange(q) {
    var n = TABLE.findNode(q);
    return [n.score_min, n.score_max];
  }

  /* The flags of question q's criteria, in the table's order, from ticks
   * ("q:2.1", a Set). */
  function flagsOf(q, ticked) {
    return TABLE.findNode(q).criteria_ids.map(function (id) { return ticked.has(q + ':' + id); });
  }
  /* What the ticks in `ticked` give at question q, 'yes' or 'no', by the
   * runtime's rule: an any-of list when one of its items is met, an
   * all-of when every one is; a nested list by its own mode. */
  function givenByTicks(q, ticked) { return RT.met(TABLE.findNode(q), flagsOf(q, ticked)) ? 'yes' : 'no'; }
  /* The criteria of question q ticked now, in the page's order. */
  function tickedOf(q) { return criteriaTicks(q).filter(function (t) { return st.ticks.has(t); }); }

  /* ---- state: what was done and decided ---- */

  /* Kept (storage): status, answers, ticks, called, reached, changes,
   * takenBack, walks, keep. Memory only: why, notes, and the record's
   * fields. Every entry has a seq: the record lists them in that order. */
  var st;
  var guide = byId('guide');
  function guideOpen() { return !guide.hidden; }
  var whyText = new Map();   /* step -> reason it was not done (memory only) */
  var notes = new Map();     /* node -> note (memory only) */
  var whyLost = new Set();   /* steps restored Not done, whose reason was never stored */

  function fresh() {
    return {
      seq: 0, keep: false, status: new Map(), answers: new Map(), ticks: new Map(),
      called: new Map(), reached: new Map(), changes: [], takenBack: new Map(), walks: []
    };
  }
  function nextSeq() { st.seq += 1; return st.seq; }

  /* A message where the person is: the guide when it is open. */
  function say(message) {
    byId('guide-status').textContent = guideOpen() ? message : '';
    byId('tools-status').textContent = guideOpen() ? '' : message;
  }

  /* ---- storage ---- */

  function store(kind) {
    try { return kind === 'local' ? window.localStorage : window.sessionStorage; }
    catch (e) { return null; }
  }
  function encode() {
    function pairs(map, f) {
      var out = [];
      map.forEach(function (v, k) { out.push(f(k, v)); });
      return out;
    }
    return JSON.stringify({
      v: FORMAT, pathway: PATHWAY, hash: HASH, saved: now(), seq: st.seq,
      status: pairs(st.status, function (k, v) { return [k, v.s, v.t, v.seq]; }),
      answers: pairs(st.answers, function (k, v) {
        return [k, v.a, v.t, v.seq, v.score === undefined ? null : v.score];
      }),
      ticks: pairs(st.ticks, function (k, v) { return [k, v.t, v.seq]; }),
      called: pairs(st.called, function (k, v) { return [k, v.t, v.seq]; }),
      reached: pairs(st.reached, function (k, v) { return [k, v.t, v.seq]; }),
      changes: st.changes.map(function (c) {
        return [c.kind, c.q, c.from, c.fromT, c.to, c.t, c.seq];
      }),
      takenBack: pairs(st.takenBack, function (k, v) {
        return [k, v.a, v.given, v.score === undefined ? null : v.score, v.t, v.seq];
      }),
      walks: st.walks.map(function (w) {
        return [w.started, w.from, w.moves.map(function (m) {
          return [m.node, m.move, m.value === undefined ? null : m.value, m.to, m.t];
        })];
      })
    });
  }
  var warnedStorage = false;
  /* Into the store chosen, out of the other; nothing at all when there is
   * nothing to keep (the next person starts clean). */
  function save() {
    var keep = store(st.keep ? 'local' : 'session');
    var other = store(st.keep ? 'session' : 'local');
    try {
      if (other) other.removeItem(KEY);
      if (!keep) throw new Error('no storage');
      if (hasAnything(st)) keep.setItem(KEY, encode());
      else keep.removeItem(KEY);
    } catch (e) {
      if (!warnedStorage) say('Progress cannot be kept in this browser: it will be lost on reload.');
      warnedStorage = true;
    }
  }

  /* Reads saved state strictly. Throws on anything this page did not
   * write: the caller throws it all away. */
  var TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
  function bad(why) { var e = new Error(why); e.refused = true; throw e; }
  function isArray(v, n) { return Array.isArray(v) && (n === undefined || v.length === n); }
  function aTime(v) { if (typeof v !== 'string' || !TIME.test(v) || isNaN(Date.parse(v))) bad('time'); return v; }
  function aSeq(v, s) {
    if (typeof v !== 'number' || v !== Math.floor(v) || v < 1 || v > s.seq) bad('seq');
    return v;
  }
  function aNode(v) { if (typeof v !== 'string' || !items.has(v)) bad('node'); return v; }
  function list(v, n, max) { if (!isArray(v) || v.length > max) bad('list'); v.forEach(function (e) { if (!isArray(e, n)) bad('entry'); }); return v; }
  function once(map, k) { if (map.has(k)) bad('twice'); return k; }
  function anAnswer(q, a, score) {
    if (kindOf(q) !== 'question' || typeof a !== 'string' || !answerRadio(q, a)) bad('answer');
    if (score !== null) {
      if (!isScored(q) || typeof score !== 'number' || score !== Math.floor(score)) bad('score');
      var band = bandFor(q, score);
      if (!band || band.value !== a) bad('band');
    }
  }

  function decode(text) {
    var v = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) bad('object');
    var keys = Object.keys(v).sort().join(',');
    if (keys !== 'answers,called,changes,hash,pathway,reached,saved,seq,status,takenBack,ticks,v,walks') bad('keys');
    if (v.v !== FORMAT || v.pathway !== PATHWAY || v.hash !== HASH) bad('version');
    var s = fresh();
    aTime(v.saved);
    if (typeof v.seq !== 'number' || v.seq !== Math.floor(v.seq) || v.seq < 0 || v.seq > 1e6) bad('seq');
    s.seq = v.seq;
    var n = items.size * 4 + 64;
    list(v.status, 4, n).forEach(function (e) {
      var node = once(s.status, aNode(e[0]));
      var input = byId('status-' + key(node) + '-' + e[1]);
      if (typeof e[1] !== 'string' || !input || input.dataset.status !== node) bad('status');
      s.status.set(node, { s: e[1], t: aTime(e[2]), seq: aSeq(e[3], s) });
    });
    list(v.answers, 5, n).forEach(function (e) {
      var q = once(s.answers, aNode(e[0]));
      anAnswer(q, e[1], e[4]);
      var a = { a: e[1], t: aTime(e[2]), seq: aSeq(e[3], s) };
      if (e[4] !== null) a.score = e[4];
      s.answers.set(q, a);
    });
    list(v.ticks, 3, n).forEach(function (e) {
      if (typeof e[0] !== 'string' || !validTicks.has(e[0])) bad('tick');
      s.ticks.set(once(s.ticks, e[0]), { t: aTime(e[1]), seq: aSeq(e[2], s) });
    });
    [['called', 'data-called'], ['reached', 'data-reached']].forEach(function (f) {
      list(v[f[0]], 3, n).forEach(function (e) {
        var node = once(s[f[0]], aNode(e[0]));
        if (!document.querySelector('input' + attrIs(f[1], node))) bad(f[0]);
        s[f[0]].set(node, { t: aTime(e[1]), seq: aSeq(e[2], s) });
      });
    });
    list(v.changes, 7, n).forEach(function (e) {
      if (e[0] === 'restart') {
        if (e[1] !== null || e[2] !== null || e[3] !== null || e[4] !== null) bad('restart');
      } else if (e[0] === 'changed') {
        aNode(e[1]); anAnswer(e[1], e[2], null); anAnswer(e[1], e[4], null); aTime(e[3]);
      } else bad('change');
      s.changes.push({ kind: e[0], q: e[1], from: e[2], fromT: e[3], to: e[4], t: aTime(e[5]),
                       seq: aSeq(e[6], s) });
    });
    list(v.takenBack, 6, n).forEach(function (e) {
      var q = once(s.takenBack, aNode(e[0]));
      anAnswer(q, e[1], e[3]);
      var b = { a: e[1], given: aTime(e[2]), t: aTime(e[4]), seq: aSeq(e[5], s) };
      if (e[3] !== null) b.score = e[3];
      s.takenBack.set(q, b);
    });
    list(v.walks, 3, 64).forEach(function (w, i) {
      var walk = { started: aTime(w[0]), from: aNode(w[1]), moves: [] };
      if (i === 0 ? walk.from !== START : walk.from !== thenOf(walkEnd(s.walks[i - 1]))) bad('from');
      list(w[2], 5, n * 4).forEach(function (m) {
        var move = { node: aNode(m[0]), move: m[1], to: m[3], t: aTime(m[4]) };
        if (m[2] !== null) move.value = m[2];
        if (move.node !== walkEnd(walk)) bad('move at');
        if (leadsTo(move, walk) !== move.to) bad('move');
        walk.moves.push(move);
      });
      s.walks.push(walk);
    });
    return s;
  }

  /* The node a walk has reached. */
  function walkEnd(w) { return w.moves.length ? w.moves[w.moves.length - 1].to : w.from; }

  /* ---- walks, made by the pathway runtime ---- */

  function seconds(t) { return Math.floor(Date.parse(t) / 1000); }
  /* The runtime's flags for a criteria move's ticks ("q:2.1", each once,
   * each of question q); throws when they are not. */
  function ticksOf(q, value) {
    var ids = TABLE.findNode(q).criteria_ids;
    if (!isArray(value) || value.length > ids.length) bad('ticks');
    var flags = ids.map(function () { return false; });
    value.forEach(function (t) {
      var k = ids.map(function (id) { return q + ':' + id; }).indexOf(t);
      if (k < 0 || flags[k]) bad('tick');
      flags[k] = true;
    });
    return flags;
  }
  /* Move m (made at m.t) on the runtime's walk rt; throws when rt does
   * not take it. */
  function make(rt, m) {
    var t = seconds(m.t);
    if (m.move === 'next') rt.next(t);
    else if (m.move === 'answer') rt.answer(m.value, t);
    else if (m.move === 'score') rt.score(m.value, t);
    else if (m.move === 'done') rt.done(m.value, t);
    else if (m.move === 'criteria') rt.criteria(ticksOf(m.node, m.value), t);
    else bad('move');
  }
  /* Walk w as the runtime makes it: started at its start, each of its
   * moves made; throws when the runtime does not take one. */
  function runtimeWalk(w) {
    var rt = RT.startWalk(TABLE, { nodeId: w.from, clock: function () { return seconds(w.started); } });
    w.moves.forEach(function (m) { make(rt, m); });
    return rt;
  }
  /* Where move m, made at the end of walk w, leads, or undefined when the
   * runtime does not take it: the walk's moves are checked, never trusted. */
  function leadsTo(m, w) {
    try {
      var rt = runtimeWalk(w);
      if (rt.current.id !== m.node) return undefined;
      make(rt, m);
      return rt.current.id;
    } catch (e) {
      if (e instanceof RT.PathwayError || e.refused) return undefined;
      throw e;
    }
  }

  var notice = byId('notice');
  function showNotice(text, withMoves) {
    byId('notice-text').textContent = text;
    byId('notice-moves').hidden = !withMoves;
    notice.hidden = false;
  }

  function hasAnything(s) {
    return s.status.size || s.answers.size || s.ticks.size || s.called.size ||
      s.reached.size || s.changes.length || s.takenBack.size || s.walks.length;
  }

  /* The tab's own progress first (a reload), then what was kept on the
   * device. Anything unreadable is removed, and the page says so. */
  function load() {
    var found = null;
    var thrownAway = false;
    ['session', 'local'].forEach(function (kind) {
      var s = store(kind);
      var text = null;
      try { text = s && s.getItem(KEY); } catch (e) { text = null; }
      if (text === null || found) return;
      try {
        var restored = decode(text);
        restored.keep = kind === 'local';
        found = restored;
      } catch (e) {
        thrownAway = true;
        try { s.removeItem(KEY); } catch (e2) { /* nothing more to do */ }
      }
    });
    st = found || fresh();
    st.status.forEach(function (v, node) { if (v.s === 'not-done') whyLost.add(node); });
    if (thrownAway) {
      showNotice('Progress saved earlier in this browser could not be used, so it was removed: ' +
                 'it was not written by this page, or was changed since. Nothing from it ' +
                 'is shown or recorded.', false);
    } else if (found && hasAnything(found)) {
      showNotice('You have a walk in progress from ' + clock(firstTime(found)) +
                 (found.keep ? ', kept on this device.' : '.') +
                 ' Continue it, or start again.', true);
    }
  }
  function firstTime(s) {
    var times = [];
    ['status', 'answers', 'ticks', 'called', 'reached'].forEach(function (f) {
      s[f].forEach(function (v) { times.push(v.t); });
    });
    s.walks.forEach(function (w) { times.push(w.started); });
    times.sort();
    return times[0] || now();
  }

  /* ---- what the page shows, from the state ---- */

  /* Every control of the page (the checklist's and the guide's copy) from
   * the state: the two never disagree. */
  function paint() {
    all(document, 'input[data-status]').forEach(function (r) {
      var v = st.status.get(r.dataset.status);
      r.checked = !!v && v.s === r.value;
    });
    all(document, '[data-why]').forEach(function (box) {
      var node = box.dataset.why;
      var v = st.status.get(node);
      box.hidden = !v || v.s !== 'not-done';
      var area = box.querySelector('textarea');
      if (area !== document.activeElement) area.value = whyText.get(node) || '';
    });
    all(document, 'input[data-tick]').forEach(function (b) { b.checked = st.ticks.has(b.dataset.tick); });
    all(document, 'input[data-called]').forEach(function (b) { b.checked = st.called.has(b.dataset.called); });
    all(document, 'input[data-reached]').forEach(function (b) { b.checked = st.reached.has(b.dataset.reached); });
    all(document, 'fieldset.answers input[type=radio]').forEach(function (r) {
      var q = r.closest('[data-node]').dataset.node;
      var a = st.answers.get(q);
      r.checked = !!a && a.a === r.value;
    });
    all(document, 'input[data-score]').forEach(function (input) {
      if (input === document.activeElement || input.closest('#guide')) return;
      var a = st.answers.get(input.dataset.score);
      input.value = a && a.score !== undefined ? String(a.score) : '';
    });
    all(document, 'textarea[data-note]').forEach(function (area) {
      if (area !== document.activeElement) area.value = notes.get(area.dataset.note) || '';
    });
    byId('keep').checked = st.keep;
    if (guideOpen()) guideUpdate();
    updateRecord();
  }

  function changed() { save(); paint(); }

  /* A labelled control: div.field (and cls) holding its label and it. */
  function labelled(cls, control, id, text) {
    var div = document.createElement('div');
    div.className = cls;
    var label = document.createElement('label');
    label.htmlFor = control.id = id;
    label.textContent = text;
    div.appendChild(label);
    div.appendChild(control);
    return div;
  }
  function textarea(rows, data, node) {
    var area = document.createElement('textarea');
    area.rows = rows;
    area.dataset[data] = node;
    return area;
  }
  /* A score box for question q: "Score (a whole number from 0 to 27)". */
  function scoreField(q, id) {
    var input = document.createElement('input');
    input.type = 'text';
    input.className = 'score-input';
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
    var range = scoreRange(q);
    return labelled('field', input, id, 'Score (a whole number from ' + range[0] + ' to ' + range[1] + ')');
  }
  function scoreError(q) {
    var range = scoreRange(q);
    return 'Enter a whole-number score from ' + range[0] + ' to ' + range[1] + '.';
  }

  /* A reason box under each step's status: shown when Not done is chosen. */
  all(document, 'fieldset.status').forEach(function (fs) {
    var node = fs.querySelector('input[data-status]').dataset.status;
    var box = labelled('why', textarea(2, 'whyText', node), 'why-' + fs.id, 'Why was it not done?');
    box.dataset.why = node;
    box.hidden = true;
    fs.appendChild(box);
  });

  /* A scored question takes its score in the checklist too (the band it
   * falls in is then the answer), so the record can give the score. */
  all(document, 'article.item[data-kind=question]').forEach(function (a) {
    var q = a.dataset.node;
    if (!isScored(q)) return;
    var field = scoreField(q, 'score-' + key(q));
    field.classList.add('checklist-score');
    var input = field.querySelector('input');
    input.dataset.score = q;
    var error = document.createElement('p');
    error.className = 'error-message';
    error.id = input.id + '-error';
    error.textContent = scoreError(q);
    error.hidden = true;
    input.before(error);
    a.querySelector('fieldset.answers').before(field);
  });
  /* The band of a score typed in input, and the score, or null. */
  function scoreTyped(input, q) {
    var text = input.value.trim();
    var score = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    var band = isNaN(score) ? null : bandFor(q, score);
    return band ? { score: score, band: band } : null;
  }

  /* ---- recording ---- */

  /* A tick made (with its time and place in the record) or taken off. */
  function mark(map, k, on) {
    if (on) map.set(k, { t: now(), seq: nextSeq() });
    else map.delete(k);
  }

  function setStatus(node, value) {
    st.status.set(node, { s: value, t: now(), seq: nextSeq() });
    whyLost.delete(node);
  }

  /* An answer given: a change of an earlier one (still standing, or
   * taken back by Back) is recorded as such, from what, to what. */
  function setAnswer(q, value, score) {
    var before = st.answers.get(q);
    if (before && before.a === value && before.score === score) return;
    var back = st.takenBack.get(q);
    var from = before ? { a: before.a, t: before.t } : back ? { a: back.a, t: back.given } : null;
    if (from && from.a !== value) {
      st.changes.push({ kind: 'changed', q: q, from: from.a, fromT: from.t, to: value, t: now(),
                        seq: nextSeq() });
    }
    st.takenBack.delete(q);
    var a = { a: value, t: now(), seq: nextSeq() };
    if (score !== undefined) a.score = score;
    st.answers.set(q, a);
  }

  /* What was recorded at node, removed: the route through it was
   * abandoned (Back, Start again, or an earlier answer changed). A 999
   * call is never removed: it was made. An answer is kept as taken back,
   * so the record still says it was given. */
  function forget(node) {
    st.status.delete(node);
    whyText.delete(node);
    whyLost.delete(node);
    st.reached.delete(node);
    var a = st.answers.get(node);
    if (a) {
      var back = { a: a.a, given: a.t, t: now(), seq: nextSeq() };
      if (a.score !== undefined) back.score = a.score;
      st.takenBack.set(node, back);
      st.answers.delete(node);
    }
    if (kindOf(node) === 'question' && criteriaList(node))
      criteriaTicks(node).forEach(function (t) { st.ticks.delete(t); });
    if (kindOf(node) === 'together') innerSteps(node).forEach(forget);
  }

  /* ---- the walk (Guide me) ---- */

  function walk() { return st.walks[st.walks.length - 1]; }
  function current() { return st.walks.length ? walkEnd(walk()) : START; }
  /* The nodes walks arrived at, in order: each walk's start, then where
   * its moves led (a together's "done" stays where it is), from move
   * `from` of the first walk on. */
  function arrivals(walks, from) {
    var out = [];
    walks.forEach(function (w, i) {
      if (i > 0 || !from) out.push(w.from);
      w.moves.slice(i ? 0 : from || 0).forEach(function (m) { if (m.to !== m.node) out.push(m.to); });
    });
    return out;
  }
  function visited() { return arrivals(st.walks, 0); }

  function move(m) {
    m.t = now();
    m.to = leadsTo(m, walk());
    walk().moves.push(m);
    arrive();
  }
  /* Arriving at an outcome that ends the pathway records it. */
  function arrive() {
    var node = current();
    if (isEnd(node) && !isEmergency(node) && !st.reached.has(node)) mark(st.reached, node, true);
  }

  /* Back: to the node before this one; what was recorded here goes. */
  function goBack() {
    var w = walk();
    if (!w.moves.length) {
      if (st.walks.length < 2) return;
      forget(w.from);
      st.walks.pop();
      return;
    }
    forget(current());
    var at = w.moves[w.moves.length - 1].node;
    while (w.moves.length && w.moves[w.moves.length - 1].node === at) w.moves.pop();
  }

  /* Start again: every node of the route but the first is forgotten. */
  function startAgain() {
    var route = visited();
    route.slice(1).forEach(forget);
    if (route.length > 1) st.changes.push({ kind: 'restart', q: null, from: null, fromT: null, to: null,
                                            t: now(), seq: nextSeq() });
    st.walks = [{ started: now(), from: START, moves: [] }];
  }

  /* After a change made in the checklist (an answer, a criterion): a
   * walk that went through that question another way is cut back to it,
   * and what it recorded after it forgotten. */
  function keepWalkTrue() {
    for (var i = 0; i < st.walks.length; i++) {
      var w = st.walks[i];
      for (var j = 0; j < w.moves.length; j++) {
        var m = w.moves[j];
        if (kindOf(m.node) !== 'question') continue;
        var a = st.answers.get(m.node);
        var same;
        if (m.move === 'criteria') {
          var ticked = new Set(tickedOf(m.node));
          same = m.value.length === ticked.size && m.value.every(function (t) { return ticked.has(t); });
        } else {
          same = !!a && (m.move === 'score' ? a.score === m.value : a.a === m.value);
        }
        if (same) continue;
        var abandoned = arrivals(st.walks.slice(i), j);
        w.moves.length = j;
        st.walks.length = i + 1;
        abandoned.forEach(function (node) { if (node !== m.node) forget(node); });
        say('Your answer to ' + heading(m.node) + ' changed the route: what was recorded after it was removed.');
        return;
      }
    }
  }

  /* ---- Guide me ---- */

  var title = byId('guide-title');
  var guideBody = byId('guide-body');
  var moves = byId('guide-moves');
  var back = byId('guide-back');
  var recordPanel = byId('record');

  function button(text, id, onClick, primary) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (id) b.id = id;
    if (primary) b.className = 'primary';
    b.addEventListener('click', onClick);
    return b;
  }

  /* Every id, name and reference to an id inside el, prefixed: a copy's
   * controls are the original's (data-*), under other ids and names. */
  function prefixIds(el, prefix) {
    el.querySelectorAll('[id]').forEach(function (e) { e.id = prefix + e.id; });
    el.querySelectorAll('[name]').forEach(function (e) { e.name = prefix + e.name; });
    el.querySelectorAll('label[for]').forEach(function (e) { e.htmlFor = prefix + e.htmlFor; });
    ['aria-labelledby', 'aria-describedby'].forEach(function (name) {
      el.querySelectorAll('[' + name + ']').forEach(function (e) {
        e.setAttribute(name, e.getAttribute(name).split(' ').map(function (id) {
          return prefix + id;
        }).join(' '));
      });
    });
  }

  /* The node's article without what the guide says itself; the copy's
   * controls are the checklist's (same data-*, other ids and names). */
  function copyOf(article) {
    var copy = article.cloneNode(true);
    copy.querySelectorAll('h3, .next, .end, .checklist-score').forEach(function (e) { e.remove(); });
    if (article.dataset.kind === 'question') {
      copy.querySelectorAll('fieldset.answers a, fieldset.answers [aria-hidden]').forEach(function (e) {
        e.remove();
      });
    }
    prefixIds(copy, 'guide-copy-');
    copy.removeAttribute('id');
    copy.removeAttribute('aria-labelledby');
    copy.className = 'guide-item';
    return copy;
  }

  /* An "Also consider" of the node opens that item inside the guide
   * (a button that shows and hides it), so the guide keeps its place. */
  function alsoHere(copy) {
    all(copy, 'p.also a[href^="#item-"]').forEach(function (a) {
      var node = decodeURIComponent(a.getAttribute('href').slice(6));
      if (!items.has(node)) return;
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'also-open';
      b.textContent = a.textContent;
      b.setAttribute('aria-expanded', 'false');
      var shown = null;
      b.addEventListener('click', function () {
        if (shown) {
          shown.remove();
          shown = null;
        } else {
          shown = document.createElement('div');
          shown.className = 'also-here';
          var h = document.createElement('h4');
          h.textContent = heading(node);
          shown.appendChild(h);
          var inner = copyOf(item(node));
          prefixIds(inner, 'also-');
          shown.appendChild(inner);
          b.closest('p').after(shown);
          paint();
        }
        b.setAttribute('aria-expanded', shown ? 'true' : 'false');
      });
      a.replaceWith(b);
    });
  }

  /* ---- errors, GOV.UK style: a summary at the top, a message beside ---- */

  function clearErrors() {
    byId('guide-errors').hidden = true;
    byId('guide-errors-list').replaceChildren();
    all(guide, '.error-message').forEach(function (e) { e.remove(); });
    all(guide, '.has-error').forEach(function (e) {
      e.classList.remove('has-error');
      var ids = (e.getAttribute('aria-describedby') || '').split(' ').filter(function (id) {
        return id && id.indexOf('guide-error-') !== 0;
      });
      if (ids.length) e.setAttribute('aria-describedby', ids.join(' '));
      else e.removeAttribute('aria-describedby');
    });
  }
  /* errors: [{at: the element (fieldset or field), focus: the control, text}] */
  function showErrors(errors) {
    clearErrors();
    var ul = byId('guide-errors-list');
    errors.forEach(function (err, i) {
      var id = 'guide-error-' + (i + 1);
      var p = document.createElement('p');
      p.className = 'error-message';
      p.id = id;
      p.textContent = err.text;
      var legend = err.at.querySelector(':scope > legend');
      if (legend) legend.after(p); else err.at.insertBefore(p, err.at.firstChild);
      err.at.classList.add('has-error');
      var described = err.at.getAttribute('aria-describedby');
      err.at.setAttribute('aria-describedby', (described ? described + ' ' : '') + id);
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + err.focus.id;
      a.textContent = err.text;
      a.addEventListener('click', function (e) { e.preventDefault(); err.focus.focus(); });
      li.appendChild(a);
      ul.appendChild(li);
    });
    byId('guide-errors').hidden = false;
    byId('guide-errors').focus();
  }

  /* What is missing before a step (or a together's steps) can be left:
   * its status, and a reason when it was not done. */
  function stepErrors(copy, node) {
    var fs = copy.querySelector('input' + attrIs('data-status', node)).closest('fieldset');
    var v = st.status.get(node);
    var n = heading(node).split('.')[0];
    if (!v) {
      return [{ at: fs, focus: fs.querySelector('input'),
                text: (fs.querySelector('input[value=not-applicable]') ? 'Choose Done, Not done or Does not apply' :
                       'Choose Done or Not done') + ' for step ' + n + '.' }];
    }
    if (v.s === 'not-done' && !(whyText.get(node) || '').trim()) {
      var box = copy.querySelector('[data-why]' + attrIs('data-why', node));
      box.hidden = false;
      return [{ at: box, focus: box.querySelector('textarea'),
                text: 'Say why step ' + n + ' was not done.' }];
    }
    return [];
  }

  function noteField(node) {
    return labelled('field note', textarea(2, 'note', node), 'guide-note',
                    'Note on this (optional, never stored)');
  }

  /* The guide's parts that follow the state (redone on every change). */
  var guideUpdate = function () {};

  function stepMoves(node, copy) {
    moves.appendChild(button('Next', 'guide-next', function () {
      var errors = stepErrors(copy, node);
      if (errors.length) return showErrors(errors);
      move({ node: node, move: 'next' });
      changedAndShow();
    }, true));
  }

  /* A together: each of its steps has its own status, in any order; Next
   * once every one has one (the walk saves each as done with libpathway's
   * "done" move, in the order they were given; the record says which). */
  function togetherMoves(node, copy) {
    var steps = innerSteps(node);
    var line = document.createElement('p');
    line.id = 'guide-together';
    line.setAttribute('aria-live', 'polite');
    moves.appendChild(line);
    moves.appendChild(button('Next', 'guide-next', function () {
      var errors = [];
      steps.forEach(function (s) { errors = errors.concat(stepErrors(copy, s)); });
      if (errors.length) return showErrors(errors);
      steps.slice().sort(function (a, b) {
        return st.status.get(a).seq - st.status.get(b).seq;
      }).forEach(function (s) { move({ node: node, move: 'done', value: s }); });
      move({ node: node, move: 'next' });
      changedAndShow();
    }, true));
    guideUpdate = function () {
      var done = steps.filter(function (s) { return st.status.has(s); }).length;
      line.textContent = done < steps.length ?
        done + ' of ' + steps.length + ' steps marked: mark each as you go, in any order.' :
        'All ' + steps.length + ' steps marked.';
    };
  }

  function questionMoves(node, copy) {
    var fs = copy.querySelector('fieldset.answers');
    if (isScored(node)) return scoreMoves(node, copy, fs);
    var list = criteriaList(node);
    var line = null;
    if (list) {
      line = document.createElement('p');
      line.id = 'guide-criteria';
      line.setAttribute('aria-live', 'polite');
      fs.before(line);
      guideUpdate = function () {
        var given = givenByTicks(node, new Set(tickedOf(node)));
        all(fs, 'input[type=radio]').forEach(function (r) {
          r.disabled = r.value !== given;
          r.checked = r.value === given;
        });
        var radio = answerRadio(node, given);
        line.textContent = 'Tick each that applies. Your ticks give: ' +
          (radio ? labelOf(radio) : given) + '.';
      };
    }
    moves.appendChild(button('Next', 'guide-next', function () {
      if (list) {
        var ticked = tickedOf(node);
        var given = givenByTicks(node, new Set(ticked));
        if (!st.answers.get(node) || st.answers.get(node).a !== given) setAnswer(node, given);
        move({ node: node, move: 'criteria', value: ticked });
      } else {
        var a = st.answers.get(node);
        if (!a) {
          return showErrors([{ at: fs, focus: fs.querySelector('input'),
                               text: 'Choose an answer to ' + heading(node) }]);
        }
        move({ node: node, move: 'answer', value: a.a });
      }
      changedAndShow();
    }, true));
  }

  /* A scored question: the bands with their labels, then the score. */
  function scoreMoves(node, copy, fs) {
    fs.hidden = true;
    var bands = document.createElement('ul');
    bands.id = 'guide-bands';
    answerRadios(node).forEach(function (radio) {
      var li = document.createElement('li');
      li.textContent = labelOf(radio);
      bands.appendChild(li);
    });
    guideBody.appendChild(bands);
    var field = scoreField(node, 'guide-score');
    var input = field.querySelector('input');
    var a = st.answers.get(node);
    if (a && a.score !== undefined) input.value = String(a.score);
    guideBody.appendChild(field);
    moves.appendChild(button('Next', 'guide-next', function () {
      var scored = scoreTyped(input, node);
      if (!scored) return showErrors([{ at: field, focus: input, text: scoreError(node) }]);
      setAnswer(node, scored.band.value, scored.score);
      move({ node: node, move: 'score', value: scored.score });
      changedAndShow();
      say('Score ' + scored.score + ': ' + bandWords(scored.band) + '.');
    }, true));
  }
  /* "High risk (14 to 27)", or "14 to 27" when the band has no label. */
  function bandWords(radio) {
    var range = radio.value.replace('-', ' to ');
    return radio.dataset.band ? radio.dataset.band + ' (' + range + ')' : range;
  }

  /* "Outcome: referral", the item's badge. */
  function outcomeWords(node) {
    var badge = item(node).querySelector('.badge.outcome');
    return badge ? badge.textContent : 'Outcome';
  }
  /* "referral" */
  function outcomeOf(node) { return outcomeWords(node).replace(/^Outcome: ?/, '') || 'outcome'; }

  /* An emergency outcome: the call is ticked, then the walk goes on (its
   * next, or a new walk from its then). Another outcome ends the walk and
   * shows the record there. */
  function outcomeMoves(node, copy) {
    var end = document.createElement('p');
    end.id = 'guide-outcome';
    end.dataset.outcome = node;
    var then = nextOf(node) || thenOf(node);
    if (!then) {
      end.textContent = 'The pathway ends here. ' + outcomeWords(node) + '.';
      moves.appendChild(end);
      showRecord(moves);
      return;
    }
    /* where to go once 999 is called, in the item's own words (html.c) */
    var said = item(node).querySelector(':scope > p.next');
    end.textContent = outcomeWords(node) + '. ' + (said ? said.textContent : heading(then)) + '.';
    moves.appendChild(end);
    moves.appendChild(button('Next', 'guide-next', function () {
      if (!st.called.has(node)) {
        var box = copy.querySelector('input[data-called]');
        return showErrors([{ at: box.closest('.choice'), focus: box,
                             text: 'Tick “999 has been called” once the call is made.' }]);
      }
      if (nextOf(node)) move({ node: node, move: 'next' });
      else {
        st.walks.push({ started: now(), from: then, moves: [] });
        arrive();
      }
      changedAndShow();
    }, true));
  }

  /* "Step 4 of about 9": where the walk is, and the most moves that may
   * be left before an outcome that ends it (the longest route on; a node
   * met again on the way counts once). */
  function stepsLeft(from) {
    var memo = new Map();
    var onPath = new Set();
    function longest(node) {
      if (memo.has(node)) return memo.get(node);
      if (isEnd(node) || onPath.has(node) || !items.has(node)) return 0;
      onPath.add(node);
      var to = [nextOf(node), thenOf(node)];
      if (kindOf(node) === 'question') {
        to = to.concat(answerRadios(node).map(function (r) { return r.dataset.target; }));
      }
      var best = 0;
      to.forEach(function (n) { if (n) best = Math.max(best, 1 + longest(n)); });
      onPath.delete(node);
      memo.set(node, best);
      return best;
    }
    return longest(from);
  }
  function progress() {
    var at = visited().length;
    var total = at + stepsLeft(current());
    byId('guide-progress').textContent = isEnd(current()) ? 'Step ' + at + ' of ' + at + ': the end' :
      'Step ' + at + ' of about ' + total;
  }

  function show() {
    var node = current();
    var article = item(node);
    clearErrors();
    byId('guide-status').textContent = '';
    guideUpdate = function () {};
    if (recordPanel.parentNode === moves) hideRecord();
    title.textContent = heading(node);
    var copy = copyOf(article);
    guideBody.replaceChildren(copy);
    moves.replaceChildren();
    var kind = article.dataset.kind;
    if (kind === 'step') stepMoves(node, copy);
    else if (kind === 'together') togetherMoves(node, copy);
    else if (kind === 'question') questionMoves(node, copy);
    else outcomeMoves(node, copy);
    guideBody.appendChild(noteField(node));
    alsoHere(copy);
    back.disabled = !(walk().moves.length || st.walks.length > 1);
    progress();
    paint();
    title.focus();
  }
  function changedAndShow() { save(); show(); }

  function openGuide() {
    if (!st.walks.length) { st.walks = [{ started: now(), from: START, moves: [] }]; save(); }
    notice.hidden = true;
    guide.hidden = false;
    primary();
    show();
  }
  /* One primary button on the screen: Guide me, but while the guide (its
   * Next) or the notice of progress restored (its Continue) is shown. */
  function primary() {
    byId('guide-start').classList.toggle('primary', guide.hidden &&
                                         (notice.hidden || byId('notice-moves').hidden));
  }

  back.addEventListener('click', function () { goBack(); changedAndShow(); });
  byId('guide-restart').addEventListener('click', function () { startAgain(); changedAndShow(); });
  byId('guide-close').addEventListener('click', function () {
    guide.hidden = true;
    primary();
    if (recordPanel.parentNode === moves) hideRecord();
    byId('guide-start').focus();
  });
  byId('guide-start').addEventListener('click', openGuide);

  /* ---- what the person does in the page ---- */

  document.addEventListener('change', function (event) {
    var t = event.target;
    var d = t.dataset || {};
    if (d.status && t.checked) {
      setStatus(d.status, t.value);
    } else if (d.tick) {
      mark(st.ticks, d.tick, t.checked);
      var q = d.tick.split(':')[0];
      if (!guideOpen() || current() !== q) {
        if (st.answers.has(q)) setAnswer(q, givenByTicks(q, new Set(tickedOf(q))));
      }
      keepWalkTrue();
    } else if (d.called) {
      mark(st.called, d.called, t.checked);
    } else if (d.reached) {
      mark(st.reached, d.reached, t.checked);
    } else if (t.type === 'radio' && t.closest('fieldset.answers') && t.checked) {
      setAnswer(t.closest('[data-node]').dataset.node, t.value);
      keepWalkTrue();
    } else if (d.score && !t.closest('#guide')) {
      var scored = scoreTyped(t, d.score);
      var error = byId(t.id + '-error');
      if (scored) setAnswer(d.score, scored.band.value, scored.score);
      if (error) {
        error.hidden = !!scored || t.value.trim() === '';
        if (error.hidden) t.removeAttribute('aria-describedby');
        else t.setAttribute('aria-describedby', error.id);
      }
      if (!scored) return;
      keepWalkTrue();
    } else if (t.id === 'keep') {
      st.keep = t.checked;
      say(t.checked ? 'Your progress will be kept on this device until you clear it.' :
                      'Your progress will be forgotten when this tab is closed.');
    } else return;
    changed();
  });
  document.addEventListener('input', function (event) {
    var t = event.target;
    if (t.dataset && t.dataset.whyText !== undefined) whyText.set(t.dataset.whyText, t.value);
    else if (t.dataset && t.dataset.note !== undefined) notes.set(t.dataset.note, t.value);
    else if (!recordPanel.contains(t)) return;
    if (t.closest('.has-error') && t.value.trim()) clearErrors();
    paint(); /* the other copy of a reason or note, and the record */
  });

  /* ---- the record ---- */

  function two(n) { return (n < 10 ? '0' : '') + n; }
  function clock(iso) { var d = new Date(iso); return two(d.getHours()) + ':' + two(d.getMinutes()); }
  function stamp(iso) {
    var d = new Date(iso);
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + clock(iso);
  }
  function answerWords(q, value, score) {
    var radio = answerRadio(q, value);
    if (score !== undefined) return score + ' (' + (radio.dataset.band || value.replace('-', ' to ')) + ')';
    return labelOf(radio);
  }
  function whyOf(node) {
    var why = (whyText.get(node) || '').trim();
    if (why) return why;
    return whyLost.has(node) ? 'not kept (reasons are never stored, and the page was reloaded)' :
      'not given';
  }

  /* The entries of the record, in the order they were made. */
  function entries() {
    var out = [];
    function add(seq, t, what, node, text, extra) {
      var e = { seq: seq, time: t, what: what, node: node, text: text };
      Object.keys(extra || {}).forEach(function (k) { e[k] = extra[k]; });
      out.push(e);
    }
    st.status.forEach(function (v, node) {
      if (v.s === 'done') add(v.seq, v.t, 'done', node, 'Done: ' + heading(node));
      else if (v.s === 'not-done') {
        add(v.seq, v.t, 'not-done', node, 'Not done: ' + heading(node) + '. Why: ' + whyOf(node),
            { why: whyOf(node) });
      } else {
        add(v.seq, v.t, 'not-applicable', node, 'Does not apply: ' + heading(node));
      }
    });
    st.answers.forEach(function (a, q) {
      var extra = { answer: a.a };
      if (a.score !== undefined) extra.score = a.score;
      add(a.seq, a.t, 'answered', q, 'Answered: ' + heading(q) + ' — ' + answerWords(q, a.a, a.score), extra);
    });
    st.ticks.forEach(function (v, tick) {
      var q = tick.split(':')[0];
      var box = item(q).querySelector('input' + attrIs('data-tick', tick));
      add(v.seq, v.t, 'applies', q, 'Applies: ' + heading(q) + ' — ' + labelOf(box),
          { criterion: tick.slice(q.length + 1) });
    });
    st.called.forEach(function (v, node) {
      add(v.seq, v.t, 'called-999', node, '999 called at ' + clock(v.t) + ': ' + heading(node));
    });
    st.reached.forEach(function (v, node) {
      add(v.seq, v.t, 'outcome', node, 'Outcome reached: ' + heading(node) + ' (' + outcomeOf(node) + ')');
    });
    st.changes.forEach(function (c) {
      if (c.kind === 'restart') {
        add(c.seq, c.t, 'started-again', null,
            'Started again from the first question: what the earlier route recorded was removed.');
      } else {
        add(c.seq, c.t, 'changed', c.q, 'Changed: ' + heading(c.q) + ' — answer ' +
            answerWords(c.q, c.from) + ' (given at ' + clock(c.fromT) + ') changed to ' +
            answerWords(c.q, c.to), { from: c.from, to: c.to });
      }
    });
    st.takenBack.forEach(function (b, q) {
      add(b.seq, b.t, 'taken-back', q, 'Taken back: ' + heading(q) + ' — answer ' +
          answerWords(q, b.a, b.score) + ' (given at ' + clock(b.given) +
          '), and not given again', { answer: b.a });
    });
    out.sort(function (a, b) { return a.seq - b.seq; });
    out.forEach(function (e) {
      var note = e.node && (notes.get(e.node) || '').trim();
      if (note && e.what !== 'changed' && e.what !== 'taken-back' && e.what !== 'applies') e.note = note;
    });
    return out;
  }

  /* The outcome the walk ended at, or the last one ticked as reached. */
  function outcomeReached() {
    var best = null;
    st.reached.forEach(function (v, node) { if (!best || v.seq > best.seq) best = { node: node, seq: v.seq }; });
    return best && best.node;
  }
  function typed(id) { return byId(id).value.trim(); }

  function recordText(made) {
    var who = [typed('rec-name'), typed('rec-role')].filter(Boolean).join(', ');
    var outcome = outcomeReached();
    var lines = ['Record: ' + document.querySelector('h1').textContent,
      'Pathway: ' + PATHWAY + (body.dataset.version ? ', version ' + body.dataset.version : ''),
      'Content hash: ' + HASH,
      'Record made: ' + stamp(made),
      'Recorded by: ' + (who || 'not given'),
      'Reference: ' + (typed('rec-ref') || 'not given'),
      'Outcome: ' + (outcome ? heading(outcome) + ' (' + outcomeOf(outcome) + ')' : 'not reached yet'),
      ''];
    var list = entries();
    if (!list.length) lines.push('Nothing has been done, decided or ticked yet.');
    list.forEach(function (e) {
      lines.push(stamp(e.time) + '  ' + e.text);
      if (e.note) lines.push('                  Note: ' + e.note.replace(/\s*\n\s*/g, ' / '));
    });
    if (typed('rec-notes')) lines.push('', 'Notes:', typed('rec-notes'));
    return lines.join('\n') + '\n';
  }

  /* The walks in libpathway's saved-walk format (docs/runtime.md), one
   * for each start, as the runtime saves them: the guide starts again
   * after a 999 call that has no next of its own, and libpathway's walk
   * ends at such an outcome. */
  function savedWalks() {
    return st.walks.map(function (w) { return JSON.parse(runtimeWalk(w).save()); });
  }

  function recordJson(made) {
    var outcome = outcomeReached();
    var v = {
      format: 'pathway-record', format_version: 1,
      pathway: PATHWAY, version: body.dataset.version || null,
      title: document.querySelector('h1').textContent, content_hash: HASH, made: made,
      recorded_by: { name: typed('rec-name') || null, role: typed('rec-role') || null },
      reference: typed('rec-ref') || null,
      outcome: outcome ? { node: outcome, title: heading(outcome), outcome: outcomeOf(outcome) } : null,
      entries: entries().map(function (e) {
        var out = { time: e.time, what: e.what, node: e.node, text: e.text };
        ['why', 'answer', 'score', 'criterion', 'from', 'to', 'note'].forEach(function (k) {
          if (e[k] !== undefined) out[k] = e[k];
        });
        return out;
      }),
      notes: typed('rec-notes') || null,
      walks: savedWalks()
    };
    return JSON.stringify(v, null, 2) + '\n';
  }

  function updateRecord() {
    if (recordPanel.hidden) return;
    byId('record-text').value = recordText(now());
  }
  function showRecord(after) {
    if (after === moves) moves.appendChild(recordPanel);
    else byId('tools').after(recordPanel);
    recordPanel.hidden = false;
    updateRecord();
  }
  function hideRecord() {
    recordPanel.hidden = true;
    byId('tools').after(recordPanel);
  }
  function recordSay(text) { byId('record-status').textContent = text; }

  byId('show-record').addEventListener('click', function () {
    showRecord(null);
    byId('record-h').tabIndex = -1;
    byId('record-h').focus();
  });
  byId('record-copy').addEventListener('click', function () {
    var text = recordText(now());
    var area = byId('record-text');
    area.value = text;
    var copied = navigator.clipboard && window.isSecureContext ?
      navigator.clipboard.writeText(text) : Promise.reject(new Error('no clipboard'));
    copied.then(function () {
      recordSay('The record is on the clipboard.');
    }, function () {
      area.focus();
      area.select();
      recordSay('The browser did not allow copying: the record is selected, copy it yourself.');
    });
  });
  function fileStamp(iso) { return stamp(iso).replace(/[-:]/g, '').replace(' ', '-'); }
  function download(text, type, ext) {
    var made = now();
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text(made)], { type: type }));
    a.download = PATHWAY + '-record-' + fileStamp(made) + '.' + ext;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    recordSay('Downloaded ' + a.download + '.');
  }
  byId('record-download').addEventListener('click', function () {
    download(recordText, 'text/plain;charset=utf-8', 'txt');
  });
  byId('record-download-json').addEventListener('click', function () {
    download(recordJson, 'application/json', 'json');
  });
  byId('record-print').addEventListener('click', function () {
    byId('record-print-text').textContent = recordText(now());
    body.classList.add('print-record');
    window.print();
  });
  window.addEventListener('afterprint', function () { body.classList.remove('print-record'); });

  /* ---- the diagram ---- */

  /* The inline drawing (html.c, diagram()). A box links to its step
   * (#item-ID) and a connector to the box it stands for (#diagram-node-ID):
   * the browser goes there, without this script too; the script makes
   * what it goes to focusable (tabindex -1) and gives it the focus, so the
   * keyboard and a screen reader go on from there (the browser, after
   * this handler, moves the focus to a focusable target itself, and
   * clears it for any other). A tap or click anywhere else on the
   * drawing, or Enter on its box (div.diagram-scroll) when that has the
   * focus, opens it full size as the link above it does: in a new tab,
   * so what was typed in this one stays. */
  var drawing = document.querySelector('#diagram svg.diagram');
  var fullSize = document.querySelector('#diagram .diagram-full a');
  var XLINK = 'http://www.w3.org/1999/xlink';
  function linkHref(el) {
    return el.localName === 'a' ? el.getAttributeNS(XLINK, 'href') || el.getAttribute('href') : null;
  }
  /* The link of the drawing el is in, or null. */
  function drawingLink(el) {
    for (; el && el !== drawing; el = el.parentNode) if (linkHref(el)) return el;
    return null;
  }
  function focusOn(target) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }
  function plainClick(event) {
    return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
  }
  if (drawing) {
    drawing.addEventListener('click', function (event) {
      if (!plainClick(event)) return;
      var link = drawingLink(event.target);
      if (!link) {
        if (fullSize) fullSize.click();
        return;
      }
      var href = linkHref(link);
      var target = href.charAt(0) === '#' ? byId(decodeURIComponent(href.slice(1))) : null;
      /* the browser's own going there (scroll, :target, history) follows */
      if (target) focusOn(target);
    });
  }
  if (drawing && fullSize) {
    var region = drawing.closest('.diagram-scroll');
    drawing.classList.add('opens');
    byId('diagram-hint').textContent += ' Tap anywhere else to open the drawing full size.';
    region.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && event.target === region) fullSize.click();
    });
  }

  /* ---- clearing ---- */

  function clearAll() {
    var keep = st.keep;
    st = fresh();
    st.keep = keep;
    whyText.clear();
    notes.clear();
    whyLost.clear();
    all(recordPanel, 'input, textarea').forEach(function (e) { e.value = ''; });
    save();
  }

  var clearArmed = false;
  byId('clear').addEventListener('click', function () {
    if (!clearArmed) {
      clearArmed = true;
      say('Click “Clear ticks and answers” again to clear them all, with the walk and what you typed.');
      return;
    }
    clearArmed = false;
    clearAll();
    guide.hidden = true;
    primary();
    hideRecord();
    paint();
    say('Cleared.');
  });
  byId('notice-continue').addEventListener('click', function () {
    notice.hidden = true;
    primary();
    if (st.walks.length) openGuide();
  });
  byId('notice-restart').addEventListener('click', function () {
    clearAll();
    notice.hidden = true;
    primary();
    paint();
    say('Started afresh.');
  });

  byId('tools').hidden = false;
  load();
  primary();
  paint();
})();
