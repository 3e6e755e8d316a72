"""Every case of conformance/ (conformance/README.md), one test each,
against this package. The cases are found at $PATHWAY_CONFORMANCE, or at
conformance/ at the top of the source tree this package is in.

    cd runtime/python && python3 -m unittest
"""
import glob
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import libpathway as pathway  # noqa: E402
from libpathway import PathwayError  # noqa: E402

CONFORMANCE = os.environ.get("PATHWAY_CONFORMANCE") or \
    os.path.join(HERE, "..", "..", "..", "conformance")

CLOCK_START = 1738314000  # 2025-01-31T09:00:00Z


class Clock:
    """The cases' clock: 2025-01-31T09:00:00Z, then a minute more a read."""

    def __init__(self):
        self.next = CLOCK_START

    def __call__(self):
        t = self.next
        self.next += 60
        return t


class CaseError(Exception):
    """The case itself cannot be run (a file missing, a key unknown)."""


def path_of(rel):
    return os.path.join(CONFORMANCE, rel)


def read(rel):
    try:
        with open(path_of(rel), "rb") as f:
            return f.read()
    except OSError as e:
        raise CaseError(f"cannot read {rel}: {e.strerror}")


def known(obj, what, keys):
    if not isinstance(obj, dict):
        raise CaseError(f"{what}: expected an object")
    for k in obj:
        if k not in keys:
            raise CaseError(f"{what}: unknown key '{k}'")


def subst(v):
    """v with every "@hash:FILE" replaced by FILE's content_hash."""
    if isinstance(v, str) and v.startswith("@hash:"):
        return pathway.load_table(read(v[6:])).content_hash
    if isinstance(v, dict):
        return {k: subst(x) for k, x in v.items()}
    if isinstance(v, list):
        return [subst(x) for x in v]
    return v


