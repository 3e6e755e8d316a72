"""Loading a table: every check libpathway makes (runtime/table.c,
runtime/nodes.c), in the same order, so that the first problem found, its
code and its JSON path are the same as libpathway's.

As in libpathway, loading goes on after a problem (each reader then
returns a harmless default) but only the first problem is kept, and the
passes that rely on what was read run only when nothing was wrong.
"""
import os

from . import jsonstrict
from .errors import E_FORMAT, E_HASH, E_IO, E_TABLE, E_TOO_LARGE, PathwayError, show
from .jsonstrict import Real

# The newest table format_version this runtime reads (it reads 1 to this).
TABLE_FORMAT_VERSION = 3
TABLE_MAX_BYTES = 64 * 1024 * 1024

KIND_NAMES = (None, "step", "question", "outcome", "together")
URGENCY_NAMES = (None, "routine", "urgent", "immediate")
UNIT_NAMES = (None, "minutes", "hours", "days", "working-days", "weeks", "months")
# Format 3: the whole numbers every JSON reader keeps exactly.
SAFE_INTEGER = 2**53 - 1

CONSENT_NAMES = (None, "needed", "not-needed", "seek-unless-unsafe", "inform-unless-unsafe",
                 "not-applicable", "not-stated")
OUTCOME_NAMES = (None, "emergency", "referral", "advice", "monitor", "no-further-action")
STATUS_NAMES = (None, "draft", "approved", "under-review")
CRITERIA_NAMES = (None, "any-of", "all-of")

STEP, QUESTION, OUTCOME, TOGETHER = "step", "question", "outcome", "together"


# ---- what a table holds --------------------------------------------------------

class _Thing:
    def __repr__(self):
        return f"<{type(self).__name__} {getattr(self, 'id', '')}>"


class Info(_Thing):
    """The table's top level and its "pathway" object; absent fields None
    (lists empty, flags False)."""


class Stage(_Thing):
    pass


class Role(_Thing):
    pass


class Contact(_Thing):
    pass


class Form(_Thing):
    pass


class Source(_Thing):
    def __init__(self, text=None, url=None):
        self.text, self.url = text, url


class Timescale(_Thing):
    def __init__(self, value=0, unit=None):
        self.value, self.unit = value, unit


class Consent(_Thing):
    def __init__(self, rule=None, text=None):
        self.rule, self.text = rule, text


class Also(_Thing):
    def __init__(self):
        self.node = self.pathway = self.why = None


class Answer(_Thing):
    """A named answer (id, label) or, for a scored question, a band
    (band_min..band_max, label its name or None)."""

    def __init__(self, index):
        self.index = index
        self.banded = False
        self.id = self.label = self.next = None
        self.band_min = self.band_max = 0


class Criterion(_Thing):
    """An item of a question's criteria: a text (mode None) or a nested
    list (its mode); its texts are node.criteria[first:first + count]."""

    def __init__(self, id, mode, text, first, count):
        self.id, self.mode, self.text, self.first, self.count = id, mode, text, first, count


class Node(_Thing):
    def __init__(self, index):
        self.index = index
        self.id = self.kind = self.title = self.stage = self.by = self.by_text = None
        self.do = []
        self.record = self.when = self.note = None
        self.forms = []
        self.contacts = []
        self.within, self.target, self.review_after = Timescale(), Timescale(), Timescale()
        self.urgency = None
        self.consent = Consent()
        self.personal = False
        self.also = []
        self.source = Source()
        self.replaces = []
        self.tbc = []
        self.next = None
        self.in_ = None        # a step inside a together: the together
        self.steps = []        # a together: its steps
        self.scored = False
        self.score_min = self.score_max = 0
        self.answers = []
        self.criteria_mode = None
        self.criteria = []     # every criterion text, nested ones too
        self.criteria_ids = []
        self.criteria_items = []
        self.outcome = None

    def find_answer(self, id):
        """The named answer with that id, or None (None for a scored question)."""
        if self.scored:
            return None
        for a in self.answers:
            if a.id == id:
                return a
        return None

    def find_band(self, score):
        if not self.scored:
            return None
        for a in self.answers:
            if a.band_min <= score <= a.band_max:
                return a
        return None


