"""A table's nodes: their fields (first pass), then the links between them
(second pass), as libpathway's runtime/nodes.c reads them, check for
check."""
from .errors import show
from .table import (ARRAY, CONSENT_NAMES, CRITERIA_NAMES, KIND_NAMES, OBJECT, OUTCOME,
                    OUTCOME_NAMES, QUESTION, STEP, STRING, TOGETHER, TRUE, UNIT_NAMES,
                    URGENCY_NAMES, Also, Answer, Consent, Criterion, Node, Timescale, is_id,
                    item, key, type_name)

_NOT_FOR = {
    STEP: ("review_after", "score", "answers", "criteria", "outcome"),
    QUESTION: ("do", "forms", "review_after", "consent", "personal", "next", "outcome"),
    OUTCOME: ("score", "answers", "criteria"),
    TOGETHER: ("forms", "contacts", "review_after", "consent", "personal", "score", "answers",
               "criteria", "outcome"),
}
_NOT_FOR_2 = {STEP: ("steps",), QUESTION: ("in", "steps"), OUTCOME: ("in", "steps"),
              TOGETHER: ("in",)}
_A_KIND = {STEP: "a step", QUESTION: "a question", OUTCOME: "an outcome",
           TOGETHER: "a together"}


def _check_kind_fields(ld, v, at, kind):
    for k in _NOT_FOR[kind] + (_NOT_FOR_2[kind] if ld.v2() else ()):
        if k in v:
            ld.bad(key(at, k), f'{_A_KIND[kind]} does not take "{k}"')


class _Link:
    __slots__ = ("id", "node", "attr", "index", "inner", "path")

    def __init__(self, id, node, attr, index, inner, path):
        self.id, self.node, self.attr, self.index = id, node, attr, index
        self.inner, self.path = inner, path

    def set(self, to):
        if self.index is None:
            setattr(self.node, self.attr, to)
        else:
            getattr(self.node, self.attr)[self.index] = to

    def get(self):
        v = getattr(self.node, self.attr)
        return v if self.index is None else v[self.index]


def _add_link(ld, id, node, attr, index, inner, path):
    if id is None or ld.failed:
        return
    ld.links.append(_Link(id, node, attr, index, inner, path))


# ---- shared shapes -------------------------------------------------------------

def _timescale(ld, v, base, k, kind):
    o = ld.get(v, base, k, OBJECT, False)
    if o is None:
        return Timescale()
    at = key(base, k)
    value, _ = ld.int(o, at, "value", 1, True)
    unit = ld.enum(o, at, "unit", UNIT_NAMES, 7, True)
    kinds = (None, "max", "target", "review-after")
    got = ld.enum(o, at, "kind", kinds, 4, True)
    if got is not None and got != kind:
        ld.bad(key(at, "kind"), f"'{got}' under \"{k}\", which is always '{kind}'")
    return Timescale(value, unit)


def _consent(ld, v, base):
    o = ld.get(v, base, "consent", OBJECT, False)
    if o is None:
        return Consent()
    at = key(base, "consent")
    v2 = ld.v2()
    rule = o.get("rule")
    if not v2 and rule == "not-stated":
        ld.bad(key(at, "rule"), "'not-stated' is a rule of format_version 2, and this "
                                "table is of format_version 1")
    return Consent(ld.enum(o, at, "rule", CONSENT_NAMES, 7 if v2 else 6, True),
                   ld.text(o, at, "text"))


def _range(ld, o, at):
    """(ok, lo, hi)"""
    lo, p1 = ld.int(o, at, "min", 0, True)
    hi, p2 = ld.int(o, at, "max", 0, True)
    if not p1 or not p2 or ld.failed:
        return False, lo, hi
    if lo > hi:
        ld.bad(at, f"min {lo} is greater than max {hi}")
        return False, lo, hi
    return True, lo, hi


# ---- links to stages, roles, forms, contacts ---------------------------------------

def _stage_of(ld, v, at, n):
    p = key(at, "stage")
    if "stage" not in v:
        ld.bad(p, "missing")
        return
    s = v["stage"]
    if isinstance(s, str):
        n.stage = ld.t.stage_ids.get(s)
        if n.stage is None:
            ld.bad(p, f"no stage has the id '{show(s)}'")
    elif s is not None:
        ld.bad(p, f"expected a string or null, found {type_name(s)}")


def _linked(ld, v, at, k, ids_map, what):
    ids = ld.strings(v, at, k, True)
    for i, id in enumerate(ids):
        if id not in ids_map:
            ld.bad(item(key(at, k), i), f"no {what} has the id '{show(id)}'")
    return [ids_map.get(id) for id in ids]


