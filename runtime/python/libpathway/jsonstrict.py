"""JSON as strictly as libpathway reads it (with jansson), and the content
hash of each table format.

parse() refuses what jansson refuses: a key twice in one object, text that
is not UTF-8, NUL or a lone surrogate in a string, NaN and Infinity, a
number out of range, a top level that is not an object or an array, more
than 2048 levels of nesting, anything after the value. Numbers that are
not integers (1.0, 1e2) are kept apart as Real, so that the loader can
refuse them where the format wants an integer; a bool is never taken for
an integer.
"""
import hashlib
import json
import math
import re
import sys

from .errors import E_JSON, PathwayError

MAX_DEPTH = 2048
INT_MIN, INT_MAX = -(2 ** 63), 2 ** 63 - 1


class Real:
    """A JSON number with a fraction or an exponent (value: its float).
    Not a float, so that nothing takes it for a number of the format, and
    json.dumps refuses it (the canonical text writes it as jansson does)."""
    __slots__ = ("value",)

    def __init__(self, text):
        self.value = float(text)

    def __repr__(self):
        return _real_text(self.value)


class _Duplicate(Exception):
    pass


def _pairs(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise _Duplicate(k)
        obj[k] = v
    return obj


def _real(text):
    v = Real(text)
    if math.isinf(v.value):
        raise ValueError("real number overflow")
    return v


def _constant(name):
    raise ValueError(f"invalid token '{name}'")


def _check(v, depth=1):
    """Depth, integers in range and strings without NUL or lone surrogates,
    without recursion (a table may nest as deep as the parser took)."""
    stack = [(v, depth)]
    while stack:
        v, d = stack.pop()
        if d > MAX_DEPTH:
            raise ValueError("maximum parsing depth reached")
        if isinstance(v, dict):
            for k, x in v.items():
                _check_string(k)
                stack.append((x, d + 1))
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
        elif isinstance(v, str):
            _check_string(v)
        elif type(v) is int and not INT_MIN <= v <= INT_MAX:
            raise ValueError("too big integer")


_BAD_CHAR = re.compile("[\x00\ud800-\udfff]")


def _check_string(s):
    m = _BAD_CHAR.search(s)
    if m and m.group() == "\x00":
        raise ValueError("\\u0000 is not allowed")
    if m:
        raise ValueError("invalid Unicode escape (a lone surrogate)")


def parse(data):
    """The JSON value of data (bytes or str), or PathwayError E_JSON."""
    try:
        text = data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else data
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, MAX_DEPTH * 2 + 200))
        try:
            v = json.loads(text, object_pairs_hook=_pairs, parse_float=_real,
                           parse_constant=_constant)
        finally:
            sys.setrecursionlimit(limit)
        _check(v)
        return v
    except _Duplicate as e:
        raise PathwayError(E_JSON, "", f"not JSON: duplicate object key '{e.args[0]}'")
    except UnicodeDecodeError as e:
        raise PathwayError(E_JSON, "", f"not JSON: invalid UTF-8 at byte {e.start}")
    except RecursionError:
        raise PathwayError(E_JSON, "", "not JSON: maximum parsing depth reached")
    except json.JSONDecodeError as e:
        raise PathwayError(E_JSON, "", f"not JSON: line {e.lineno}, column {e.colno}: {e.msg}")
    except ValueError as e:
        raise PathwayError(E_JSON, "", f"not JSON: {e}")


# ---- canonical text and the content hash -----------------------------------

def _escape(s):
    return json.dumps(s, ensure_ascii=False)


def _real_text(v):
    """A real as jansson writes it: %.17g, ".0" when it looks like an
    integer, the exponent without '+' or leading zeros."""
    t = "%.17g" % v
    if "." not in t and "e" not in t:
        t += ".0"
    if "e" in t:
        m, e = t.split("e")
        sign = "-" if e.startswith("-") else ""
        t = m + "e" + sign + (e.lstrip("+-").lstrip("0") or "0")
    return t


def _write(v, out, sort):
    """v's compact text into list out (iteratively: no recursion limit);
    keys in order, or sorted by their UTF-16 code units (RFC 8785)."""
    stack = [v]
    while stack:
        v = stack.pop()
        if isinstance(v, _Raw):
            out.append(v.text)
        elif isinstance(v, dict):
            keys = sorted(v, key=lambda k: k.encode("utf-16-be")) if sort else list(v)
            items = []
            for i, k in enumerate(keys):
                items.append(_Raw(("," if i else "") + _escape(k) + ":"))
                items.append(v[k])
            stack.append(_Raw("}"))
            stack.extend(reversed(items))
            out.append("{")
        elif isinstance(v, list):
            items = []
            for i, x in enumerate(v):
                if i:
                    items.append(_Raw(","))
                items.append(x)
            stack.append(_Raw("]"))
            stack.extend(reversed(items))
            out.append("[")
        elif v is True:
            out.append("true")
        elif v is False:
            out.append("false")
        elif v is None:
            out.append("null")
        elif isinstance(v, Real):
            out.append(_real_text(v.value))
        elif isinstance(v, int):
            out.append(str(v))
        else:
            out.append(_escape(v))


class _Raw:
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


def canonical_text(table):
    """The canonical text of a parsed table (a dict in file order), by the
    rule of its format_version: formats 1 and 2, keys in file order
    (docs/table-format.md, "The content hash"); format 3 and later, RFC
    8785 (keys sorted by UTF-16 code units; a format-3 table holds
    integers only)."""
    rest = {k: v for k, v in table.items() if k not in ("content_hash", "compiler")}
    version = table.get("format_version")
    sort = type(version) is int and version >= 3
    # json.dumps writes the same text, faster, unless the table holds a
    # real number (which it refuses: Real is not a float) or, sorting, a
    # character beyond U+FFFF (which it might sort by code point).
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, MAX_DEPTH * 2 + 200))
    try:
        text = json.dumps(rest, ensure_ascii=False, separators=(",", ":"), sort_keys=sort)
        if not (sort and _ASTRAL.search(text)):
            return text
    except TypeError:
        pass
    finally:
        sys.setrecursionlimit(limit)
    out = []
    _write(rest, out, sort)
    return "".join(out)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def content_hash(table):
    return "sha256:" + hashlib.sha256(canonical_text(table).encode("utf-8")).hexdigest()