class Table(_Thing):
    """A loaded table: info, start, nodes, stages, contacts, roles, forms,
    and lookups by id."""

    def __init__(self):
        self.info = Info()
        self.start = None
        self.nodes, self.stages, self.contacts, self.roles, self.forms = [], [], [], [], []
        self.node_ids, self.stage_ids, self.contact_ids, self.role_ids, self.form_ids = \
            {}, {}, {}, {}, {}
        self.replaced = {}

    @property
    def content_hash(self):
        return self.info.content_hash

    @property
    def format_version(self):
        return self.info.format_version

    def find_node(self, id):
        return self.node_ids.get(id)

    def find_replacement(self, old_id):
        """The node whose `replaces` lists old_id, or None."""
        return self.replaced.get(old_id)

    def find_stage(self, id):
        return self.stage_ids.get(id)

    def find_contact(self, id):
        return self.contact_ids.get(id)

    def find_role(self, id):
        return self.role_ids.get(id)

    def find_form(self, id):
        return self.form_ids.get(id)


# ---- JSON paths and types -----------------------------------------------------------

def key(base, k):
    return f"{base}.{k}" if base else k


def item(base, i):
    return f"{base}[{i}]"


def type_name(v):
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "an array"
    if isinstance(v, str):
        return "a string"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, Real):
        return "a real number"
    return "an integer"


OBJECT, ARRAY, STRING, INTEGER, TRUE = "an object", "an array", "a string", "an integer", "true"


def is_type(v, t):
    if t == OBJECT:
        return isinstance(v, dict)
    if t == ARRAY:
        return isinstance(v, list)
    if t == STRING:
        return isinstance(v, str)
    if t == INTEGER:
        return type(v) is int
    return v is True


def is_id(s):
    """Letters, digits and '_', with '-' only before a letter or digit; the
    first a letter or '_' (ASCII only)."""
    def alnum(c):
        return c.isascii() and c.isalnum()
    if not s or not (alnum(s[0]) or s[0] == "_") or s[0].isdigit():
        return False
    for i in range(1, len(s)):
        c = s[i]
        if alnum(c) or c == "_":
            continue
        if c == "-" and i + 1 < len(s) and alnum(s[i + 1]):
            continue
        return False
    return True