def _role_of(ld, v, at, n):
    id = ld.id(v, at, "by")
    if id is not None:
        n.by = ld.t.role_ids.get(id)
        if n.by is None:
            ld.bad(key(at, "by"), f"no role has the id '{show(id)}'")
    if not ld.v2():
        return
    n.by_text = ld.text(v, at, "by_text")
    if id is not None and n.by_text is not None:
        ld.bad(key(at, "by_text"), 'a node has "by" (a role) or "by_text", not both')


def _load_also(ld, v, at, n):
    a = ld.get(v, at, "also", ARRAY, False)
    if a is None:
        return
    base = key(at, "also")
    if not a:
        ld.bad(base, "an empty list (the key is left out when there is nothing to list)")
        return
    also = []
    for i, o in enumerate(a):
        p = item(base, i)
        if not isinstance(o, dict):
            ld.bad(p, f"expected an object, found {type_name(o)}")
            return
        x = Also()
        node = ld.id(o, p, "node")
        x.pathway = ld.id(o, p, "pathway")
        x.why = ld.text(o, p, "why")
        x.node_id = node
        if node is not None and x.pathway is not None:
            ld.bad(p, 'has both "node" and "pathway"')
        elif node is None and x.pathway is None and not ld.failed:
            ld.bad(p, 'has neither "node" nor "pathway"')
        also.append(x)
    n.also = also


def _also_links(ld, at, n):
    for i, x in enumerate(n.also):
        _add_link(ld, x.node_id, x, "node", None, False,
                  key(item(key(at, "also"), i), "node"))


# ---- questions ----------------------------------------------------------------------

def _is_list(o):
    return "items" in o or "mode" in o


def _check_criterion_id(ld, o, p, place):
    id = ld.get(o, p, "id", STRING, True)
    if id is not None and id != place:
        ld.bad(key(p, "id"), f"'{show(id)}' should be '{place}': a criterion's id is its "
                             "place in the list")


def _check_text(ld, o, p, place, nested):
    if not isinstance(o, dict):
        ld.bad(p, f"expected an object, found {type_name(o)}")
        return
    if nested and _is_list(o):
        ld.bad(p, "a list inside a nested list: criteria nest one level only")
        return
    _check_criterion_id(ld, o, p, place)
    ld.get(o, p, "text", STRING, True)


def _list_size(ld, o, p, nested):
    items = ld.get(o, p, "items", ARRAY, True)
    if items is not None and not items:
        ld.bad(key(p, "items"), "an empty list (%s)" % (
            "a nested list holds at least one criterion" if nested
            else "a question's criteria have at least one item"))
    return 0 if ld.failed else len(items)


def _check_nested(ld, o, p, place, outer):
    _check_criterion_id(ld, o, p, place)
    mode = ld.enum(o, p, "mode", CRITERIA_NAMES, 3, True)
    if mode is not None and mode == outer:
        ld.bad(key(p, "mode"), f"'{mode}' inside an {outer} list: a nested list is of the "
                               "other mode")
    count = _list_size(ld, o, p, True)
    base = key(p, "items")
    for j in range(count):
        if ld.failed:
            break
        _check_text(ld, o["items"][j], item(base, j), f"{place}.{j + 1}", True)
    return count


def _check_criteria_2(ld, o, p, mode):
    count = _list_size(ld, o, p, False)
    ntexts = 0
    base = key(p, "items")
    for i in range(count):
        if ld.failed:
            break
        c = o["items"][i]
        at = item(base, i)
        if isinstance(c, dict) and _is_list(c):
            ntexts += _check_nested(ld, c, at, str(i + 1), mode)
        else:
            _check_text(ld, c, at, str(i + 1), False)
            ntexts += 1
    return ntexts


def _copy_criteria_2(o, n):
    for c in o["items"]:
        nested = _is_list(c)
        texts = c["items"] if nested else [c]
        crit = Criterion(c["id"], c.get("mode") if nested else None, None, len(n.criteria),
                         len(texts))
        for t in texts:
            n.criteria.append(t["text"])
            n.criteria_ids.append(t["id"])
        if not nested:
            crit.text = n.criteria[crit.first]
        n.criteria_items.append(crit)


