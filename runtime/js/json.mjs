/* json.mjs — a strict JSON parser for tables and saved walks, as strict as
 * libpathway's (it refuses a key given twice; its error messages are
 * worded as jansson's were, not as libpathway's yajl-based parser words
 * them: the code and place are the same), and the canonical texts of the
 * content hash.
 *
 * JSON.parse will not do: it takes the last of a key given twice (the
 * loader refuses it), reads 1.0 as 1 (format 3 refuses non-integers;
 * format 2 hashes "1.0"), and orders integer-like keys ("1", "2") before
 * the others, which changes a format-2 hash, taken in file order. So
 * objects are Maps (every key in file order), integers are Numbers (or
 * BigInts past 2^53, which jansson reads as 64-bit integers), and other
 * numbers are Reals, which keep their text. */

export class Real {
  /* value: the number; text: as written (format 3's refusal quotes it) */
  constructor(value, text = String(value)) { this.value = value; this.text = text; }
}

export class JsonSyntaxError extends Error {
  constructor(message, line, column) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

const MAX_DEPTH = 2048; /* jansson's JSON_PARSER_MAX_DEPTH */
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const TOKEN = /[-+.eE0-9]+|[A-Za-z0-9]+/y; /* what jansson's lexer takes as one token */
const INT64_MAX = 9223372036854775807n, INT64_MIN = -9223372036854775808n;

/** Parses text (a string) as one JSON value (of any type: the loader
 * refuses one that is not an object, as libpathway does); throws a
 * JsonSyntaxError. */
export function parseJson(text) {
  let i = 0;
  const n = text.length;
  /* jansson's words: what was expected, "near" the token where it was
   * not (or "near end of file"), at the line and column (characters on
   * the line, up to the token's end) where jansson's lexer stands. */
  function fail(what, at = i, near = true, upTo = undefined) {
    let end = at;
    if (near && at < n) end = upTo === undefined ? tokenEnd(at) : upTo;
    let line = 1, col = 0;
    for (let k = 0; k < end && k < n; k++) {
      const c = text.charCodeAt(k);
      if (c === 10) { line++; col = 0; } else if (c < 0xdc00 || c > 0xdfff) col++;
    }
    const where = !near ? '' : at >= n ? ' near end of file' : ` near '${text.slice(at, end)}'`;
    throw new JsonSyntaxError(what + where, line, col);
  }
  /* the end of the token that starts at k */
  function tokenEnd(k) {
    const c = text[k];
    if (c === '"') {
      for (k++; k < n && text[k] !== '"'; k++) if (text[k] === '\\') k++;
      return Math.min(k + 1, n);
    }
    TOKEN.lastIndex = k;
    const m = TOKEN.exec(text);
    return k + (m ? m[0].length : 1);
  }
  function ws() {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++; else return;
    }
  }
  function string() {
    const s0 = i;
    i++; /* the quote */
    let out = '', run = i;
    for (;;) {
      if (i >= n) fail('premature end of input', s0);
      const c = text.charCodeAt(i);
      if (c === 34) { out += text.slice(run, i); i++; return out; }
      if (c < 0x20) fail(`control character 0x${c.toString(16)}`, s0, true, i);
      if (c !== 92) { i++; continue; }
      out += text.slice(run, i);
      const e = text[i + 1];
      i += 2;
      if (e === 'u') {
        let u = hex4();
        if (u >= 0xd800 && u <= 0xdbff) {
          if (text[i] !== '\\' || text[i + 1] !== 'u') fail(`invalid Unicode '\\u${hex(u)}'`, s0);
          i += 2;
          const low = hex4();
          if (low < 0xdc00 || low > 0xdfff) fail(`invalid Unicode '\\u${hex(u)}\\u${hex(low)}'`, s0);
          out += String.fromCharCode(u, low);
        } else if (u >= 0xdc00 && u <= 0xdfff) {
          fail(`invalid Unicode '\\u${hex(u)}'`, s0);
        } else if (u === 0) {
          fail('\\u0000 is not allowed without JSON_ALLOW_NUL', s0);
        } else out += String.fromCharCode(u);
      } else {
        const m = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
        if (m === undefined) fail('invalid escape', s0, true, i);
        out += m;
      }
      run = i;
    }
  }
  const hex = (u) => u.toString(16).toUpperCase().padStart(4, '0');
  function hex4() {
    const h = text.slice(i, i + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) fail('invalid Unicode escape', i - 2 > 0 ? i - 2 : i);
    i += 4;
    return parseInt(h, 16);
  }
  function number() {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    const s0 = i;
    if (text[i] === '0' && /[0-9]/.test(text[i + 1] || '')) fail('invalid token', s0, true, i + 1);
    if (text[i] === '-' && text[i + 1] === '0' && /[0-9]/.test(text[i + 2] || '')) fail('invalid token', s0, true, i + 2);
    if (!m || (m[0] === '-')) fail('invalid token');
    const s = m[0];
    i += s.length;
    const c = text[i];
    if (c !== undefined && /[0-9A-Za-z.+-]/.test(c)) fail('invalid token', s0);
    if (m[2] === undefined && m[3] === undefined) {
      const v = Number(s);
      if (Number.isSafeInteger(v)) return v === 0 ? 0 : v; /* -0 is 0, as jansson reads it */
      const b = BigInt(s);
      if (b > INT64_MAX || b < INT64_MIN) fail('too big integer', s0);
      return b;
    }
    const v = Number(s);
    if (!Number.isFinite(v)) fail('real number overflow', s0);
    return new Real(v, s);
  }
  function word(w, v) {
    if (text.startsWith(w, i) && !/[0-9A-Za-z]/.test(text[i + w.length] || '')) {
      i += w.length;
      return v;
    }
    return fail('invalid token');
  }
  function value(depth) {
    ws();
    if (i >= n) fail('unexpected token');
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) fail('maximum parsing depth reached');
      return c === '{' ? object(depth + 1) : array(depth + 1);
    }
    if (c === '"') return string();
    if (c === 't') return word('true', true);
    if (c === 'f') return word('false', false);
    if (c === 'n') return word('null', null);
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    return fail(/[\]},:]/.test(c) ? 'unexpected token' : 'invalid token');
  }
  function object(depth) {
    i++;
    const map = new Map();
    ws();
    if (text[i] === '}') { i++; return map; }
    for (;;) {
      ws();
      if (text[i] !== '"') fail("string or '}' expected");
      const k0 = i, k = string();
      if (map.has(k)) fail('duplicate object key', k0);
      ws();
      if (text[i] !== ':') fail("':' expected");
      i++;
      map.set(k, value(depth));
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return map; }
      fail("'}' expected");
    }
  }
  function array(depth) {
    i++;
    const list = [];
    ws();
    if (text[i] === ']') { i++; return list; }
    for (;;) {
      list.push(value(depth));
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') { i++; return list; }
      fail("']' expected");
    }
  }
  ws();
  if (i >= n) fail('no value (the text is empty)', i, false);
  const v = value(0);
  ws();
  if (i < n) fail('end of file expected');
  return v;
}

