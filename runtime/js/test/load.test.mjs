/* Loading: every table pathwayc builds, every malformed table of
 * tests/runtime/bad with libpathway's exact code and message, the content
 * hash of each format (checked against node:crypto, an independent JCS,
 * and libpathway itself), the size limit, and fields read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadTable, restoreWalk, contentHash, PathwayError, TABLE_MAX_BYTES } from '../pathway.mjs';
import { parseJson } from '../json.mjs';
import { sha256Hex } from '../sha256.mjs';
import { TOP, SKIP, allTables, tmpDir, run } from '../support/tests.mjs';

const sha = (s) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

function refused(f, code, message) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof PathwayError);
    assert.equal(e.code, code);
    if (message !== undefined) assert.equal(e.message, message);
    assert.ok(e.message.startsWith(e.where), 'the message starts with where');
    return true;
  });
}

test('sha256 agrees with node:crypto at every length around a block', () => {
  for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 65536]) {
    const b = crypto.randomBytes(n);
    assert.equal(sha256Hex(new Uint8Array(b)), crypto.createHash('sha256').update(b).digest('hex'), `${n} bytes`);
  }
});

test('every table pathwayc builds loads, its hash as the format says', { skip: SKIP }, () => {
  const tables = allTables();
  assert.ok(tables.length >= 15, `${tables.length} tables`);
  for (const f of tables) {
    const text = fs.readFileSync(f, 'utf8');
    const t = loadTable(text);
    /* the recipes of docs/table-format.md, with JSON.parse (no table key
     * is integer-like, so its order is the file's): format 2 in file key
     * order, format 3 with every object's keys sorted (RFC 8785; a table
     * holds no number but whole ones) */
    const { content_hash: h, compiler, ...rest } = JSON.parse(text);
    const sorted = (v) => Array.isArray(v) ? v.map(sorted) : v !== null && typeof v === 'object'
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
    const canon = rest.format_version >= 3 ? sorted(rest) : rest;
    assert.equal(t.info.content_hash, 'sha256:' + sha(JSON.stringify(canon)), f);
    assert.equal(t.info.content_hash, h);
    assert.equal(t.info.compiler, compiler);
    assert.equal(t.nodes.length, JSON.parse(text).nodes.length);
    /* bytes load as text does */
    assert.equal(loadTable(fs.readFileSync(f)).info.content_hash, h);
  }
});

const BAD = path.join(TOP, 'tests', 'runtime', 'bad');

test('every malformed table of tests/runtime/bad is refused as libpathway refuses it', () => {
  const files = fs.readdirSync(BAD).filter((f) => f.endsWith('.json')).sort();
  assert.ok(files.length >= 150);
  let checked = 0;
  for (const f of files) {
    const [code, message] = fs.readFileSync(path.join(BAD, f.replace(/\.json$/, '.expected')), 'utf8').split('\n');
    /* this module reads format 3 too: "3 is newer" is checked below */
    if (/ is newer than this library reads \(2\)$/.test(message)) continue;
    const bytes = fs.readFileSync(path.join(BAD, f));
    try {
      loadTable(bytes);
      assert.fail(`${f} loaded`);
    } catch (e) {
      assert.ok(e instanceof PathwayError, `${f}: ${e.stack}`);
      /* libpathway words a JSON error in its parser's (yajl's) terms, this
       * module in its own: the code and where (the top) are the same */
      if (code === 'PATHWAY_E_JSON') {
        assert.equal(e.code, code, f);
        assert.equal(e.where, '', f);
        assert.match(e.message, /^not JSON: /, f);
      } else assert.equal(`${e.code} ${e.message}`, `${code} ${message}`, f);
    }
    checked++;
  }
  assert.ok(checked >= 150, `${checked} checked`);
});

/* base-v2.json with changes, hashed again (by this module's own rule,
 * which the tests above check). */
function edited(change, version) {
  const root = parseJson(fs.readFileSync(path.join(TOP, 'tests/runtime/base-v2.json'), 'utf8'));
  change(root);
  if (version) root.set('format_version', version);
  root.set('content_hash', contentHash(root, root.get('format_version')));
  return root;
}
function text(root) {
  const plain = (v) => v instanceof Map ? Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]))
    : Array.isArray(v) ? v.map(plain) : v;
  return JSON.stringify(plain(root), null, 2);
}

test('format_version: 4 is newer than this module reads (3)', () => {
  const root = edited(() => {}, 4);
  refused(() => loadTable(text(root)), 'PATHWAY_E_FORMAT', 'format_version: 4 is newer than this library reads (3)');
});