def _load_criteria(ld, v, at, n):
    o = ld.get(v, at, "criteria", OBJECT, False)
    if o is None:
        return
    p = key(at, "criteria")
    n.criteria_mode = ld.enum(o, p, "mode", CRITERIA_NAMES, 3, True)
    if "items" not in o:
        ld.bad(key(p, "items"), "missing")
        return
    if not ld.v2():
        texts = ld.strings(o, p, "items", False)
        for i, t in enumerate(texts):
            n.criteria.append(t)
            n.criteria_ids.append(str(i + 1))
            n.criteria_items.append(Criterion(str(i + 1), None, t, i, 1))
        return
    _check_criteria_2(ld, o, p, n.criteria_mode)
    if not ld.failed:
        _copy_criteria_2(o, n)


def _load_answer(ld, o, p, n, a):
    a.banded = n.scored
    if n.scored:
        b = ld.get(o, p, "band", OBJECT, True)
        if b is not None:
            _, a.band_min, a.band_max = _range(ld, b, key(p, "band"))
        if ld.v2():
            a.label = ld.text(o, p, "label")
    elif "band" in o:
        ld.bad(key(p, "band"), 'a band, but the question has no "score"')
    else:
        a.id = ld.id(o, p, "id", True)
        a.label = ld.text(o, p, "label", True)
    _add_link(ld, ld.id(o, p, "next", True), a, "next", None, False, key(p, "next"))


def _check_named(ld, at, n):
    seen = set()
    for i, a in enumerate(n.answers):
        if ld.failed:
            break
        if a.id is not None and a.id in seen:
            ld.bad(key(item(key(at, "answers"), i), "id"),
                   f"the question already has an answer '{show(a.id)}'")
        if a.id is not None:
            seen.add(a.id)
    ids = [a.id for a in n.answers]
    yes_no = len(ids) == 2 and "yes" in ids and "no" in ids
    if n.criteria_mode and not yes_no:
        ld.bad(key(at, "answers"), "a question with criteria has exactly the answers yes and no")


def _check_bands(ld, at, n):
    lst = key(at, "answers")
    for i, a in enumerate(n.answers):
        if a.band_min < n.score_min or a.band_max > n.score_max:
            ld.bad(key(item(lst, i), "band"), f"{a.band_min}..{a.band_max} goes outside the "
                                              f"score range {n.score_min}..{n.score_max}")
            return
    order = sorted(n.answers, key=lambda a: (a.band_min, a.index))
    covered = n.score_min - 1
    for i, a in enumerate(order):
        if ld.failed:
            break
        if a.band_min <= covered:
            b = order[i - 1]
            ld.bad(key(item(lst, a.index), "band"),
                   f"{a.band_min}..{a.band_max} overlaps band {b.band_min}..{b.band_max} "
                   f"({lst}[{b.index}])")
        elif a.band_min > covered + 1:
            ld.bad(lst, f"no band holds the scores {covered + 1}..{a.band_min - 1}")
        covered = a.band_max
    if not ld.failed and covered < n.score_max:
        ld.bad(lst, f"no band holds the scores {covered + 1}..{n.score_max}")


def _load_answers(ld, v, at, n):
    s = ld.get(v, at, "score", OBJECT, False)
    if s is not None:
        n.scored, n.score_min, n.score_max = _range(ld, s, key(at, "score"))
    if s is not None and "criteria" in v:
        ld.bad(key(at, "criteria"), 'a scored question does not take "criteria"')
    _load_criteria(ld, v, at, n)
    lst = ld.get(v, at, "answers", ARRAY, True)
    if lst is None or ld.failed:
        return
    base = key(at, "answers")
    if len(lst) < 2:
        ld.bad(base, f"a question needs at least two answers, found {len(lst)}")
        return
    for i, o in enumerate(lst):
        if ld.failed:
            break
        a = Answer(i)
        n.answers.append(a)
        p = item(base, i)
        if not isinstance(o, dict):
            ld.bad(p, f"expected an object, found {type_name(o)}")
        else:
            _load_answer(ld, o, p, n, a)
    if ld.failed:
        return
    if n.scored:
        _check_bands(ld, at, n)
    else:
        _check_named(ld, at, n)


# ---- a node -----------------------------------------------------------------------------

