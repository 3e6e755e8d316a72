"""Walks: a person's way through a table, one move at a time, with
libpathway's semantics (runtime/walk.c); saving a walk as JSON and
restoring it, against the same table or a newer one through `replaces`
(runtime/save.c)."""
import json
import re
import time as _time

from . import jsonstrict
from .errors import (E_ALREADY_DONE, E_ANSWER, E_ARGUMENT, E_AT_START, E_FINISHED, E_FORMAT,
                     E_KIND, E_NOT_FOUND, E_PATHWAY, E_REMOVED, E_REPLAY, E_SAVE, E_SCORE,
                     E_STEP, E_STEPS_LEFT, E_TOO_LARGE, PathwayError, show)
from .table import (ARRAY, OUTCOME, QUESTION, STEP, STRING, TOGETHER, _Loader,
                    date_parts, item, key, type_name)

WALK_FORMAT_VERSION = 2
WALK_MAX_BYTES = 1024 * 1024

NEXT, ANSWER, SCORE, CRITERIA, DONE = "next", "answer", "score", "criteria", "done"
MOVE_NAMES = (None, NEXT, ANSWER, SCORE, CRITERIA, DONE)

# A \u00xx escape (after an even number of backslashes: not "\\u00xx",
# a backslash and then "u00xx").
_UPPER_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u00([0-9a-f]{2})")

_MAX_DAYS = 2932896  # 1970-01-01 to 9999-12-31
MAX_TIME = _MAX_DAYS * 86400 + 86399


def clamp_time(t):
    return 0 if t < 0 else MAX_TIME if t > MAX_TIME else t


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z):
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, d