/* ---- writing -------------------------------------------------------------- */

const ESC = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/* A string as the content hash writes it (format 1-2's rule and JCS agree):
 * \" \\ \b \f \n \r \t, other controls as \u00xx (lower case), every
 * other character as itself. `upper`: \u00XX, as jansson's dumper writes
 * saved walks. */
export function quote(s, upper = false) {
  /* eslint-disable-next-line no-control-regex */
  return '"' + s.replace(/["\\\u0000-\u001f]/g, (c) => ESC[c] ||
    '\\u00' + (upper ? c.charCodeAt(0).toString(16).toUpperCase() : c.charCodeAt(0).toString(16))
      .padStart(2, '0')) + '"';
}

/* A real number as jansson writes it: "%.17g" with the exponent's "+" and
 * leading zeros dropped ("1e17", "9.9999999999999995e-8"), and ".0" when
 * that looks like an integer. Only keys the format does not define can
 * hold one, and only format 1-2 tables (format 3 refuses them). */
export function realText(v) {
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const s = Math.abs(v).toExponential(16); /* d.dddddddddddddddde[+-]x */
  const exp = Number(s.slice(s.indexOf('e') + 1));
  const digits = s.slice(0, s.indexOf('e')).replace('.', '');
  let out;
  if (exp < -4 || exp >= 17) {
    out = (digits[0] + '.' + digits.slice(1)).replace(/0+$/, '').replace(/\.$/, '') + 'e' + exp;
  } else if (exp >= 0) {
    out = (digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1)).replace(/0+$/, '').replace(/\.$/, '');
  } else {
    out = ('0.' + '0'.repeat(-exp - 1) + digits).replace(/0+$/, '');
  }
  if (!/[.e]/.test(out)) out += '.0';
  return (v < 0 ? '-' : '') + out;
}

/** The compact text of value v: keys in their order (format 1-2), or
 * sorted by UTF-16 code units (`sorted`: RFC 8785, format 3); at the top
 * level without the keys in `skip`. */
export function canonical(v, sorted, skip) {
  const parts = [];
  function put(x, top) {
    if (x instanceof Map) {
      let keys = [...x.keys()];
      if (top) keys = keys.filter((k) => !skip.includes(k));
      if (sorted) keys.sort();
      parts.push('{');
      keys.forEach((k, j) => {
        if (j) parts.push(',');
        parts.push(quote(k), ':');
        put(x.get(k), false);
      });
      parts.push('}');
    } else if (Array.isArray(x)) {
      parts.push('[');
      x.forEach((e, j) => {
        if (j) parts.push(',');
        put(e, false);
      });
      parts.push(']');
    } else if (typeof x === 'string') parts.push(quote(x));
    else if (x instanceof Real) parts.push(realText(x.value));
    else parts.push(String(x)); /* integers (Number, BigInt), true, false, null */
  }
  put(v, true);
  return parts.join('');
}

/** Text of plain data (objects, arrays, strings, integers) as jansson's
 * json_dumps with JSON_INDENT(2) writes it, keys in insertion order. */
export function indented(v, level = 0) {
  const pad = '\n' + '  '.repeat(level + 1), end = '\n' + '  '.repeat(level);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return '[' + v.map((e) => pad + indented(e, level + 1)).join(',') + end + ']';
  }
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    if (!keys.length) return '{}';
    return '{' + keys.map((k) => pad + quote(k, true) + ': ' + indented(v[k], level + 1)).join(',') +
      end + '}';
  }
  return typeof v === 'string' ? quote(v, true) : String(v);
}