def _load_body(ld, v, at, n):
    _stage_of(ld, v, at, n)
    _role_of(ld, v, at, n)
    n.do = ld.strings(v, at, "do", False)
    n.record = ld.text(v, at, "record")
    n.forms = _linked(ld, v, at, "forms", ld.t.form_ids, "form")
    n.contacts = _linked(ld, v, at, "contacts", ld.t.contact_ids, "contact")
    n.within = _timescale(ld, v, at, "within", "max")
    n.target = _timescale(ld, v, at, "target", "target")
    n.review_after = _timescale(ld, v, at, "review_after", "review-after")
    n.urgency = ld.enum(v, at, "urgency", URGENCY_NAMES, 4, True)
    n.consent = _consent(ld, v, at)
    n.when = ld.text(v, at, "when")
    n.note = ld.text(v, at, "note")
    n.tbc = ld.tbc(v, at)
    n.personal = ld.get(v, at, "personal", TRUE, False) is not None
    _load_also(ld, v, at, n)
    n.source = ld.source(v, at)
    n.replaces = ld.strings(v, at, "replaces", True)


def _load_step(ld, v, at, n):
    inn = ld.id(v, at, "in") if ld.v2() else None
    if inn is not None and "next" in v:
        ld.bad(key(at, "next"), 'a step inside a together ("in") does not take "next": the '
                                "together's next says where the walk goes")
    elif inn is not None:
        _add_link(ld, inn, n, "in_", None, True, key(at, "in"))
    else:
        _add_link(ld, ld.id(v, at, "next", True), n, "next", None, False, key(at, "next"))


def _load_outcome(ld, v, at, n):
    n.outcome = ld.enum(v, at, "outcome", OUTCOME_NAMES, 6, True)
    if "next" not in v:
        return
    p = key(at, "next")
    if not ld.v2():
        ld.bad(p, 'an outcome does not take "next"')
    elif n.outcome is not None and n.outcome != "emergency":
        ld.bad(p, f"an outcome of kind '{n.outcome}' does not take \"next\": the walk ends "
                  "there (only an emergency outcome goes on)")
    else:
        _add_link(ld, ld.id(v, at, "next", True), n, "next", None, False, p)


def _load_together(ld, v, at, n):
    lst = ld.get(v, at, "steps", ARRAY, True)
    base = key(at, "steps")
    count = len(lst) if lst is not None else 0
    if lst is not None and count < 2:
        ld.bad(base, f"a together holds at least two steps, found {count}")
    if lst is not None and not ld.failed:
        n.steps = [None] * count
        for i, s in enumerate(lst):
            if ld.failed:
                break
            p = item(base, i)
            if not isinstance(s, str):
                ld.bad(p, f"expected a string, found {type_name(s)}")
            elif not is_id(s):
                ld.bad(p, f"'{show(s)}' is not an id")
            else:
                _add_link(ld, s, n, "steps", i, True, p)
    _add_link(ld, ld.id(v, at, "next", True), n, "next", None, False, key(at, "next"))


def _load_node(ld, v, at, n):
    n.id = ld.id(v, at, "id", True)
    n.kind = ld.enum(v, at, "kind", KIND_NAMES, 5 if ld.v2() else 4, True)
    n.title = ld.text(v, at, "title", True)
    if n.id is not None:
        old = ld.t.node_ids.get(n.id)
        if old is not None:
            ld.bad(key(at, "id"), f"the id '{show(n.id)}' is already used by "
                                  f"nodes[{old.index}]")
        else:
            ld.t.node_ids[n.id] = n
    if n.kind is None:
        return
    _check_kind_fields(ld, v, at, n.kind)
    _load_body(ld, v, at, n)
    if n.kind == STEP:
        _load_step(ld, v, at, n)
    elif n.kind == QUESTION:
        _load_answers(ld, v, at, n)
    elif n.kind == OUTCOME:
        _load_outcome(ld, v, at, n)
    else:
        _load_together(ld, v, at, n)
    if n.also:
        _also_links(ld, at, n)


def load_nodes(ld, nodes):
    for i, v in enumerate(nodes):
        if ld.failed:
            break
        n = Node(i)
        ld.t.nodes.append(n)
        at = item("nodes", i)
        if not isinstance(v, dict):
            ld.bad(at, f"expected an object, found {type_name(v)}")
        else:
            _load_node(ld, v, at, n)


# ---- the second pass --------------------------------------------------------------------

def _link_replaces(ld):
    t = ld.t
    for i, n in enumerate(t.nodes):
        for k, old in enumerate(n.replaces):
            if ld.failed:
                return
            p = item(key(item("nodes", i), "replaces"), k)
            if old in t.node_ids:
                ld.bad(p, f"'{show(old)}' is the id of a node of this table")
            elif old in t.replaced:
                ld.bad(p, f"'{show(old)}' is replaced by node '{t.replaced[old].id}' too")
            else:
                t.replaced[old] = n