class Conformance(unittest.TestCase):
    maxDiff = None

    def expect_error(self, want, fn, what):
        known(want, what, ("code", "where"))
        try:
            fn()
        except PathwayError as e:
            self.assertEqual(e.code, want["code"], f"{what}: {e.message}")
            if "where" in want:
                self.assertEqual(e.where, want["where"], f"{what}: {e.message}")
            return
        self.fail(f"{what}: expected {want['code']}, but it succeeded")

    # -- table cases --

    def run_table(self, c):
        known(c, "case", ("name", "kind", "note", "requires", "table", "no_hash_check",
                          "expect", "expect_by_format"))
        data = read(c["table"])
        if ("expect" in c) == ("expect_by_format" in c):
            raise CaseError("a table case has expect or expect_by_format")
        expect = c.get("expect")
        if expect is None:
            version = json.loads(data).get("format_version")
            expect = c["expect_by_format"].get(str(version))
            if expect is None:
                raise CaseError(f"expect_by_format: nothing for format_version {version}")
        known(expect, "expect", ("ok", "error", "content_hash", "format_version"))
        check = not c.get("no_hash_check", False)
        if "error" in expect:
            self.expect_error(expect["error"], lambda: pathway.load_table(data, check), "load")
            return
        if expect.get("ok") is not True:
            raise CaseError("expect: ok or error")
        t = pathway.load_table(data, check)
        if "content_hash" in expect:
            self.assertEqual(t.content_hash, expect["content_hash"])
            self.assertEqual(pathway.content_hash(json.loads(data)), expect["content_hash"])
        if "format_version" in expect:
            self.assertEqual(t.format_version, expect["format_version"])

    # -- walk and restore cases --

    def make_moves(self, w, moves):
        if not isinstance(moves, list):
            raise CaseError("moves: expected a list")
        for i, m in enumerate(moves):
            what = f"moves[{i}]"
            known(m, what, ("next", "answer", "score", "ticked", "done", "back", "error"))
            ops = [k for k in m if k != "error"]
            if len(ops) != 1:
                raise CaseError(f"{what}: a move has one of next, answer, score, ticked, "
                                "done, back")
            op = ops[0]
            q = w.current

            def move(op=op, v=m[op], q=q):
                if op == "next":
                    w.next()
                elif op == "back":
                    w.back()
                elif op == "answer":
                    w.answer(v)
                elif op == "score":
                    w.score(v)
                elif op == "done":
                    w.done(v)
                elif q.criteria_ids:
                    unknown = [x for x in v if x not in q.criteria_ids]
                    if unknown:
                        raise CaseError(f"ticked: '{q.id}' has no criterion '{unknown[0]}'")
                    w.criteria([x in v for x in q.criteria_ids])
                else:
                    w.criteria([])
            if "error" in m:
                before = (len(w.moves), w.current)
                self.expect_error(m["error"], move, what)
                self.assertEqual((len(w.moves), w.current), before,
                                 f"{what}: a refused move changed the walk")
            else:
                try:
                    move()
                except PathwayError as e:
                    self.fail(f"{what}: refused: {e.code}: {e.message}")

    def check_walk(self, w, expect):
        known(expect, "expect", ("path", "at", "finished", "outcome", "done", "saved",
                                 "saved_hash"))
        if "path" in expect:
            self.assertEqual([n.id for n in w.path], expect["path"], "expect.path")
        if "at" in expect:
            self.assertEqual(w.current.id, expect["at"], "expect.at")
        if "finished" in expect:
            self.assertEqual(w.finished, expect["finished"], "expect.finished")
        if "outcome" in expect:
            self.assertEqual(w.outcome.id if w.outcome else None, expect["outcome"],
                             "expect.outcome")
        if "done" in expect:
            self.assertEqual([s.id for s in w.done_steps], expect["done"], "expect.done")
        if "saved_hash" in expect:
            self.assertEqual(w.saved_hash, subst(expect["saved_hash"]), "expect.saved_hash")
        if "saved" in expect:
            text = w.save()
            self.assertEqual(json.loads(text), subst(expect["saved"]), "expect.saved")

    def run_walk(self, c):
        known(c, "case", ("name", "kind", "note", "requires", "table", "no_hash_check",
                          "from", "start_error", "moves", "expect"))
        t = pathway.load_table(read(c["table"]), not c.get("no_hash_check", False))
        clock = Clock()
        if "start_error" in c:
            if "moves" in c or "expect" in c:
                raise CaseError("a case that expects an error has no moves and expects "
                                "nothing else")
            self.expect_error(c["start_error"], lambda: pathway.Walk(t, c.get("from"), clock),
                              "start")
            return
        w = pathway.Walk(t, c.get("from"), clock)
        self.make_moves(w, c.get("moves", []))
        if "expect" not in c:
            raise CaseError("a walk case has expect")
        self.check_walk(w, c["expect"])

    def run_restore(self, c):
        known(c, "case", ("name", "kind", "note", "requires", "table", "no_hash_check",
                          "saved", "saved_file", "moves", "expect"))
        t = pathway.load_table(read(c["table"]), not c.get("no_hash_check", False))
        if ("saved" in c) == ("saved_file" in c):
            raise CaseError("a restore case has saved or saved_file")
        text = read(c["saved_file"]) if "saved_file" in c else \
            json.dumps(subst(c["saved"]), ensure_ascii=False)
        expect = c.get("expect")
        if expect is None:
            raise CaseError("a restore case has expect")
        if "error" in expect:
            if "moves" in c or len(expect) != 1:
                raise CaseError("a case that expects an error has no moves and expects "
                                "nothing else")
            self.expect_error(expect["error"], lambda: pathway.Walk.restore(t, text, Clock()),
                              "restore")
            return
        w = pathway.Walk.restore(t, text, Clock())
        self.make_moves(w, c.get("moves", []))
        self.check_walk(w, expect)

    def run_case(self, c):
        req = c.get("requires")
        if req is not None:
            known(req, "requires", ("table_format",))
            if req.get("table_format", 0) > pathway.TABLE_FORMAT_VERSION:
                self.skipTest(f"needs table format {req['table_format']}")
        kind = c.get("kind")
        if kind == "table":
            self.run_table(c)
        elif kind == "walk":
            self.run_walk(c)
        elif kind == "restore":
            self.run_restore(c)
        else:
            raise CaseError(f"unknown kind {kind!r}")


def _add_cases():
    files = sorted(glob.glob(os.path.join(CONFORMANCE, "cases", "*.json")))
    if not files:
        raise RuntimeError(f"no conformance cases at {CONFORMANCE}/cases: set "
                           "PATHWAY_CONFORMANCE")
    names = set()
    n = 0
    for f in files:
        with open(f, encoding="utf-8") as fh:
            cases = json.load(fh)["cases"]
        for c in cases:
            n += 1
            name = c["name"]
            if name in names:
                raise RuntimeError(f"{f}: a second case named {name!r}")
            names.add(name)

            def test(self, c=c):
                self.run_case(c)
            test.__doc__ = f"{os.path.basename(f)}: {name}"
            base = os.path.basename(f)[:-5].replace("-", "_")
            slug = "".join(ch if ch.isalnum() else "_" for ch in name.lower())[:60]
            setattr(Conformance, f"test_{n:03d}_{base}_{slug.strip('_')}", test)


_add_cases()

if __name__ == "__main__":
    unittest.main()
