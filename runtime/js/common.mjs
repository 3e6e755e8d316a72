/* common.mjs — what the modules share: the library's constants, its error
 * (libpathway's pathway_error: a code's name, a JSON path, a message), and
 * small checks of text. */

import { Real } from './json.mjs';

export const VERSION = '1.4.0'; /* libpathway's, whose operations these are */
export const TABLE_FORMAT_VERSION = 3;
export const WALK_FORMAT_VERSION = 2;
export const TABLE_MAX_BYTES = 64 * 1024 * 1024;
export const WALK_MAX_BYTES = 1024 * 1024;

/* The codes, as libpathway names them (pathway_code_name). */
export const CODES = [
  'PATHWAY_OK', 'PATHWAY_E_ARGUMENT', 'PATHWAY_E_NOMEM', 'PATHWAY_E_IO', 'PATHWAY_E_JSON',
  'PATHWAY_E_FORMAT', 'PATHWAY_E_TABLE', 'PATHWAY_E_HASH', 'PATHWAY_E_NOT_FOUND', 'PATHWAY_E_KIND',
  'PATHWAY_E_ANSWER', 'PATHWAY_E_SCORE', 'PATHWAY_E_FINISHED', 'PATHWAY_E_AT_START', 'PATHWAY_E_SAVE',
  'PATHWAY_E_PATHWAY', 'PATHWAY_E_REMOVED', 'PATHWAY_E_REPLAY', 'PATHWAY_E_STEP',
  'PATHWAY_E_ALREADY_DONE', 'PATHWAY_E_STEPS_LEFT', 'PATHWAY_E_TOO_LARGE',
];

const encoder = new TextEncoder();
export function utf8(s) { return encoder.encode(s); }

/* s cut to at most max UTF-8 bytes, between characters. */
function cut(s, max) {
  const b = utf8(s);
  if (b.length <= max) return s;
  let k = max;
  while (k > 0 && (b[k] & 0xc0) === 0x80) k--;
  return new TextDecoder().decode(b.subarray(0, k));
}

/** What went wrong and where: code is the name of libpathway's code
 * ("PATHWAY_E_TABLE"), where a JSON path ("nodes[3].answers[1].next") or
 * "", message "where: what" (or "what" when where is ""), as libpathway
 * words it. */
export class PathwayError extends Error {
  constructor(code, where, what) {
    /* libpathway's buffers: where 256 bytes, message 512, NUL included */
    where = utf8(where).length > 255 ? cut(where, 252) + '...' : where;
    super(cut(where ? where + ': ' + what : what, 511));
    this.name = 'PathwayError';
    this.code = code;
    this.where = where;
  }
}

export function fail(code, where, what) { return new PathwayError(code, where, what); }

/** Text for a message: s, or its first 64 bytes (cut between characters)
 * and "...", as libpathway shows ids and texts from data. */
export function show(s) {
  s = String(s);
  return utf8(s).length <= 64 ? s : cut(s, 64) + '...';
}

/* '%.200s': a caller's text in a message, cut at 200 bytes. */
export function upTo200(s) { return cut(String(s), 200); }

/** Whether s is an id: ASCII letters, digits and '_', '-' only before a
 * letter or digit; the first a letter or '_'. */
export function isId(s) { return /^[A-Za-z_](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9]))*$/.test(s); }

function daysInMonth(y, m) {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m === 2 && leap ? 29 : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Whether s is "YYYY-MM-DD", a real date. */
export function isDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/* ---- times: seconds since 1970 <-> "YYYY-MM-DDTHH:MM:SSZ" ------------------ */

export const MAX_TIME = 2932896 * 86400 + 86399; /* 9999-12-31T23:59:59Z */

export function clampTime(t) { return t < 0 ? 0 : t > MAX_TIME ? MAX_TIME : Math.floor(t); }

export function formatTime(t) {
  const d = new Date(clampTime(t) * 1000);
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}Z`;
}

/** Seconds since 1970 of exactly "YYYY-MM-DDTHH:MM:SSZ" (a real date and
 * time, from 1970), or null. */
export function parseTime(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(s);
  if (!m || !isDate(s.slice(0, 10))) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number);
  if (h > 23 || mi > 59 || se > 59 || y < 1970) return null;
  return Date.UTC(y, mo - 1, d, h, mi, se) / 1000;
}

/** "an object", "a string", ...: the JSON type of a parsed value. */
export function aType(v) {
  if (v instanceof Map) return 'an object';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number' || typeof v === 'bigint') return 'an integer';
  if (v instanceof Real) return 'a real number';
  if (v === true) return 'true';
  if (v === false) return 'false';
  return 'null';
}