def format_time(t):
    """Seconds since 1970 as "YYYY-MM-DDTHH:MM:SSZ" (clamped to 1970..9999)."""
    t = clamp_time(t)
    y, m, d = _civil_from_days(t // 86400)
    s = t % 86400
    return f"{y:04d}-{m:02d}-{d:02d}T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z"


def parse_time(s):
    """Seconds since 1970 of exactly "YYYY-MM-DDTHH:MM:SSZ" from 1970; or None."""
    if len(s) != 20 or date_parts(s) is None or s[10] != "T" or s[13] != ":" or \
            s[16] != ":" or s[19] != "Z":
        return None
    hms = (s[11:13], s[14:16], s[17:19])
    if not all(len(x) == 2 and "0" <= x[0] <= "9" and "0" <= x[1] <= "9" for x in hms):
        return None
    y, mo, d = date_parts(s)
    h, mi, se = (int(x) for x in hms)
    if h > 23 or mi > 59 or se > 59 or y < 1970:
        return None
    return _days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se


# The keys a saved walk, a move and a ticked criterion may hold.
WALK_KEYS = ("format", "format_version", "pathway", "content_hash", "started", "from", "moves")
MOVE_KEYS = ("node", "move", "score", "ticked", "step", "answer", "to", "time")
TICKED_KEYS = ("id", "text")

class Move:
    """One move as it was made: kind ("next", "answer", "score", "criteria",
    "done"), frm (the node it was made at), to, answer (the answer or band
    taken), score, ticked (one flag per criterion text of frm), time, step
    (the step done)."""
    __slots__ = ("kind", "frm", "to", "answer", "score", "ticked", "time", "step")

    def __init__(self, kind, frm, to, answer=None, score=0, ticked=None, step=None):
        self.kind, self.frm, self.to, self.answer = kind, frm, to, answer
        self.score, self.ticked, self.step, self.time = score, ticked, step, 0


def _system_clock():
    return int(_time.time())


class Walk:
    """A walk through table, at its start or at node `start` (an id).
    clock: a function of no arguments returning seconds since 1970 (None:
    the system clock). Every move is checked; a refused move raises
    PathwayError and leaves the walk as it was."""

    def __init__(self, table, start=None, clock=None, _from=None, _started=None):
        self.table = table
        self.clock = clock or _system_clock
        self.saved_hash = None
        self.moves = []
        if _from is not None:
            self.frm = _from
            self.started = clamp_time(_started)
            return
        if start is None:
            self.frm = table.start
        else:
            n = table.find_node(start)
            if n is None:
                raise PathwayError(E_NOT_FOUND, "", f"no node has the id '{show(start)}'")
            if n.in_ is not None:
                raise PathwayError(E_KIND, "", f"'{n.id}' is a step inside together "
                                   f"'{n.in_.id}': a walk starts at the together")
            self.frm = n
        self.started = self._now()

    def _now(self):
        return clamp_time(int(self.clock()))

    # -- where the walk is --

    @property
    def current(self):
        return self.moves[-1].to if self.moves else self.frm

    @property
    def finished(self):
        n = self.current
        return n.kind == OUTCOME and n.next is None

    @property
    def outcome(self):
        return self.current if self.finished else None

    @property
    def path(self):
        """The nodes passed: where it started, then where each move led."""
        return [self.frm] + [m.to for m in self.moves]

    def _done_run(self):
        k = 0
        while k < len(self.moves) and self.moves[-1 - k].kind == DONE:
            k += 1
        return k

    @property
    def done_steps(self):
        """At a together: its steps done since the walk came to it, in order."""
        k = self._done_run()
        return [m.step for m in self.moves[len(self.moves) - k:]]

    def step_done(self, step):
        return step.in_ is not None and step.in_ is self.current and step in self.done_steps

    # -- moves --

    def _at_kind(self, want):
        n = self.current
        if self.finished:
            raise PathwayError(E_FINISHED, "", f"the walk has ended, at outcome '{n.id}'")
        if want == STEP and n.kind == QUESTION:
            raise PathwayError(E_KIND, "", f"'{n.id}' is a question: answer it")
        if want != STEP and n.kind != want:
            kinds = {STEP: "a step", QUESTION: "a question", TOGETHER: "a together"}
            todo = "answer it" if n.kind == QUESTION else \
                "mark its steps done, then go on with next" if n.kind == TOGETHER else \
                "go on with next"
            raise PathwayError(E_KIND, "", f"'{n.id}' is "
                               f"{kinds.get(n.kind, 'an emergency outcome that goes on')}, "
                               f"not {'a question' if want == QUESTION else 'a together'}: "
                               f"{todo}")
        return n

    def _push(self, m, t):
        m.time = clamp_time(t) if t is not None else self._now()
        self.moves.append(m)

    def next(self, _time=None):
        """On from a step, a together whose steps are all done, or an
        emergency outcome that goes on."""
        n = self._at_kind(STEP)
        if n.kind == TOGETHER and self._done_run() < len(n.steps):
            done = self.done_steps
            left = [s for s in n.steps if s not in done]
            raise PathwayError(E_STEPS_LEFT, "", f"together '{n.id}' has "
                               f"{'a step' if len(left) == 1 else 'steps'} still to do: "
                               + ", ".join(f"'{s.id}'" for s in left))
        self._push(Move(NEXT, n, n.next), _time)

    def done(self, step_id, _time=None):
        """Marks the step step_id of the together the walk is at done."""
        g = self._at_kind(TOGETHER)
        if step_id is None:
            raise PathwayError(E_ARGUMENT, "", "no step id")
        s = self.table.find_node(step_id)
        if s is None or s.in_ is not g:
            raise PathwayError(E_STEP, "", f"together '{g.id}' has no step '{show(step_id)}'")
        if s in self.done_steps:
            raise PathwayError(E_ALREADY_DONE, "", f"step '{s.id}' of together '{g.id}' is "
                                                   "done already")
        self._push(Move(DONE, g, g, step=s), _time)

    def answer(self, answer_id, _time=None):
        """A named answer at a question (a criteria question too: yes or no)."""
        q = self._at_kind(QUESTION)
        if answer_id is None:
            raise PathwayError(E_ARGUMENT, "", "no answer id")
        if q.scored:
            raise PathwayError(E_KIND, "", f"question '{q.id}' takes a score, not an answer id")
        a = q.find_answer(answer_id)
        if a is None:
            raise PathwayError(E_ANSWER, "", f"question '{q.id}' has no answer "
                                             f"'{show(answer_id)}'")
        self._push(Move(ANSWER, q, a.next, answer=a), _time)

    def score(self, score, _time=None):
        """A score at a scored question: where the band holding it leads."""
        q = self._at_kind(QUESTION)
        if not q.scored:
            raise PathwayError(E_KIND, "", f"question '{q.id}' has no score")
        if type(score) is not int:
            raise PathwayError(E_ARGUMENT, "", "a score is an integer")
        a = q.find_band(score)
        if a is None:
            raise PathwayError(E_SCORE, "", f"{score} is outside the scores of question "
                                            f"'{q.id}', {q.score_min}..{q.score_max}")
        self._push(Move(SCORE, q, a.next, answer=a, score=score), _time)

    def criteria(self, ticked, _time=None):
        """At an any-of or all-of question: ticked[i] for each of its
        criteria texts (nested ones too); yes when the list is met."""
        q = self._at_kind(QUESTION)
        if not q.criteria_mode:
            raise PathwayError(E_KIND, "", f"question '{q.id}' has no criteria")
        if ticked is None or len(ticked) != len(q.criteria):
            raise PathwayError(E_ARGUMENT, "", f"question '{q.id}' has {len(q.criteria)} "
                               f"criteria, not {0 if ticked is None else len(ticked)}")
        ticked = [bool(x) for x in ticked]

        def item_met(c):
            if c.mode is None:
                return ticked[c.first]
            k = sum(ticked[c.first:c.first + c.count])
            return k > 0 if c.mode == "any-of" else k == c.count

        met = [item_met(c) for c in q.criteria_items]
        yes = any(met) if q.criteria_mode == "any-of" else all(met)
        a = q.find_answer("yes" if yes else "no")
        self._push(Move(CRITERIA, q, a.next, answer=a, ticked=ticked), _time)

    def tick(self, ids, _time=None):
        """criteria() by the ids of the criteria ticked ("1", "2.1")."""
        q = self.current
        if not q.criteria_ids:
            return self.criteria([], _time)  # the walk says why not
        unknown = [i for i in ids if i not in q.criteria_ids]
        if unknown:
            raise PathwayError(E_ARGUMENT, "", f"question '{q.id}' has no criterion "
                                               f"'{show(unknown[0])}'")
        return self.criteria([i in ids for i in q.criteria_ids], _time)

    def back(self):
        """Undoes the last move."""
        if not self.moves:
            raise PathwayError(E_AT_START, "", "there is no move to undo: the walk is where "
                                               f"it started, at '{self.frm.id}'")
        self.moves.pop()

    # -- saving --

    def save_value(self):
        """The walk as the JSON value libpathway saves, keys in its order."""
        info = self.table.info
        moves = []
        for m in self.moves:
            v = {"node": m.frm.id, "move": m.kind}
            if m.kind == SCORE:
                v["score"] = m.score
            if m.kind == CRITERIA:
                v["ticked"] = [{"id": m.frm.criteria_ids[i], "text": m.frm.criteria[i]}
                               for i, t in enumerate(m.ticked) if t]
            if m.kind == DONE:
                v["step"] = m.step.id
            if m.kind in (ANSWER, CRITERIA):
                v["answer"] = m.answer.id
            v["to"] = m.to.id
            v["time"] = format_time(m.time)
            moves.append(v)
        return {"format": "pathway-walk", "format_version": WALK_FORMAT_VERSION,
                "pathway": info.id, "content_hash": info.content_hash,
                "started": format_time(self.started), "from": self.frm.id, "moves": moves}

    def save(self):
        """The walk as JSON text, byte for byte as libpathway writes it:
        two-space indented, keys in its order, \\u escapes of control
        characters in upper case (as jansson writes them), a new line at
        the end."""
        text = json.dumps(self.save_value(), ensure_ascii=False, indent=2)
        return _UPPER_ESCAPE.sub(lambda m: m.group(1) + "\\u00" + m.group(2).upper(),
                                 text) + "\n"

    @classmethod
    def restore(cls, table, saved, clock=None):
        """The walk saved as text `saved` (bytes or str), made again on
        table: the moves replayed exactly against the same table, or
        through `replaces` against a newer one; PathwayError otherwise."""
        size = len(saved.encode("utf-8", "surrogatepass") if isinstance(saved, str) else saved)
        if size > WALK_MAX_BYTES:
            raise PathwayError(E_TOO_LARGE, "", f"the saved walk is {size} bytes, more than "
                               f"the {WALK_MAX_BYTES // (1024 * 1024)} MiB a saved walk may be")
        root = jsonstrict.parse(saved)
        r = _Restorer(table)
        w = r.restore(root, clock)
        if r.ld.error:
            raise r.ld.error
        return w


class _Restorer:
    def __init__(self, table):
        self.ld = _Loader(E_SAVE)
        self.t = table
        self.version = 0
        self.same = False
        self.w = None

    def code(self):
        return E_SAVE if self.same else E_REPLAY

    def node_for(self, obj, at, k):
        id = self.ld.get(obj, at, k, STRING, True)
        if id is None:
            return None
        n = self.t.find_node(id)
        if n is None and not self.same:
            n = self.t.find_replacement(id)
        if n is not None:
            return n
        if self.same:
            self.ld.fail(E_SAVE, key(at, k), f"no node has the id '{show(id)}'")
        else:
            self.ld.fail(E_REMOVED, key(at, k), f"node '{show(id)}' of the saved walk is not "
                                                "in this table, and no node replaces it")
        return None

    def time_of(self, obj, at, k):
        v = self.ld.get(obj, at, k, STRING, True)
        if v is None:
            return 0
        t = parse_time(v)
        if t is None:
            self.ld.fail(E_SAVE, key(at, k), f"'{show(v)}' is not a time "
                                             "(YYYY-MM-DDTHH:MM:SSZ, from 1970)")
            return 0
        return t

    def check_header(self, root):
        ld = self.ld
        f = root.get("format")
        if f != "pathway-walk":
            return ld.fail(E_FORMAT, "format", ("missing" if "format" not in root else
                                                'expected "pathway-walk"')
                           + " (not a saved walk)")
        v = root.get("format_version")
        if type(v) is not int or v < 1:
            return ld.fail(E_FORMAT, "format_version",
                           "missing" if "format_version" not in root else
                           "not a format version")
        if v > WALK_FORMAT_VERSION:
            return ld.fail(E_FORMAT, "format_version",
                           f"{v} is newer than this library reads ({WALK_FORMAT_VERSION})")
        self.version = v
        p = ld.get(root, "", "pathway", STRING, True)
        h = ld.get(root, "", "content_hash", STRING, True)
        if p is None or h is None:
            return False
        if p != self.t.info.id:
            return ld.fail(E_PATHWAY, "pathway", f"the saved walk is of pathway '{show(p)}', "
                                                 f"not '{self.t.info.id}'")
        self.same = h == self.t.info.content_hash
        return True

    def only_keys(self, obj, base, keys, what):
        """A saved walk holds the keys of its format_version and nothing else:
        one no reader knows would be lost when the walk is saved again."""
        for k in obj:
            if k not in keys:
                self.ld.fail(E_SAVE, key(base, k),
                             f"not a key of {what} (a saved walk holds only the keys of its "
                             "format_version; one a reader does not know would be lost when "
                             "the walk is saved again)")
                return False
        return True

    def find_nodes(self, root, moves):
        self.node_for(root, "", "from")
        for i, m in enumerate(moves or []):
            if self.ld.failed:
                return
            at = item("moves", i)
            if not isinstance(m, dict):
                self.ld.fail(E_SAVE, at, f"expected an object, found {type_name(m)}")
                return
            if not self.only_keys(m, at, MOVE_KEYS, "a move"):
                return
            ticked = m.get("ticked")
            for k, v in enumerate(ticked if isinstance(ticked, list) else []):
                if isinstance(v, dict) and \
                        not self.only_keys(v, item(key(at, "ticked"), k), TICKED_KEYS,
                                           "a ticked criterion"):
                    return
            self.node_for(m, at, "node")
            self.node_for(m, at, "to")
            if self.version >= 2 and m.get("move") == "done":
                self.node_for(m, at, "step")

    def ticked_of(self, m, at, q):
        lst = self.ld.get(m, at, "ticked", ARRAY, True)
        if lst is None:
            return None
        ticked = [False] * len(q.criteria)
        for i, v in enumerate(lst):
            if self.ld.failed:
                break
            p = item(key(at, "ticked"), i)
            k = self.by_id(v, p, q) if self.version >= 2 else self.by_text(v, p, q)
            if k is not None:
                ticked[k] = True
        return None if self.ld.failed else ticked

    def by_text(self, v, p, q):
        if not isinstance(v, str):
            self.ld.fail(E_SAVE, p, f"expected a string, found {type_name(v)}")
            return None
        if v not in q.criteria:
            self.ld.fail(self.code(), p, f"'{show(v)}' is not a criterion of question '{q.id}'")
            return None
        return q.criteria.index(v)

    def by_id(self, v, p, q):
        if not isinstance(v, dict):
            self.ld.fail(E_SAVE, p, f"expected an object, found {type_name(v)}")
            return None
        id = self.ld.get(v, p, "id", STRING, True)
        text = self.ld.get(v, p, "text", STRING, True)
        if id is None or text is None:
            return None
        if id not in q.criteria_ids:
            self.ld.fail(self.code(), key(p, "id"), f"question '{q.id}' has no criterion "
                                                    f"'{show(id)}' to tick")
            return None
        k = q.criteria_ids.index(id)
        if q.criteria[k] != text:
            self.ld.fail(self.code(), key(p, "text"),
                         f"criterion '{id}' of question '{q.id}' has changed: it was "
                         f"'{show(text)}' when the walk was saved, and is "
                         f"'{show(q.criteria[k])}' now")
            return None
        return k

    def make_move(self, m, at, kind, t):
        """Makes saved move m; raises PathwayError from the walk, or
        returns False when the save is at fault (recorded)."""
        w = self.w
        q = w.current
        if kind == NEXT:
            return w.next(t)
        if kind == DONE:
            step = self.node_for(m, at, "step")
            return w.done(step.id, t) if step is not None else False
        if kind == SCORE:
            score, _ = self.ld.int(m, at, "score", 0, True)
            return False if self.ld.failed else w.score(score, t)
        if kind == CRITERIA and (q.kind != QUESTION or not q.criteria_mode):
            return w.criteria(None, t)  # the walk says why
        answer = self.ld.get(m, at, "answer", STRING, True)
        if answer is None:
            return False
        if kind == ANSWER:
            return w.answer(answer, t)
        ticked = self.ticked_of(m, at, q)
        if ticked is None:
            return False
        w.criteria(ticked, t)
        got = w.moves[-1].answer.id
        if got != answer:
            w.moves.pop()
            self.ld.fail(self.code(), key(at, "answer"),
                         f"the ticked criteria of question '{q.id}' give '{got}' in this "
                         f"table, not '{show(answer)}'")
            return False
        return None

    def replay(self, m, i):
        ld = self.ld
        at = item("moves", i)
        frm = self.node_for(m, at, "node")
        kind = ld.enum(m, at, "move", MOVE_NAMES, 6 if self.version >= 2 else 5, True)
        t = self.time_of(m, at, "time")
        if ld.failed:
            return
        cur = self.w.current
        if frm is not cur:
            ld.fail(self.code(), key(at, "node"), f"the saved move was made at "
                    f"'{m.get('node')}', but the walk is at '{cur.id}' in this table")
            return
        try:
            self.make_move(m, at, kind, t)
        except PathwayError as e:
            ld.fail(self.code(), at, e.message)
            return
        if ld.failed:
            return
        to = self.node_for(m, at, "to")
        if to is not None and to is not self.w.current:
            ld.fail(self.code(), key(at, "to"), f"the saved move led to '{m.get('to')}', but "
                    f"in this table it leads to '{self.w.current.id}'")

    def restore(self, root, clock):
        ld = self.ld
        if not isinstance(root, dict):
            ld.fail(E_FORMAT, "", f"expected an object at the top, found {type_name(root)} "
                                  "(not a saved walk)")
            return None
        if not self.check_header(root) or \
                not self.only_keys(root, "", WALK_KEYS, "a saved walk"):
            return None
        started = self.time_of(root, "", "started")
        moves = ld.get(root, "", "moves", ARRAY, True)
        if not ld.failed:
            self.find_nodes(root, moves)
        frm = self.node_for(root, "", "from")
        if frm is not None and frm.in_ is not None:
            ld.fail(self.code(), "from", f"'{frm.id}' is a step inside together "
                                         f"'{frm.in_.id}': a walk starts at the together")
        if ld.failed:
            return None
        self.w = Walk(self.t, clock=clock, _from=frm, _started=started)
        self.w.saved_hash = root["content_hash"]
        for i, m in enumerate(moves):
            if ld.failed:
                break
            self.replay(m, i)
        return None if ld.failed else self.w