/* RFC 8785 for integer-only data, written here independently: keys sorted
 * by UTF-16 code units, JSON.stringify for the rest. */
function jcs(v) {
  if (Array.isArray(v)) return '[' + v.map(jcs).join(',') + ']';
  if (v && typeof v === 'object') return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + jcs(v[k])).join(',') + '}';
  return JSON.stringify(v);
}

test('format 3: the hash is SHA-256 of the JCS text, keys sorted by UTF-16 units', () => {
  const base = JSON.parse(fs.readFileSync(path.join(TOP, 'tests/runtime/base-v2.json'), 'utf8'));
  base.format_version = 3;
  /* keys that sort differently by code point and by UTF-16 unit, and text
   * that needs escapes */
  base.pathway.note = 'Tab\there, "quoted", back\\slash, \u0001, caf\u00e9, \ud83d\ude00';
  base.nodes[0]['\uff61x'] = 1;
  base.nodes[0]['\ud83d\ude00'] = 2;
  const { content_hash: _h, compiler: _c, ...rest } = base;
  base.content_hash = 'sha256:' + sha(jcs(rest));
  const t = loadTable(JSON.stringify(base, null, 2));
  assert.equal(t.info.format_version, 3);
  assert.equal(t.info.content_hash, base.content_hash);
  /* key order in the file does not matter in format 3 */
  const reordered = Object.fromEntries(Object.entries(base).reverse());
  assert.equal(loadTable(JSON.stringify(reordered)).info.content_hash, base.content_hash);
  /* but it does in format 2 */
  base.format_version = 2;
  refused(() => loadTable(JSON.stringify(base)), 'PATHWAY_E_HASH');
});

test('format 3 refuses a number that is not a whole one, wherever it is, as written', () => {
  for (const n of ['1.0', '1e2', '0.5', '-2E-3']) {
    const root = edited((r) => r.get('nodes')[1].set('extra', 7), 3);
    const t = text(root).replace('"extra": 7', `"extra": ${n}`);
    refused(() => loadTable(t), 'PATHWAY_E_TABLE', `nodes[1].extra: ${n} is not a whole number (a table of ` +
      "format_version 3 holds whole numbers only, written without '.' or 'e')");
  }
});

test('format 3 refuses a whole number beyond 2^53 - 1 either way, and takes those at the edge', () => {
  const beyond = 'is beyond the whole numbers every JSON reader keeps exactly (-9007199254740991 to 9007199254740991)';
  for (const n of ['9007199254740992', '-9007199254740992', '9223372036854775807']) {
    const root = edited((r) => r.get('nodes')[1].set('extra', [0, 7]), 3);
    const t = text(root).replace(/"extra": \[\s*0,\s*7\s*\]/, `"extra": [0, ${n}]`);
    refused(() => loadTable(t), 'PATHWAY_E_TABLE', `nodes[1].extra[1]: ${n} ${beyond}`);
  }
  for (const n of [9007199254740991, -9007199254740991]) {
    const root = edited((r) => r.get('nodes')[1].set('extra', n), 3);
    assert.equal(loadTable(text(root)).info.format_version, 3);
  }
  /* format 2 takes them (its hash keeps the text) */
  const root = edited((r) => r.get('nodes')[1].set('extra', 7), 2);
  refused(() => loadTable(text(root).replace('"extra": 7', '"extra": 9007199254740992')), 'PATHWAY_E_HASH');
});

test('a text whose top is not an object is not a table, nor a saved walk', () => {
  const t = loadTable(fs.readFileSync(path.join(TOP, 'tests/runtime/base-v2.json')));
  for (const [json, found] of [['"x"', 'a string'], ['7', 'an integer'], ['null', 'null'], ['true', 'true'],
    ['false', 'false'], ['[]', 'an array'], [' 1.5 ', 'a real number']]) {
    refused(() => loadTable(json), 'PATHWAY_E_FORMAT', `expected an object at the top, found ${found} (not a pathway table)`);
    refused(() => restoreWalk(t, json), 'PATHWAY_E_FORMAT', `expected an object at the top, found ${found} (not a saved walk)`);
  }
  refused(() => loadTable(''), 'PATHWAY_E_JSON');
  refused(() => loadTable('"x" 1'), 'PATHWAY_E_JSON');
});

test('a key given twice in one object is not JSON', () => {
  refused(() => loadTable('{"format": "pathway-table", "nodes": [{"id": "a", "id": "b"}]}'), 'PATHWAY_E_JSON');
});