def _days_in_month(y, m):
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    return 29 if m == 2 and leap else (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[m - 1]


def _digits(s):
    return len(s) > 0 and all("0" <= c <= "9" for c in s)


def date_parts(s):
    """(y, m, d) of "YYYY-MM-DD" at the start of s, a real date; or None."""
    if len(s) < 10 or not (_digits(s[0:4]) and s[4] == "-" and _digits(s[5:7]) and
                           s[7] == "-" and _digits(s[8:10])):
        return None
    y, m, d = int(s[0:4]), int(s[5:7]), int(s[8:10])
    if not (1 <= m <= 12 and 1 <= d <= _days_in_month(y, m)):
        return None
    return y, m, d


def is_date(s):
    return len(s) == 10 and date_parts(s) is not None


def _has_space(s):
    return any(ord(c) <= 32 or c == "\x7f" for c in s)


# ---- the loader ---------------------------------------------------------------------------

class _Loader:
    def __init__(self, malformed):
        self.t = Table()
        self.malformed = malformed
        self.error = None
        self.links = []  # (id, set(node), inner, path-of(): str)

    @property
    def failed(self):
        return self.error is not None

    def fail(self, code, where, what):
        if self.error is None:
            self.error = PathwayError(code, where, what)
        return False

    def bad(self, where, what):
        return self.fail(self.malformed, where, what)

    def v2(self):
        return self.t.info.format_version >= 2

    # -- field readers (load.c) --

    def get(self, obj, base, k, t, required):
        if obj is None:
            return None
        v = obj.get(k, _ABSENT)
        if v is _ABSENT:
            if required:
                self.bad(key(base, k), "missing")
            return None
        if not is_type(v, t):
            self.bad(key(base, k), f"expected {t}, found {type_name(v)}")
            return None
        return v

    def text(self, obj, base, k, required=False):
        return self.get(obj, base, k, STRING, required)

    def id(self, obj, base, k, required=False):
        v = self.get(obj, base, k, STRING, required)
        if v is None:
            return None
        if not is_id(v):
            self.bad(key(base, k), f"'{show(v)}' is not an id")
            return None
        return v

    def url(self, obj, base, k):
        s = self.text(obj, base, k)
        if s is None:
            return None
        skip = 8 if s.startswith("https://") else 7 if s.startswith("http://") else 0
        if skip == 0 or len(s) == skip or _has_space(s):
            self.bad(key(base, k), f"'{show(s)}' is not a web address (https:// or http://)")
            return None
        return s

    def date(self, obj, base, k):
        s = self.text(obj, base, k)
        if s is not None and not is_date(s):
            self.bad(key(base, k), f"'{show(s)}' is not a date (YYYY-MM-DD)")
            return None
        return s

    def email(self, obj, base, k):
        s = self.text(obj, base, k)
        if s is None:
            return None
        at = s.find("@")
        ok = at > 0 and at + 1 < len(s) and "@" not in s[at + 1:] and not _has_space(s) \
            and not any(c in s for c in '<>"')
        if not ok:
            self.bad(key(base, k), f"'{show(s)}' is not one email address")
            return None
        return s

    def int(self, obj, base, k, lo, required):
        """(value, present)"""
        v = self.get(obj, base, k, INTEGER, required)
        if v is None:
            return 0, False
        if v < lo or v > 2147483647:
            self.bad(key(base, k), f"{v} is not a whole number from {lo} to 2147483647")
            return 0, True
        return v, True

    def enum(self, obj, base, k, names, n, required):
        v = self.get(obj, base, k, STRING, required)
        if v is None:
            return None
        if v in names[1:n]:
            return v
        allowed = names[1:n]
        listed = ", ".join(f'"{x}"' for x in allowed[:-1]) + f' or "{allowed[-1]}"' \
            if len(allowed) > 1 else f'"{allowed[0]}"'
        self.bad(key(base, k), f"'{show(v)}' is not {listed}")
        return None

    def strings(self, obj, base, k, ids):
        a = self.get(obj, base, k, ARRAY, False)
        if a is None:
            return []
        at = key(base, k)
        if not a:
            self.bad(at, "an empty list (the key is left out when there is nothing to list)")
            return []
        for i, v in enumerate(a):
            if not isinstance(v, str):
                self.bad(item(at, i), f"expected a string, found {type_name(v)}")
                return []
            if ids and not is_id(v):
                self.bad(item(at, i), f"'{show(v)}' is not an id")
                return []
        return list(a)

    def tbc(self, obj, base):
        return self.strings(obj, base, "tbc", False) if self.v2() else []

    def source(self, obj, base):
        v = self.get(obj, base, "source", OBJECT, False)
        if v is None:
            return Source()
        at = key(base, "source")
        return Source(self.text(v, at, "text", True), self.url(v, at, "url"))

    # -- the top level (table.c) --

    def check_format(self, root):
        f = root.get("format", _ABSENT)
        if f is _ABSENT:
            return self.fail(E_FORMAT, "format", "missing (not a pathway table)")
        if not isinstance(f, str):
            return self.fail(E_FORMAT, "format",
                             f'expected "pathway-table", found {type_name(f)}')
        if f != "pathway-table":
            return self.fail(E_FORMAT, "format", f"expected \"pathway-table\", found '{show(f)}'")
        v = root.get("format_version", _ABSENT)
        if v is _ABSENT:
            return self.fail(E_FORMAT, "format_version", "missing")
        if type(v) is not int:
            return self.fail(E_FORMAT, "format_version",
                             f"expected an integer, found {type_name(v)}")
        if v > TABLE_FORMAT_VERSION:
            return self.fail(E_FORMAT, "format_version",
                             f"{v} is newer than this library reads ({TABLE_FORMAT_VERSION})")
        if v < 1:
            return self.fail(E_FORMAT, "format_version", f"{v} is not a format version")
        self.t.info.format_version = v
        return True

    def integers_only(self, root):
        """Format 3: every number of the table is an integer within 2**53."""
        stack = [(root, "")]
        while stack and not self.failed:
            v, at = stack.pop()
            if isinstance(v, dict):
                stack.extend((x, key(at, k)) for k, x in reversed(list(v.items())))
            elif isinstance(v, list):
                stack.extend((x, item(at, i)) for i, x in reversed(list(enumerate(v))))
            elif isinstance(v, Real):
                self.bad(at, f"{v!r} is not an integer: a table of format_version 3 holds "
                             "integers only")
            elif type(v) is int and not -SAFE_INTEGER <= v <= SAFE_INTEGER:
                self.bad(at, f"{v} is beyond the whole numbers every JSON reader keeps "
                             f"exactly (-{SAFE_INTEGER} to {SAFE_INTEGER})")

    def load_info(self, root):
        info = self.t.info
        info.compiler = self.text(root, "", "compiler", True)
        info.content_hash = self.text(root, "", "content_hash", True)
        h = info.content_hash
        if h is not None:
            ok = len(h) == 71 and h.startswith("sha256:") and \
                all(c in "0123456789abcdef" for c in h[7:])
            if not ok:
                self.bad("content_hash",
                         f"'{show(h)}' is not \"sha256:\" and 64 lower-case hex digits")
        for name in ("id", "title", "owner", "version", "status", "approved_by",
                     "approved_on", "review_by", "area", "topic", "summary", "audience",
                     "emergency_route_text", "note"):
            setattr(info, name, None)
        info.source, info.sources, info.tbc = Source(), [], []
        info.no_emergency_route = False
        p = self.get(root, "", "pathway", OBJECT, True)
        if p is None:
            return
        info.id = self.id(p, "pathway", "id", True)
        info.title = self.text(p, "pathway", "title", True)
        info.owner = self.text(p, "pathway", "owner")
        info.version = self.text(p, "pathway", "version")
        info.status = self.enum(p, "pathway", "status", STATUS_NAMES, 4, False)
        info.approved_by = self.text(p, "pathway", "approved_by")
        info.approved_on = self.date(p, "pathway", "approved_on")
        info.source = self.source(p, "pathway")
        info.review_by = self.date(p, "pathway", "review_by")
        v2 = self.v2()
        if v2:
            info.area = self.text(p, "pathway", "area")
            info.topic = self.text(p, "pathway", "topic")
            info.summary = self.text(p, "pathway", "summary")
        info.audience = self.text(p, "pathway", "audience")
        if v2:
            v = self.get(p, "pathway", "emergency_route", OBJECT, False)
            if v is not None:
                at = "pathway.emergency_route"
                info.no_emergency_route = \
                    self.enum(v, at, "value", (None, "none"), 2, True) == "none"
                info.emergency_route_text = self.text(v, at, "text")
        info.note = self.text(p, "pathway", "note")
        info.tbc = self.tbc(p, "pathway")
        if v2:
            self.load_sources(p, info)

    def load_sources(self, p, info):
        a = self.get(p, "pathway", "sources", ARRAY, False)
        if a is None:
            return
        if not a:
            self.bad("pathway.sources",
                     "an empty list (the key is left out when there is nothing to list)")
            return
        items = []
        for i, v in enumerate(a):
            at = item("pathway.sources", i)
            if not isinstance(v, dict):
                self.bad(at, f"expected an object, found {type_name(v)}")
                return
            items.append(Source(self.text(v, at, "text", True), self.url(v, at, "url")))
        if (info.source.text, info.source.url) != (items[0].text, items[0].url):
            self.bad("pathway.source", "differs from pathway.sources[0], which it must repeat")
            return
        info.sources = items

    def add_id(self, ids, id, thing, at, lst):
        if id is None:
            return
        old = ids.get(id)
        if old is not None:
            self.bad(at, f"the id '{show(id)}' is already used by {lst}[{old.index}]")
        else:
            ids[id] = thing

    def list_item(self, lst, name, i):
        at = item(name, i)
        v = lst[i]
        if not isinstance(v, dict):
            self.bad(at, f"expected an object, found {type_name(v)}")
            return None, at
        return v, at

    def load_stages(self, lst):
        for i in range(len(lst)):
            v, at = self.list_item(lst, "stages", i)
            s = Stage()
            s.index = i
            s.id = self.id(v, at, "id", True)
            s.title = self.text(v, at, "title", True)
            s.tbc = self.tbc(v, at)
            self.t.stages.append(s)
            self.add_id(self.t.stage_ids, s.id, s, key(at, "id"), "stages")

    def load_roles(self, lst):
        for i in range(len(lst)):
            v, at = self.list_item(lst, "roles", i)
            r = Role()
            r.index = i
            r.id = self.id(v, at, "id", True)
            r.title = self.text(v, at, "title", True)
            self.t.roles.append(r)
            self.add_id(self.t.role_ids, r.id, r, key(at, "id"), "roles")

    def load_forms(self, lst):
        for i in range(len(lst)):
            v, at = self.list_item(lst, "forms", i)
            f = Form()
            f.index = i
            f.id = self.id(v, at, "id", True)
            f.title = self.text(v, at, "title", True)
            f.version = self.text(v, at, "version")
            f.url = self.url(v, at, "url")
            f.per_child = self.get(v, at, "per_child", TRUE, False) is not None
            f.note = self.text(v, at, "note")
            f.tbc = self.tbc(v, at)
            self.t.forms.append(f)
            self.add_id(self.t.form_ids, f.id, f, key(at, "id"), "forms")

    def load_contacts(self, lst):
        for i in range(len(lst)):
            v, at = self.list_item(lst, "contacts", i)
            c = Contact()
            c.index = i
            c.id = self.id(v, at, "id", True)
            c.title = self.text(v, at, "title", True)
            c.phone = self.text(v, at, "phone")
            c.email = self.email(v, at, "email")
            c.url = self.url(v, at, "url")
            c.hours = self.text(v, at, "hours")
            self.id(v, at, "out_of_hours")  # linked once all are in
            c.out_of_hours = None
            c.verified = self.date(v, at, "verified")
            c.note = self.text(v, at, "note")
            c.tbc = self.tbc(v, at)
            self.t.contacts.append(c)
            self.add_id(self.t.contact_ids, c.id, c, key(at, "id"), "contacts")

    def link_contacts(self, lst):
        for i, c in enumerate(self.t.contacts):
            id = lst[i].get("out_of_hours")
            if id is None:
                continue
            c.out_of_hours = self.t.contact_ids.get(id)
            if c.out_of_hours is None:
                self.bad(key(item("contacts", i), "out_of_hours"),
                         f"no contact has the id '{show(id)}'")

    def load_root(self, root, check_hash):
        if not self.check_format(root):
            return
        if self.t.info.format_version >= 3:
            self.integers_only(root)
        self.load_info(root)
        self.id(root, "", "start", True)
        names = ("stages", "contacts", "roles", "forms", "nodes")
        lists = [self.get(root, "", n, ARRAY, True) for n in names]
        if self.failed:
            return
        if not lists[4]:
            self.bad("nodes", "an empty list (a table has at least one node)")
            return
        self.load_stages(lists[0])
        self.load_roles(lists[2])
        self.load_forms(lists[3])
        self.load_contacts(lists[1])
        from .nodes import link_nodes, load_nodes
        load_nodes(self, lists[4])
        if not self.failed:
            self.link_contacts(lists[1])
            start = root.get("start")
            self.t.start = self.t.node_ids.get(start)
            if self.t.start is None:
                self.bad("start", f"no node has the id '{show(start)}'")
            link_nodes(self)
        if not self.failed and check_hash:
            h = jsonstrict.content_hash(root)
            if h != self.t.info.content_hash:
                self.fail(E_HASH, "content_hash",
                          f"does not match the table, whose content hashes to {h}")


_ABSENT = object()


def load_table(data, check_hash=True):
    """The table of JSON text data (bytes or str), checked as libpathway
    checks it; PathwayError when it is not a table this runtime reads.
    check_hash=False skips the content-hash check (libpathway's
    PATHWAY_LOAD_NO_HASH_CHECK), for tools that edit tables by hand."""
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > TABLE_MAX_BYTES:
        raise PathwayError(E_TOO_LARGE, "", f"the table is {size} bytes, more than the "
                           f"{TABLE_MAX_BYTES // (1024 * 1024)} MiB a table may be")
    root = jsonstrict.parse(data)
    ld = _Loader(E_TABLE)
    if not isinstance(root, dict):
        ld.fail(E_FORMAT, "", f"expected an object at the top, found {type_name(root)} "
                              "(not a pathway table)")
    else:
        ld.load_root(root, check_hash)
    if ld.error:
        raise ld.error
    return ld.t


def load_table_file(path, check_hash=True):
    """load_table of the file at path (PATHWAY_E_IO when it cannot be read)."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if st.st_size > TABLE_MAX_BYTES:
                raise PathwayError(E_TOO_LARGE, "", f"cannot read '{show(path)}': it is "
                                   f"{st.st_size} bytes, more than the 64 MiB a table may be")
            data = f.read(TABLE_MAX_BYTES + 1)
    except OSError as e:
        raise PathwayError(E_IO, "", f"cannot read '{show(path)}': {e.strerror}")
    if len(data) > TABLE_MAX_BYTES:
        raise PathwayError(E_TOO_LARGE, "", f"cannot read '{show(path)}': it is more than "
                           "the 64 MiB a table may be")
    return load_table(data, check_hash)
