/* load.mjs — loading a table: every check libpathway makes (runtime/table.c,
 * nodes.c, load.c), in the same order, so the first problem found is the
 * one libpathway reports, with the same code, JSON path and message. A
 * problem is thrown at once: libpathway goes on after one but keeps only
 * the first, so what it reports is the same. */

import { PathwayError, fail, show, isId, isDate, aType, TABLE_MAX_BYTES, TABLE_FORMAT_VERSION, utf8 }
  from './common.mjs';
import { parseJson, JsonSyntaxError, Real, canonical } from './json.mjs';
import { sha256Hex } from './sha256.mjs';

export const KIND_NAMES = [null, 'step', 'question', 'outcome', 'together'];
export const URGENCY_NAMES = [null, 'routine', 'urgent', 'immediate'];
export const UNIT_NAMES = [null, 'minutes', 'hours', 'days', 'working-days', 'weeks', 'months'];
export const CONSENT_NAMES = [null, 'needed', 'not-needed', 'seek-unless-unsafe',
  'inform-unless-unsafe', 'not-applicable', 'not-stated'];
export const OUTCOME_NAMES = [null, 'emergency', 'referral', 'advice', 'monitor', 'no-further-action'];
export const STATUS_NAMES = [null, 'draft', 'approved', 'under-review'];
export const CRITERIA_NAMES = [null, 'any-of', 'all-of'];

/* ---- paths and field readers (load.c) ------------------------------------- */

export function key(base, k) { return base ? base + '.' + k : k; }
export function item(base, i) { return base + '[' + i + ']'; }