test('format 2 hashes keys in file order, integer-like ones and reals too', { skip: SKIP }, () => {
  /* keys JSON.parse would put first ("2", "10"), reals jansson writes
   * with %.17g, an integer past 2^53: each hashed as libpathway hashes
   * it, so libpathway takes the table this module hashed */
  const extra = '"zz": "after", "10": "ten", "2": [1.5, 1e2, 0.1, 1e-7, -0.25, 3.0e-300, 123456789012345678], ' +
    '"big": 9007199254740993, ';
  let t = fs.readFileSync(path.join(TOP, 'tests/runtime/base-v2.json'), 'utf8')
    .replace(/"nodes": \[\s*\{/, (m) => m + extra);
  assert.notEqual(Object.keys(JSON.parse(t).nodes[0])[0], 'zz');
  const hash = contentHash(parseJson(t), 2);
  t = t.replace(/"content_hash": "[^"]*"/, `"content_hash": "${hash}"`);
  const f = path.join(tmpDir(), 'order.json');
  fs.writeFileSync(f, t);
  assert.equal(loadTable(t).info.content_hash, hash);
  const r = run([f], ['q']);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1, r.stdout); /* stopped before an outcome: the table was taken */
  assert.match(r.stdout, /Risk\?/);
  /* and a hash of the keys in JSON.parse's order is refused by both */
  const { content_hash: _h, compiler: _c, ...rest } = JSON.parse(t);
  const wrong = t.replace(hash, 'sha256:' + sha(JSON.stringify(rest)));
  refused(() => loadTable(wrong), 'PATHWAY_E_HASH', `content_hash: does not match the table, whose content hashes to ${hash}`);
  fs.writeFileSync(f, wrong);
  assert.match(run([f], ['q']).stderr, /does not match the table/);
});

test('a table larger than 64 MiB is refused before it is parsed', () => {
  const big = '{' + ' '.repeat(TABLE_MAX_BYTES) + '}';
  refused(() => loadTable(big), 'PATHWAY_E_TOO_LARGE',
    `the table is ${TABLE_MAX_BYTES + 2} bytes, more than the 64 MiB a table may be`);
  refused(() => loadTable('[]'), 'PATHWAY_E_FORMAT', 'expected an object at the top, found an array (not a pathway table)');
  refused(() => loadTable('"x"'), 'PATHWAY_E_FORMAT', 'expected an object at the top, found a string (not a pathway table)');
  refused(() => loadTable(new Uint8Array([0x7b, 0xff, 0x7d])), 'PATHWAY_E_JSON');
  refused(() => loadTable(42), 'PATHWAY_E_ARGUMENT');
});

test('noHashCheck loads a table whose hash does not match', () => {
  const root = edited(() => {});
  root.get('pathway').set('title', 'Changed');
  refused(() => loadTable(text(root)), 'PATHWAY_E_HASH');
  assert.equal(loadTable(text(root), { noHashCheck: true }).info.title, 'Changed');
});

test('fields are read as libpathway reads them (forms.pathway)', { skip: SKIP }, () => {
  const t = loadTable(fs.readFileSync(allTables().find((f) => f.endsWith('/forms.json'))));
  assert.ok(Object.isFrozen(t));
  const g = t.nodes.find((n) => n.kind === 'together');
  assert.ok(g.steps.length >= 2);
  for (const s of g.steps) {
    assert.equal(s.in, g);
    assert.equal(s.next, null);
  }
  const q = t.nodes.find((n) => n.criteria_items.some((c) => c.mode));
  const nested = q.criteria_items.find((c) => c.mode);
  assert.notEqual(nested.mode, q.criteria_mode);
  assert.equal(q.criteria_ids[nested.first], nested.id + '.1');
  assert.equal(q.criteria.length, q.criteria_ids.length);
  const e = t.nodes.find((n) => n.outcome === 'emergency' && n.next);
  assert.ok(e, 'an emergency outcome that goes on');
  assert.equal(t.findNode(t.start.id), t.start);
  assert.equal(t.findNode('nope'), null);
  for (const n of t.nodes) for (const old of n.replaces) assert.equal(t.findReplacement(old), n);
});

test('a format-1 table reads without format 2\'s keys, criteria numbered', () => {
  const t = loadTable(fs.readFileSync(path.join(TOP, 'tests/runtime/base.json')));
  assert.equal(t.info.format_version, 1);
  assert.equal(t.info.area, null);
  assert.deepEqual(t.info.tbc, []);
  assert.equal(t.nodes[1].consent.rule, 'needed');
  assert.equal(t.nodes[2].answers[1].label, null);
  assert.equal(t.nodes[3].criteria_ids[1], '2');
  assert.equal(t.nodes[4].next, null);
  assert.equal(t.contacts[0].out_of_hours, t.contacts[1]);
});