def _check_togethers(ld):
    t = ld.t
    listed = [0] * len(t.nodes)

    def check_in(n, in_together):
        p = key(item("nodes", n.index), "in")
        if in_together and n.in_.kind != TOGETHER:
            ld.bad(p, f"'{show(n.in_.id)}' is {_A_KIND[n.in_.kind]}, not a together")
        elif not in_together and not listed[n.index]:
            ld.bad(p, f"together '{show(n.in_.id)}' does not list '{show(n.id)}' in its "
                      '"steps"')

    for n in t.nodes:
        if ld.failed:
            return
        if n.in_ is not None:
            check_in(n, True)
    for g in t.nodes:
        if g.kind != TOGETHER:
            continue
        base = key(item("nodes", g.index), "steps")
        for k, s in enumerate(g.steps):
            if ld.failed:
                return
            p = item(base, k)
            if s.kind != STEP:
                ld.bad(p, f"'{show(s.id)}' is {_A_KIND[s.kind]}, not a step: a together "
                          "holds steps only")
            elif s.in_ is None:
                ld.bad(p, f"step '{show(s.id)}' has no \"in\" naming this together")
            elif s.in_ is not g:
                ld.bad(p, f"step '{show(s.id)}' is in together '{show(s.in_.id)}', not this "
                          "one")
            else:
                listed[s.index] += 1
                if listed[s.index] > 1:
                    ld.bad(p, f"'{show(s.id)}' is listed twice")
    for n in t.nodes:
        if ld.failed:
            return
        if n.in_ is not None:
            check_in(n, False)


def _check_inner_links(ld):
    start = ld.t.start
    if start.in_ is not None:
        ld.bad("start", f"'{show(start.id)}' is a step inside together '{show(start.in_.id)}'"
                        ": a walk starts at the together")
    for link in ld.links:
        if ld.failed:
            return
        to = link.get()
        if not link.inner and to.in_ is not None:
            ld.bad(link.path, f"'{show(to.id)}' is a step inside together "
                              f"'{show(to.in_.id)}': name the together (a walk does its "
                              "steps there)")


def successors(n):
    """Where n leads: its next, then its answers' nodes (also is not a route)."""
    out = [n.next] if n.next is not None else []
    return out + [a.next for a in n.answers]


def _ends(n):
    return n.kind == OUTCOME and n.next is None


def _check_ends(ld):
    t = ld.t
    preds = [[] for _ in t.nodes]
    for n in t.nodes:
        for to in successors(n):
            preds[to.index].append(n.index)
    ok = [False] * len(t.nodes)
    queue = [n.index for n in t.nodes if _ends(n)]
    for i in queue:
        ok[i] = True
    nends = len(queue)
    head = 0
    while head < len(queue):
        v = queue[head]
        head += 1
        for p in preds[v]:
            if not ok[p]:
                ok[p] = True
                queue.append(p)
    for v in t.nodes:
        if ok[v.index] or v.in_ is not None:
            continue
        at = item("nodes", v.index)
        kind = {STEP: "step", QUESTION: "question", OUTCOME: "outcome",
                TOGETHER: "together"}[v.kind]
        if not nends:
            ld.bad(at, f"no outcome can be reached from {kind} '{show(v.id)}': the table has "
                       'no outcome where a walk ends (one without "next")')
        else:
            ld.bad(at, f"no outcome can be reached from {kind} '{show(v.id)}': the walk goes "
                       f"round {_describe_loop(ok, v)} with no way out")
        break


def _trapped_next(ok, v):
    for to in successors(v):
        if not ok[to.index]:
            return to
    return None


def _describe_loop(ok, start):
    seen = set()
    v = start
    while v is not None and v.index not in seen:
        seen.add(v.index)
        v = _trapped_next(ok, v)
    entry, parts = v, []
    for shown in range(7):
        if v is None:
            break
        if shown == 6:
            parts.append("...")
            return " -> ".join(parts)
        parts.append(f"'{show(v.id)}'")
        v = _trapped_next(ok, v)
        if v is entry:
            parts.append(f"'{show(v.id)}'")
            break
    return " -> ".join(parts)


def link_nodes(ld):
    if ld.failed:
        return
    for link in ld.links:
        to = ld.t.node_ids.get(link.id)
        if to is None:
            ld.bad(link.path, f"no node has the id '{show(link.id)}'")
            return
        link.set(to)
    _check_togethers(ld)
    if not ld.failed:
        _check_inner_links(ld)
    if not ld.failed:
        _link_replaces(ld)
    if not ld.failed:
        _check_ends(ld)