const isObject = (v) => v instanceof Map;
const isInteger = (v) => typeof v === 'bigint' || (typeof v === 'number');
function typeIs(v, type) {
  switch (type) {
    case 'object': return isObject(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'integer': return isInteger(v);
    case 'true': return v === true;
  }
  return false;
}
const WANTED = { object: 'an object', array: 'an array', string: 'a string', integer: 'an integer',
  true: 'true' };

/* A reader of checked fields; `code` is what a malformed thing is
 * (PATHWAY_E_TABLE, or PATHWAY_E_SAVE for saved walks). */
export class Reader {
  constructor(code, version = 0) {
    this.code = code;
    this.version = version;
  }
  fail(where, what) { throw fail(this.code, where, what); }
  v2() { return this.version >= 2; }
  /* obj[k] when present and of `type`; undefined when absent (a problem
   * when required). */
  get(obj, base, k, type, required) {
    const v = obj ? obj.get(k) : undefined;
    if (v === undefined) {
      if (required && obj) this.fail(key(base, k), 'missing');
      return undefined;
    }
    if (!typeIs(v, type)) this.fail(key(base, k), `expected ${WANTED[type]}, found ${aType(v)}`);
    return v;
  }
  text(obj, base, k, required) { return this.get(obj, base, k, 'string', required); }
  id(obj, base, k, required) {
    const v = this.text(obj, base, k, required);
    if (v !== undefined && !isId(v)) this.fail(key(base, k), `'${show(v)}' is not an id`);
    return v;
  }
  url(obj, base, k) {
    const s = this.text(obj, base, k, false);
    if (s === undefined) return undefined;
    const skip = s.startsWith('https://') ? 8 : s.startsWith('http://') ? 7 : 0;
    if (skip === 0 || s.length === skip || hasSpace(s))
      this.fail(key(base, k), `'${show(s)}' is not a web address (https:// or http://)`);
    return s;
  }
  date(obj, base, k) {
    const s = this.text(obj, base, k, false);
    if (s !== undefined && !isDate(s)) this.fail(key(base, k), `'${show(s)}' is not a date (YYYY-MM-DD)`);
    return s;
  }
  email(obj, base, k) {
    const s = this.text(obj, base, k, false);
    if (s === undefined) return undefined;
    const at = s.indexOf('@');
    const ok = at > 0 && at + 1 < s.length && s.indexOf('@', at + 1) < 0 && !hasSpace(s) &&
      !/[<>"]/.test(s);
    if (!ok) this.fail(key(base, k), `'${show(s)}' is not one email address`);
    return s;
  }
  /* a whole number from min to 2147483647; undefined when absent */
  int(obj, base, k, min, required) {
    const v = this.get(obj, base, k, 'integer', required);
    if (v === undefined) return undefined;
    if (v < min || v > 2147483647)
      this.fail(key(base, k), `${v} is not a whole number from ${min} to 2147483647`);
    return Number(v);
  }
  /* one of names[1..n-1]; null when absent */
  enum(obj, base, k, names, n, required) {
    const s = this.get(obj, base, k, 'string', required);
    if (s === undefined) return null;
    for (let i = 1; i < n; i++) if (s === names[i]) return s;
    let list = '';
    for (let i = 1; i < n; i++) list += (i === 1 ? '' : i + 1 === n ? ' or ' : ', ') + `"${names[i]}"`;
    return this.fail(key(base, k), `'${show(s)}' is not ${list}`);
  }
  /* a non-empty array of strings (ids when `ids`); [] when absent */
  strings(obj, base, k, ids) {
    const a = this.get(obj, base, k, 'array', false);
    if (a === undefined) return [];
    const at = key(base, k);
    if (a.length === 0) this.fail(at, 'an empty list (the key is left out when there is nothing to list)');
    a.forEach((v, i) => {
      if (typeof v !== 'string') this.fail(item(at, i), `expected a string, found ${aType(v)}`);
      if (ids && !isId(v)) this.fail(item(at, i), `'${show(v)}' is not an id`);
    });
    return a.slice();
  }
  tbc(obj, base) { return this.v2() ? this.strings(obj, base, 'tbc', false) : []; }
  source(obj, base) {
    const v = this.get(obj, base, 'source', 'object', false);
    if (!v) return { text: null, url: null };
    const at = key(base, 'source');
    return { text: this.text(v, at, 'text', true), url: this.url(v, at, 'url') ?? null };
  }
  object(list, name, i) {
    const v = list[i];
    if (!isObject(v)) this.fail(item(name, i), `expected an object, found ${aType(v)}`);
    return v;
  }
}

function hasSpace(s) { return /[\u0000-\u0020\u007f]/.test(s); }
const orNull = (v) => (v === undefined ? null : v);

/* ---- the top level (table.c) ----------------------------------------------- */

function checkFormat(root) {
  const f = root.get('format');
  const F = 'PATHWAY_E_FORMAT';
  if (f === undefined) throw fail(F, 'format', 'missing (not a pathway table)');
  if (typeof f !== 'string') throw fail(F, 'format', `expected "pathway-table", found ${aType(f)}`);
  if (f !== 'pathway-table') throw fail(F, 'format', `expected "pathway-table", found '${show(f)}'`);
  const v = root.get('format_version');
  if (v === undefined) throw fail(F, 'format_version', 'missing');
  if (!isInteger(v)) throw fail(F, 'format_version', `expected an integer, found ${aType(v)}`);
  if (v > TABLE_FORMAT_VERSION)
    throw fail(F, 'format_version', `${v} is newer than this library reads (${TABLE_FORMAT_VERSION})`);
  if (v < 1) throw fail(F, 'format_version', `${v} is not a format version`);
  return Number(v);
}

/* Format 3 holds whole numbers only, each within Number.MAX_SAFE_INTEGER:
 * the first other number, depth first in the order of the text, is
 * refused at its path (libpathway's table.c check_numbers). */
const SAFE = '9007199254740991';
function checkNumbers(v, at) {
  if (v instanceof Real)
    throw fail('PATHWAY_E_TABLE', at, `${v.text} is not a whole number (a table of format_version 3 ` +
      "holds whole numbers only, written without '.' or 'e')");
  if (typeof v === 'bigint')
    throw fail('PATHWAY_E_TABLE', at, `${v} is beyond the whole numbers every JSON reader keeps exactly ` +
      `(-${SAFE} to ${SAFE})`);
  if (v instanceof Map) v.forEach((x, k) => checkNumbers(x, key(at, k)));
  else if (Array.isArray(v)) v.forEach((x, i) => checkNumbers(x, item(at, i)));
}

function loadInfo(r, root) {
  const info = { format_version: r.version };
  info.compiler = r.text(root, '', 'compiler', true);
  info.content_hash = r.text(root, '', 'content_hash', true);
  if (!/^sha256:[0-9a-f]{64}$/.test(info.content_hash))
    r.fail('content_hash', `'${show(info.content_hash)}' is not "sha256:" and 64 lower-case hex digits`);
  const p = r.get(root, '', 'pathway', 'object', true);
  info.id = r.id(p, 'pathway', 'id', true);
  info.title = r.text(p, 'pathway', 'title', true);
  info.owner = orNull(r.text(p, 'pathway', 'owner', false));
  info.version = orNull(r.text(p, 'pathway', 'version', false));
  info.status = r.enum(p, 'pathway', 'status', STATUS_NAMES, 4, false);
  info.approved_by = orNull(r.text(p, 'pathway', 'approved_by', false));
  info.approved_on = orNull(r.date(p, 'pathway', 'approved_on'));
  info.source = r.source(p, 'pathway');
  info.review_by = orNull(r.date(p, 'pathway', 'review_by'));
  info.area = info.topic = info.summary = info.emergency_route_text = null;
  info.no_emergency_route = false;
  if (r.v2()) {
    info.area = orNull(r.text(p, 'pathway', 'area', false));
    info.topic = orNull(r.text(p, 'pathway', 'topic', false));
    info.summary = orNull(r.text(p, 'pathway', 'summary', false));
  }
  info.audience = orNull(r.text(p, 'pathway', 'audience', false));
  if (r.v2()) {
    const v = r.get(p, 'pathway', 'emergency_route', 'object', false);
    if (v) {
      info.no_emergency_route = r.enum(v, 'pathway.emergency_route', 'value', [null, 'none'], 2, true) === 'none';
      info.emergency_route_text = orNull(r.text(v, 'pathway.emergency_route', 'text', false));
    }
  }
  info.note = orNull(r.text(p, 'pathway', 'note', false));
  info.tbc = r.tbc(p, 'pathway');
  info.sources = r.v2() ? loadSources(r, p, info) : [];
  return info;
}

function loadSources(r, p, info) {
  const a = r.get(p, 'pathway', 'sources', 'array', false);
  if (!a) return [];
  if (!a.length) r.fail('pathway.sources', 'an empty list (the key is left out when there is nothing to list)');
  const items = a.map((_, i) => {
    const v = r.object(a, 'pathway.sources', i);
    const at = item('pathway.sources', i);
    return { text: r.text(v, at, 'text', true), url: orNull(r.url(v, at, 'url')) };
  });
  if (info.source.text !== items[0].text || info.source.url !== items[0].url)
    r.fail('pathway.source', 'differs from pathway.sources[0], which it must repeat');
  return items;
}

/* Adds thing (with `id`) to map; a problem when the id is there already. */
function addId(r, map, thing, at, list) {
  const old = map.get(thing.id);
  if (old) r.fail(at, `the id '${show(thing.id)}' is already used by ${list}[${old.index}]`);
  map.set(thing.id, thing);
}

function loadLists(r, t, lists) {
  t.stages = lists.stages.map((_, i) => {
    const v = r.object(lists.stages, 'stages', i), at = item('stages', i);
    const s = { id: r.id(v, at, 'id', true), title: r.text(v, at, 'title', true), index: i, tbc: r.tbc(v, at) };
    addId(r, t.stageIds, s, key(at, 'id'), 'stages');
    return s;
  });
  t.roles = lists.roles.map((_, i) => {
    const v = r.object(lists.roles, 'roles', i), at = item('roles', i);
    const s = { id: r.id(v, at, 'id', true), title: r.text(v, at, 'title', true), index: i };
    addId(r, t.roleIds, s, key(at, 'id'), 'roles');
    return s;
  });
  t.forms = lists.forms.map((_, i) => {
    const v = r.object(lists.forms, 'forms', i), at = item('forms', i);
    const f = { id: r.id(v, at, 'id', true), title: r.text(v, at, 'title', true) };
    f.version = orNull(r.text(v, at, 'version', false));
    f.url = orNull(r.url(v, at, 'url'));
    f.per_child = r.get(v, at, 'per_child', 'true', false) === true;
    f.note = orNull(r.text(v, at, 'note', false));
    f.index = i;
    f.tbc = r.tbc(v, at);
    addId(r, t.formIds, f, key(at, 'id'), 'forms');
    return f;
  });
  t.contacts = lists.contacts.map((_, i) => {
    const v = r.object(lists.contacts, 'contacts', i), at = item('contacts', i);
    const c = { id: r.id(v, at, 'id', true), title: r.text(v, at, 'title', true) };
    c.phone = orNull(r.text(v, at, 'phone', false));
    c.email = orNull(r.email(v, at, 'email'));
    c.url = orNull(r.url(v, at, 'url'));
    c.hours = orNull(r.text(v, at, 'hours', false));
    c.out_of_hours = orNull(r.id(v, at, 'out_of_hours', false)); /* linked below */
    c.verified = orNull(r.date(v, at, 'verified'));
    c.note = orNull(r.text(v, at, 'note', false));
    c.index = i;
    c.tbc = r.tbc(v, at);
    addId(r, t.contactIds, c, key(at, 'id'), 'contacts');
    return c;
  });
}

/** Loads a table from its text: a string, or UTF-8 bytes (Uint8Array,
 * ArrayBuffer). options.noHashCheck skips the content-hash check (as
 * PATHWAY_LOAD_NO_HASH_CHECK). Returns the table; throws a PathwayError. */
export function loadTableData(data, options = {}, makeTable) {
  const { text, size } = textOf(data, 'table');
  if (size > TABLE_MAX_BYTES)
    throw fail('PATHWAY_E_TOO_LARGE', '', `the table is ${size} bytes, more than the ` +
      `${TABLE_MAX_BYTES / 1048576} MiB a table may be`);
  const root = parse(text);
  if (!isObject(root))
    throw fail('PATHWAY_E_FORMAT', '', `expected an object at the top, found ${aType(root)} (not a pathway table)`);
  const version = checkFormat(root);
  if (version >= 3) checkNumbers(root, '');
  const r = new Reader('PATHWAY_E_TABLE', version);
  const t = makeTable();
  t.info = loadInfo(r, root);
  r.id(root, '', 'start', true);
  const lists = {};
  for (const name of ['stages', 'contacts', 'roles', 'forms', 'nodes'])
    lists[name] = r.get(root, '', name, 'array', true);
  if (!lists.nodes.length) r.fail('nodes', 'an empty list (a table has at least one node)');
  loadLists(r, t, lists);
  t.nodes = loadNodes(r, t, lists.nodes);
  t.contacts.forEach((c, i) => {
    if (c.out_of_hours === null) return;
    const to = t.contactIds.get(c.out_of_hours);
    if (!to) r.fail(key(item('contacts', i), 'out_of_hours'), `no contact has the id '${show(c.out_of_hours)}'`);
    c.out_of_hours = to;
  });
  const start = root.get('start');
  t.start = t.nodeIds.get(start);
  if (!t.start) r.fail('start', `no node has the id '${show(start)}'`);
  linkNodes(r, t);
  if (!options.noHashCheck) {
    const hash = contentHash(root, version);
    if (hash !== t.info.content_hash)
      throw fail('PATHWAY_E_HASH', 'content_hash', `does not match the table, whose content hashes to ${hash}`);
  }
  return t;
}

/** The content hash of a parsed table (docs/table-format.md): formats 1
 * and 2 in file key order, format 3 by RFC 8785 (JCS). */
export function contentHash(root, version) {
  const text = canonical(root, version >= 3, ['content_hash', 'compiler']);
  return 'sha256:' + sha256Hex(utf8(text));
}

/** {text, size}: the text of data (a string or UTF-8 bytes) and its size
 * in bytes. Bytes that are not UTF-8 are PATHWAY_E_JSON, as jansson
 * finds them. */
export function textOf(data, what) {
  if (typeof data === 'string') return { text: data, size: utf8(data).length };
  /* by their internal slots, not instanceof: bytes from another realm
   * (a frame, a vm context) are bytes too */
  let bytes;
  if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  else if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') bytes = new Uint8Array(data);
  else throw fail('PATHWAY_E_ARGUMENT', '', `no ${what} to load (give a string or UTF-8 bytes)`);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (e) {
    if (bytes.length > (what === 'table' ? TABLE_MAX_BYTES : Infinity)) return { text: '', size: bytes.length };
    throw fail('PATHWAY_E_JSON', '', 'not JSON: the text is not UTF-8');
  }
  return { text, size: bytes.length };
}

export function parse(text) {
  try {
    return parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError)
      throw fail('PATHWAY_E_JSON', '', `not JSON: line ${e.line}, column ${e.column}: ${e.message}`);
    throw e;
  }
}

/* ---- nodes (nodes.c) ------------------------------------------------------ */

const NOT_FOR = {
  step: ['review_after', 'score', 'answers', 'criteria', 'outcome'],
  question: ['do', 'forms', 'review_after', 'consent', 'personal', 'next', 'outcome'],
  outcome: ['score', 'answers', 'criteria'],
  together: ['forms', 'contacts', 'review_after', 'consent', 'personal', 'score', 'answers',
    'criteria', 'outcome'],
};
const NOT_FOR_2 = { step: ['steps'], question: ['in', 'steps'], outcome: ['in', 'steps'], together: ['in'] };
const A_KIND = { step: 'a step', question: 'a question', outcome: 'an outcome', together: 'a together' };
export function aKind(kind) { return A_KIND[kind]; }

function loadNodes(r, t, list) {
  /* links to make once every node's id is known: [id, set(node), inner, path] */
  t.links = [];
  const nodes = [];
  for (let i = 0; i < list.length; i++) {
    const at = item('nodes', i);
    if (!isObject(list[i])) r.fail(at, `expected an object, found ${aType(list[i])}`);
    const n = loadNode(r, t, list[i], at, i);
    nodes.push(n);
  }
  return nodes;
}

function link(t, id, set, inner, path) {
  if (id !== undefined) t.links.push({ id, set, inner, path });
}

function loadNode(r, t, v, at, index) {
  const n = newNode(index);
  n.id = r.id(v, at, 'id', true);
  n.kind = r.enum(v, at, 'kind', KIND_NAMES, r.v2() ? 5 : 4, true);
  n.title = r.text(v, at, 'title', true);
  const old = t.nodeIds.get(n.id);
  if (old) r.fail(key(at, 'id'), `the id '${show(n.id)}' is already used by nodes[${old.index}]`);
  t.nodeIds.set(n.id, n);
  for (const k of NOT_FOR[n.kind].concat(r.v2() ? NOT_FOR_2[n.kind] : []))
    if (v.has(k)) r.fail(key(at, k), `${aKind(n.kind)} does not take "${k}"`);
  loadBody(r, t, v, at, n);
  if (n.kind === 'step') loadStep(r, t, v, at, n);
  if (n.kind === 'question') loadAnswers(r, t, v, at, n);
  if (n.kind === 'outcome') loadOutcome(r, t, v, at, n);
  if (n.kind === 'together') loadTogether(r, t, v, at, n);
  n.also.forEach((a, k) => {
    if (a.node !== null) link(t, a.node, (to) => { a.node = to; }, false, key(item(key(at, 'also'), k), 'node'));
  });
  return n;
}

function newNode(index) {
  return {
    id: null, kind: null, title: null, stage: null, by: null, by_text: null, do_items: [], record: null,
    forms: [], contacts: [], within: null, target: null, review_after: null, urgency: null,
    consent: null, when: null, note: null, personal: false, also: [], source: null, replaces: [],
    next: null, scored: false, score_min: 0, score_max: 0, answers: [], criteria_mode: null,
    criteria: [], criteria_ids: [], criteria_items: [], outcome: null, index, tbc: [], in: null,
    steps: [],
  };
}

function loadBody(r, t, v, at, n) {
  const s = v.get('stage');
  if (s === undefined) r.fail(key(at, 'stage'), 'missing');
  else if (typeof s === 'string') {
    n.stage = t.stageIds.get(s) || null;
    if (!n.stage) r.fail(key(at, 'stage'), `no stage has the id '${show(s)}'`);
  } else if (s !== null) r.fail(key(at, 'stage'), `expected a string or null, found ${aType(s)}`);
  const by = r.id(v, at, 'by', false);
  if (by !== undefined) {
    n.by = t.roleIds.get(by) || null;
    if (!n.by) r.fail(key(at, 'by'), `no role has the id '${show(by)}'`);
  }
  if (r.v2()) {
    n.by_text = orNull(r.text(v, at, 'by_text', false));
    if (by !== undefined && n.by_text !== null)
      r.fail(key(at, 'by_text'), 'a node has "by" (a role) or "by_text", not both');
  }
  n.do_items = r.strings(v, at, 'do', false);
  n.record = orNull(r.text(v, at, 'record', false));
  n.forms = linked(r, v, at, 'forms', t.formIds, 'form');
  n.contacts = linked(r, v, at, 'contacts', t.contactIds, 'contact');
  n.within = timescale(r, v, at, 'within', 'max');
  n.target = timescale(r, v, at, 'target', 'target');
  n.review_after = timescale(r, v, at, 'review_after', 'review-after');
  n.urgency = r.enum(v, at, 'urgency', URGENCY_NAMES, 4, true);
  n.consent = consent(r, v, at);
  n.when = orNull(r.text(v, at, 'when', false));
  n.note = orNull(r.text(v, at, 'note', false));
  n.tbc = r.tbc(v, at);
  n.personal = r.get(v, at, 'personal', 'true', false) === true;
  n.also = loadAlso(r, v, at);
  n.source = r.source(v, at);
  n.replaces = r.strings(v, at, 'replaces', true);
}

function linked(r, v, at, k, map, what) {
  const ids = r.strings(v, at, k, true);
  return ids.map((id, i) => {
    const x = map.get(id);
    if (!x) r.fail(item(key(at, k), i), `no ${what} has the id '${show(id)}'`);
    return x;
  });
}

function timescale(r, v, base, k, kind) {
  const o = r.get(v, base, k, 'object', false);
  if (!o) return null;
  const at = key(base, k);
  const ts = { value: r.int(o, at, 'value', 1, true), unit: r.enum(o, at, 'unit', UNIT_NAMES, 7, true) };
  const kinds = [null, 'max', 'target', 'review-after'];
  const got = r.enum(o, at, 'kind', kinds, 4, true);
  if (got !== kind) r.fail(key(at, 'kind'), `'${got}' under "${k}", which is always '${kind}'`);
  return ts;
}

function consent(r, v, base) {
  const o = r.get(v, base, 'consent', 'object', false);
  if (!o) return null;
  const at = key(base, 'consent');
  if (!r.v2() && o.get('rule') === 'not-stated')
    r.fail(key(at, 'rule'), "'not-stated' is a rule of format_version 2, and this table is of format_version 1");
  const rule = r.enum(o, at, 'rule', CONSENT_NAMES, r.v2() ? 7 : 6, true);
  return { rule, text: orNull(r.text(o, at, 'text', false)) };
}

function range(r, o, at) {
  const lo = r.int(o, at, 'min', 0, true), hi = r.int(o, at, 'max', 0, true);
  if (lo > hi) r.fail(at, `min ${lo} is greater than max ${hi}`);
  return [lo, hi];
}

function loadAlso(r, v, at) {
  const a = r.get(v, at, 'also', 'array', false);
  if (!a) return [];
  const base = key(at, 'also');
  if (!a.length) r.fail(base, 'an empty list (the key is left out when there is nothing to list)');
  return a.map((o, i) => {
    const p = item(base, i);
    if (!isObject(o)) r.fail(p, `expected an object, found ${aType(o)}`);
    const node = r.id(o, p, 'node', false);
    const pathway = r.id(o, p, 'pathway', false);
    const why = r.text(o, p, 'why', false);
    if (node !== undefined && pathway !== undefined) r.fail(p, 'has both "node" and "pathway"');
    if (node === undefined && pathway === undefined) r.fail(p, 'has neither "node" nor "pathway"');
    return { node: orNull(node), pathway: orNull(pathway), why: orNull(why) };
  });
}

/* ---- questions ---- */

const isList = (o) => o.has('items') || o.has('mode');

function criterionId(r, o, p, place) {
  const id = r.get(o, p, 'id', 'string', true);
  if (id !== place) r.fail(key(p, 'id'), `'${show(id)}' should be '${place}': a criterion's id is its place in the list`);
}

function checkText(r, o, p, place, nested) {
  if (!isObject(o)) r.fail(p, `expected an object, found ${aType(o)}`);
  if (nested && isList(o)) r.fail(p, 'a list inside a nested list: criteria nest one level only');
  criterionId(r, o, p, place);
  r.get(o, p, 'text', 'string', true);
}

function listSize(r, o, p, nested) {
  const items = r.get(o, p, 'items', 'array', true);
  if (items.length === 0)
    r.fail(key(p, 'items'), 'an empty list (' + (nested ? 'a nested list holds at least one criterion'
      : "a question's criteria have at least one item") + ')');
  return items;
}

function loadCriteria(r, v, at, n) {
  const o = r.get(v, at, 'criteria', 'object', false);
  if (!o) return;
  const p = key(at, 'criteria');
  n.criteria_mode = r.enum(o, p, 'mode', CRITERIA_NAMES, 3, true);
  if (!o.has('items')) r.fail(key(p, 'items'), 'missing');
  if (!r.v2()) {
    n.criteria = r.strings(o, p, 'items', false);
    n.criteria_ids = n.criteria.map((_, i) => String(i + 1));
    n.criteria_items = n.criteria.map((text, i) =>
      ({ id: n.criteria_ids[i], mode: null, text, first: i, count: 1 }));
    return;
  }
  const items = listSize(r, o, p, false);
  const base = key(p, 'items');
  items.forEach((c, i) => {
    const itemAt = item(base, i), place = String(i + 1);
    if (isObject(c) && isList(c)) {
      criterionId(r, c, itemAt, place);
      const mode = r.enum(c, itemAt, 'mode', CRITERIA_NAMES, 3, true);
      if (mode === n.criteria_mode)
        r.fail(key(itemAt, 'mode'), `'${mode}' inside an ${n.criteria_mode} list: a nested list is of the other mode`);
      const inner = listSize(r, c, itemAt, true);
      inner.forEach((x, j) => checkText(r, x, item(key(itemAt, 'items'), j), place + '.' + (j + 1), true));
    } else checkText(r, c, itemAt, place, false);
  });
  /* checked whole: now the texts, their ids and the items */
  items.forEach((c) => {
    const nested = isList(c);
    const texts = nested ? c.get('items') : [c];
    const it = { id: c.get('id'), mode: nested ? c.get('mode') : null, text: null,
      first: n.criteria.length, count: texts.length };
    texts.forEach((x) => {
      n.criteria.push(x.get('text'));
      n.criteria_ids.push(nested ? x.get('id') : it.id);
    });
    if (!nested) it.text = n.criteria[it.first];
    n.criteria_items.push(it);
  });
}

function loadAnswers(r, t, v, at, n) {
  const s = r.get(v, at, 'score', 'object', false);
  if (s) {
    [n.score_min, n.score_max] = range(r, s, key(at, 'score'));
    n.scored = true;
  }
  if (s && v.has('criteria')) r.fail(key(at, 'criteria'), 'a scored question does not take "criteria"');
  loadCriteria(r, v, at, n);
  const list = r.get(v, at, 'answers', 'array', true);
  const base = key(at, 'answers');
  if (list.length < 2) r.fail(base, `a question needs at least two answers, found ${list.length}`);
  n.answers = list.map((o, i) => {
    const p = item(base, i);
    if (!isObject(o)) r.fail(p, `expected an object, found ${aType(o)}`);
    const a = { banded: n.scored, id: null, label: null, band_min: 0, band_max: 0, next: null, index: i };
    if (n.scored) {
      const b = r.get(o, p, 'band', 'object', true);
      [a.band_min, a.band_max] = range(r, b, key(p, 'band'));
      if (r.v2()) a.label = orNull(r.text(o, p, 'label', false));
    } else if (o.has('band')) {
      r.fail(key(p, 'band'), 'a band, but the question has no "score"');
    } else {
      a.id = r.id(o, p, 'id', true);
      a.label = r.text(o, p, 'label', true);
    }
    link(t, r.id(o, p, 'next', true), (to) => { a.next = to; }, false, key(p, 'next'));
    return a;
  });
  if (n.scored) checkBands(r, at, n);
  else checkNamed(r, at, n);
}

function checkNamed(r, at, n) {
  const seen = new Set();
  n.answers.forEach((a, i) => {
    if (seen.has(a.id))
      r.fail(key(item(key(at, 'answers'), i), 'id'), `the question already has an answer '${show(a.id)}'`);
    seen.add(a.id);
  });
  const yesNo = n.answers.length === 2 && seen.has('yes') && seen.has('no');
  if (n.criteria_mode && !yesNo) r.fail(key(at, 'answers'), 'a question with criteria has exactly the answers yes and no');
}

function checkBands(r, at, n) {
  const list = key(at, 'answers');
  n.answers.forEach((a, i) => {
    if (a.band_min < n.score_min || a.band_max > n.score_max)
      r.fail(key(item(list, i), 'band'), `${a.band_min}..${a.band_max} goes outside the score range ` +
        `${n.score_min}..${n.score_max}`);
  });
  const order = n.answers.slice().sort((x, y) => x.band_min - y.band_min || x.index - y.index);
  let covered = n.score_min - 1;
  order.forEach((a, i) => {
    if (a.band_min <= covered) {
      const b = order[i - 1];
      r.fail(key(item(list, a.index), 'band'), `${a.band_min}..${a.band_max} overlaps band ` +
        `${b.band_min}..${b.band_max} (${list}[${b.index}])`);
    } else if (a.band_min > covered + 1) {
      r.fail(list, `no band holds the scores ${covered + 1}..${a.band_min - 1}`);
    }
    covered = a.band_max;
  });
  if (covered < n.score_max) r.fail(list, `no band holds the scores ${covered + 1}..${n.score_max}`);
}

/* ---- where a node goes on to ---- */

function loadStep(r, t, v, at, n) {
  const inId = r.v2() ? r.id(v, at, 'in', false) : undefined;
  if (inId !== undefined && v.has('next'))
    r.fail(key(at, 'next'), 'a step inside a together ("in") does not take "next": the together\'s next ' +
      'says where the walk goes');
  if (inId !== undefined) link(t, inId, (to) => { n.in = to; }, true, key(at, 'in'));
  else link(t, r.id(v, at, 'next', true), (to) => { n.next = to; }, false, key(at, 'next'));
}

function loadOutcome(r, t, v, at, n) {
  n.outcome = r.enum(v, at, 'outcome', OUTCOME_NAMES, 6, true);
  if (!v.has('next')) return;
  const p = key(at, 'next');
  if (!r.v2()) r.fail(p, 'an outcome does not take "next"');
  if (n.outcome !== 'emergency')
    r.fail(p, `an outcome of kind '${n.outcome}' does not take "next": the walk ends there (only an ` +
      'emergency outcome goes on)');
  link(t, r.id(v, at, 'next', true), (to) => { n.next = to; }, false, p);
}

function loadTogether(r, t, v, at, n) {
  const list = r.get(v, at, 'steps', 'array', true);
  const base = key(at, 'steps');
  if (list.length < 2) r.fail(base, `a together holds at least two steps, found ${list.length}`);
  n.steps = list.map(() => null);
  list.forEach((s, i) => {
    const p = item(base, i);
    if (typeof s !== 'string') r.fail(p, `expected a string, found ${aType(s)}`);
    if (!isId(s)) r.fail(p, `'${show(s)}' is not an id`);
    link(t, s, (to) => { n.steps[i] = to; }, true, p);
  });
  link(t, r.id(v, at, 'next', true), (to) => { n.next = to; }, false, key(at, 'next'));
}

/* ---- the second pass: links between nodes ---- */

function linkNodes(r, t) {
  for (const l of t.links) {
    const to = t.nodeIds.get(l.id);
    if (!to) r.fail(l.path, `no node has the id '${show(l.id)}'`);
    l.set(to);
    l.to = to;
  }
  checkTogethers(r, t);
  if (t.start.in)
    r.fail('start', `'${show(t.start.id)}' is a step inside together '${show(t.start.in.id)}': a walk starts ` +
      'at the together');
  for (const l of t.links) {
    if (!l.inner && l.to.in)
      r.fail(l.path, `'${show(l.to.id)}' is a step inside together '${show(l.to.in.id)}': name the together ` +
        '(a walk does its steps there)');
  }
  delete t.links;
  t.nodes.forEach((n, i) => n.replaces.forEach((old, k) => {
    const p = item(key(item('nodes', i), 'replaces'), k);
    if (t.nodeIds.has(old)) r.fail(p, `'${show(old)}' is the id of a node of this table`);
    const other = t.replaced.get(old);
    if (other) r.fail(p, `'${show(old)}' is replaced by node '${other.id}' too`);
    t.replaced.set(old, n);
  }));
  checkEnds(r, t);
}

function checkTogethers(r, t) {
  const listed = new Uint32Array(t.nodes.length);
  const inAt = (n) => key(item('nodes', n.index), 'in');
  for (const n of t.nodes)
    if (n.in && n.in.kind !== 'together')
      r.fail(inAt(n), `'${show(n.in.id)}' is ${aKind(n.in.kind)}, not a together`);
  for (const g of t.nodes) {
    if (g.kind !== 'together') continue;
    g.steps.forEach((s, k) => {
      const p = item(key(item('nodes', g.index), 'steps'), k);
      if (s.kind !== 'step') r.fail(p, `'${show(s.id)}' is ${aKind(s.kind)}, not a step: a together holds steps only`);
      if (!s.in) r.fail(p, `step '${show(s.id)}' has no "in" naming this together`);
      if (s.in !== g) r.fail(p, `step '${show(s.id)}' is in together '${show(s.in.id)}', not this one`);
      if (listed[s.index]++) r.fail(p, `'${show(s.id)}' is listed twice`);
    });
  }
  for (const n of t.nodes)
    if (n.in && !listed[n.index])
      r.fail(inAt(n), `together '${show(n.in.id)}' does not list '${show(n.id)}' in its "steps"`);
}

/* The nodes n leads to: its next, then its answers' (also is no route). */
export function successors(n) {
  const out = n.next ? [n.next] : [];
  for (const a of n.answers) out.push(a.next);
  return out;
}

const KIND_WORD = { step: 'step', question: 'question', outcome: 'outcome', together: 'together' };

function checkEnds(r, t) {
  const nodes = t.nodes;
  const preds = nodes.map(() => []);
  for (const n of nodes) for (const to of successors(n)) preds[to.index].push(n.index);
  const ok = new Uint8Array(nodes.length);
  const queue = [];
  for (const n of nodes) if (n.kind === 'outcome' && !n.next) { ok[n.index] = 1; queue.push(n.index); }
  const nends = queue.length;
  for (let h = 0; h < queue.length; h++)
    for (const p of preds[queue[h]]) if (!ok[p]) { ok[p] = 1; queue.push(p); }
  const v = nodes.find((n) => !ok[n.index] && !n.in);
  if (!v) return;
  const at = item('nodes', v.index);
  const what = `no outcome can be reached from ${KIND_WORD[v.kind]} '${show(v.id)}': `;
  if (!nends) r.fail(at, what + 'the table has no outcome where a walk ends (one without "next")');
  r.fail(at, what + `the walk goes round ${describeLoop(ok, v)} with no way out`);
}

/* "'a' -> 'b' -> 'a'": the loop a node that cannot end leads into. */
function describeLoop(ok, from) {
  const trapped = (v) => successors(v).find((to) => !ok[to.index]) || null;
  const seen = new Set();
  let v = from;
  for (; v && !seen.has(v); v = trapped(v)) seen.add(v);
  const entry = v;
  let s = '';
  for (let shown = 0; v; shown++) {
    if (shown === 6) { s += '...'; break; }
    s += `'${show(v.id)}' -> `;
    v = trapped(v);
    if (v === entry) { s += `'${show(v.id)}'`; break; }
  }
  const b = utf8(s);
  if (b.length >= 200) s = new TextDecoder().decode(b.subarray(0, 196)).replace(/\uFFFD$/, '') + '...';
  return s;
}
