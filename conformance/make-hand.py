#!/usr/bin/env python3
"""conformance/make-hand.py: writes the hand-made files of conformance/:

  hash/*.json             small tables of each format_version, hashed here by
                          the rule of docs/table-format.md for that version
                          (not by any runtime)
  bad/*.json              malformed tables: a small valid table, "mini", with
                          one thing wrong each
  cases/hash.json         their cases: the hash each table must verify with
  cases/bad-tables.json   the error code and JSON path each must be refused
                          with

Every expected error here is written from docs/table-format.md and
docs/runtime.md ("What loading checks"), then checked against libpathway
(tests/conformance/run.c); a disagreement is a finding, not a reason to
copy what a runtime says. The tables of bad/ carry the right hash for what
they hold, so a check a runtime lacks is not hidden by the hash check.

Run it from anywhere: python3 conformance/make-hand.py. Its output is
committed; it needs only Python's standard library. With --into DIR it
writes there instead (tests/conformance/up-to-date compares the two).
"""
import copy
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = HERE  # where the files go: --into DIR for the up-to-date check


def canonical_v2(table):
    """Formats 1 and 2: keys in file order, compact, escapes as JSON's."""
    rest = {k: v for k, v in table.items() if k not in ("content_hash", "compiler")}
    return json.dumps(rest, ensure_ascii=False, separators=(",", ":"))


def jcs(v):
    """RFC 8785 for data of strings, integers, booleans, null, lists, objects:
    keys sorted by their UTF-16 code units."""
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + jcs(v[k])
                              for k in keys) + "}"
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    assert not isinstance(v, float)
    return json.dumps(v, ensure_ascii=False)


def canonical_v3(table):
    return jcs({k: v for k, v in table.items() if k not in ("content_hash", "compiler")})


def sha(text):
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def hashed(table, rule=None):
    """table with the content_hash its format_version's rule gives (or rule's)."""
    t = copy.deepcopy(table)
    t["content_hash"] = "sha256:" + "0" * 64  # a placeholder keeps the key's place
    v = t["format_version"]
    rule = rule or (canonical_v3 if isinstance(v, int) and v >= 3 else canonical_v2)
    t["content_hash"] = sha(rule(t))
    return t


def write(rel, text):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_bytes(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def pretty(table):
    return json.dumps(table, ensure_ascii=False, indent=2) + "\n"


def node(id, kind, title, **fields):
    n = {"id": id, "kind": kind, "title": title, "stage": None}
    urgency = fields.pop("urgency", "routine")
    n.update({k: v for k, v in fields.items() if k in ("by", "do", "record")})
    n["urgency"] = urgency
    n.update({k: v for k, v in fields.items() if k not in ("by", "do", "record")})
    return n


def answer(id, nxt, label=None):
    return {"id": id, "label": label or id.capitalize(), "next": nxt}


def mini(version=2):
    """A small valid table: risk? yes -> call (emergency), no -> talk -> nfa."""
    return {
        "format": "pathway-table",
        "format_version": version,
        "compiler": "hand-made",
        "content_hash": "",
        "pathway": {"id": "mini", "title": "Mini"},
        "start": "risk",
        "stages": [],
        "contacts": [],
        "roles": [],
        "forms": [],
        "nodes": [
            node("risk", "question", "Is anyone at immediate risk?",
                 answers=[answer("yes", "call"), answer("no", "talk")]),
            node("talk", "step", "Talk to your DSL", record="What you noticed", next="nfa"),
            node("call", "outcome", "Call 999", urgency="immediate", outcome="emergency"),
            node("nfa", "outcome", "No further action", outcome="no-further-action"),
        ],
    }


# ---- hash/: a table of each format, hashed by its rule ---------------------

def hash_tables():
    cases = []
    # Text the canonical form escapes (controls, quote, backslash) and text
    # it keeps as it is (slash, U+007F, U+2028, non-ASCII, outside the BMP).
    odd = "Ctl \u0001\u001f del \u007f slash / e\u0301 \u2028 tab\t quote\" \\ \U0001F600"

    v1 = mini(1)
    v1["nodes"][0] = node("risk", "question", "Do any of these apply?",
                          criteria={"mode": "any-of", "items": ["Injury", "Threats"]},
                          answers=[answer("yes", "call"), answer("no", "talk")])
    v1["nodes"][1]["note"] = odd
    v1 = hashed(v1)
    write("hash/format1.json", pretty(v1))
    cases.append({"name": "hash: format 1 (criteria as texts), by the file-order rule",
                  "kind": "table", "table": "hash/format1.json",
                  "expect": {"ok": True, "format_version": 1,
                             "content_hash": v1["content_hash"]}})

    v2 = mini(2)
    v2["pathway"]["area"] = "Tests"
    v2["nodes"][1]["note"] = odd
    v2["nodes"][1]["tbc"] = ["Who to tell out of hours"]
    v2 = hashed(v2)
    write("hash/format2.json", pretty(v2))
    cases.append({"name": "hash: format 2, by the file-order rule",
                  "kind": "table", "table": "hash/format2.json",
                  "expect": {"ok": True, "format_version": 2,
                             "content_hash": v2["content_hash"]}})
    # The same table written with the compiler's upper-case \u escapes and
    # "\/": the hash is of the content, not of the file's escapes.
    text = pretty(v2).replace("\\u001f", "\\u001F").replace("slash /", "slash \\/")
    assert text != pretty(v2)
    write("hash/format2-escapes.json", text)
    cases.append({"name": "hash: format 2 written with other escapes (\\u001F, \\/) verifies",
                  "kind": "table", "table": "hash/format2-escapes.json",
                  "expect": {"ok": True, "content_hash": v2["content_hash"]}})
    # Keys in another order: the format-2 rule follows the file's order.
    shuffled = dict(reversed(list(v2.items())))
    write("hash/format2-reordered.json", pretty(shuffled))
    cases.append({"name": "hash: format 2 with its keys reordered does not verify",
                  "kind": "table", "table": "hash/format2-reordered.json",
                  "expect": {"error": {"code": "PATHWAY_E_HASH", "where": "content_hash"}}})
    wrong = copy.deepcopy(v2)
    wrong["nodes"][1]["title"] = "Talk to your DSL today"
    write("hash/format2-edited.json", pretty(wrong))
    cases.append({"name": "hash: format 2 edited after hashing does not verify",
                  "kind": "table", "table": "hash/format2-edited.json",
                  "expect": {"error": {"code": "PATHWAY_E_HASH", "where": "content_hash"}}})
    cases.append({"name": "hash: an edited table loads when the hash check is off",
                  "kind": "table", "table": "hash/format2-edited.json",
                  "no_hash_check": True, "expect": {"ok": True}})
    jcs_hashed = hashed(mini(2), canonical_v3)
    write("hash/format2-jcs-hash.json", pretty(jcs_hashed))
    cases.append({"name": "hash: format 2 hashed by format 3's rule does not verify",
                  "kind": "table", "table": "hash/format2-jcs-hash.json",
                  "expect": {"error": {"code": "PATHWAY_E_HASH", "where": "content_hash"}}})

    v3 = mini(3)
    v3["nodes"][1]["note"] = odd
    # Keys the format does not define are kept and hashed. These two sort
    # one way by UTF-16 code units (U+1F600 is D83D DE00, before U+FB01)
    # and the other by code points: RFC 8785 says UTF-16.
    v3["x-\ufb01"] = "ligature"
    v3["x-\U0001F600"] = "smile"
    v3 = hashed(v3)
    assert canonical_v3(v3).index("x-\U0001F600") < canonical_v3(v3).index("x-\ufb01")
    write("hash/format3.json", pretty(v3))
    cases.append({"name": "hash: format 3, by RFC 8785 (keys sorted by UTF-16 code units)",
                  "kind": "table", "table": "hash/format3.json",
                  "requires": {"table_format": 3},
                  "expect": {"ok": True, "format_version": 3,
                             "content_hash": v3["content_hash"]}})
    write("hash/format3-reordered.json",
          json.dumps(dict(reversed(list(v3.items()))), ensure_ascii=False, indent=4) + "\n")
    cases.append({"name": "hash: format 3 with its keys reordered still verifies",
                  "kind": "table", "table": "hash/format3-reordered.json",
                  "requires": {"table_format": 3},
                  "expect": {"ok": True, "content_hash": v3["content_hash"]}})
    v3_old_rule = hashed(v3, canonical_v2)
    write("hash/format3-file-order-hash.json", pretty(v3_old_rule))
    cases.append({"name": "hash: format 3 hashed by format 2's rule does not verify",
                  "kind": "table", "table": "hash/format3-file-order-hash.json",
                  "requires": {"table_format": 3},
                  "expect": {"error": {"code": "PATHWAY_E_HASH", "where": "content_hash"}}})
    # Code-point order instead of UTF-16 order: the mistake a port in a
    # language that sorts by code point makes.
    cp = {k: v for k, v in v3.items() if k not in ("content_hash", "compiler")}
    cp_text = "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + jcs(cp[k])
                             for k in sorted(cp)) + "}"
    v3_cp = copy.deepcopy(v3)
    v3_cp["content_hash"] = sha(cp_text)
    assert v3_cp["content_hash"] != v3["content_hash"]
    write("hash/format3-code-point-hash.json", pretty(v3_cp))
    cases.append({"name": "hash: format 3 hashed with keys in code-point order does not verify",
                  "kind": "table", "table": "hash/format3-code-point-hash.json",
                  "requires": {"table_format": 3},
                  "expect": {"error": {"code": "PATHWAY_E_HASH", "where": "content_hash"}}})
    real = copy.deepcopy(v3)
    real["x-number"] = 1
    real = hashed(real)
    write("hash/format3-real.json",
          pretty(real).replace('"x-number": 1', '"x-number": 1.0'))
    cases.append({"name": "format 3: a number that is not an integer (1.0), even in a key the "
                          "format does not define, is refused",
                  "kind": "table", "table": "hash/format3-real.json",
                  "requires": {"table_format": 3},
                  "note": "the code and path are this suite's reading of the format-3 rule "
                          "(integers only); the lead's loader decides them",
                  "expect": {"error": {"code": "PATHWAY_E_TABLE", "where": "x-number"}}})
    return cases


# ---- bad/: malformed tables --------------------------------------------------

def bad_tables():
    cases = []

    def case(name, table, code, where, note=None, text=None, flags=None):
        fname = "bad/" + name + ".json"
        write(fname, text if text is not None else pretty(hashed(table)))
        c = {"name": "bad table: " + name, "kind": "table", "table": fname}
        if note:
            c["note"] = note
        c["expect"] = {"error": {"code": code, "where": where}}
        cases.append(c)

    def edit(f):
        t = mini()
        f(t)
        return t

    good = pretty(hashed(mini()))
    write("hash/mini.json", good)
    cases.append({"name": "mini loads (the table every bad table is one edit of)",
                  "kind": "table", "table": "hash/mini.json",
                  "expect": {"ok": True, "content_hash": hashed(mini())["content_hash"]}})

    # Text that is not one JSON value.
    case("not-json", None, "PATHWAY_E_JSON", "", text=good[:200])
    case("two-values", None, "PATHWAY_E_JSON", "", text=good + "{}\n")
    case("empty", None, "PATHWAY_E_JSON", "", text="")
    dup = good.replace('"title": "Talk to your DSL",',
                       '"title": "Talk to your DSL",\n      "title": "Talk to someone",', 1)
    assert dup != good
    case("duplicate-key", None, "PATHWAY_E_JSON", "", text=dup,
         note="a key twice in one object is refused, whatever the two values")
    dup_top = good.replace('"start": "risk",', '"start": "risk",\n  "start": "talk",', 1)
    case("duplicate-key-top", None, "PATHWAY_E_JSON", "", text=dup_top)
    deep = good.replace('"forms": []', '"forms": [], "x-deep": ' + "[" * 5000 + "]" * 5000, 1)
    case("too-deep", None, "PATHWAY_E_JSON", "", text=deep,
         note="nesting 5000 deep, in a key the format does not define: more than a JSON "
              "parser need take (jansson's limit is 2048)")

    def text_case(name, text, note=None):
        case(name, None, "PATHWAY_E_JSON", "", text=text, note=note)
    text_case("string-with-nul", good.replace('"Mini"', '"Mi\\u0000ni"', 1))
    text_case("lone-surrogate", good.replace('"Mini"', '"Mi\\ud800ni"', 1),
              note="a high surrogate escape with no low one after it")
    text_case("nan", good.replace('"forms": []', '"forms": [], "x-n": NaN', 1))
    text_case("infinity", good.replace('"forms": []', '"forms": [], "x-n": -Infinity', 1))
    text_case("integer-too-big",
              good.replace('"forms": []', '"forms": [], "x-n": 9223372036854775808', 1),
              note="2^63: more than a 64-bit integer holds")
    text_case("real-overflow", good.replace('"forms": []', '"forms": [], "x-n": 1e999', 1))
    text_case("byte-order-mark", "\ufeff" + good)
    # JSON, but not an object: not a table (as a list at the top)
    case("top-level-string", None, "PATHWAY_E_FORMAT", "", text='"pathway-table"\n')
    case("top-level-null", None, "PATHWAY_E_FORMAT", "", text="null\n")
    text_case("control-character-in-string", good.replace('"Mini"', '"Mi\tni"', 1),
              note="a raw tab inside a string (it must be written \\t)")
    text_case("single-quotes", good.replace('"Mini"', "'Mini'", 1))
    text_case("stray-comma", good.replace('"nodes": [', '"nodes": [,', 1))
    write_bytes("bad/not-utf-8.json", good.encode().replace(b"Mini", b"Mi\xff\xfeni", 1))
    cases.append({"name": "bad table: not-utf-8", "kind": "table",
                  "table": "bad/not-utf-8.json",
                  "expect": {"error": {"code": "PATHWAY_E_JSON", "where": ""}}})
    write_bytes("bad/overlong-utf-8.json",
                good.encode().replace(b"Mini", b"Mi\xc0\xafni", 1))
    cases.append({"name": "bad table: overlong-utf-8", "kind": "table",
                  "table": "bad/overlong-utf-8.json",
                  "note": "C0 AF: '/' in two bytes, which UTF-8 forbids",
                  "expect": {"error": {"code": "PATHWAY_E_JSON", "where": ""}}})

    # Not a table, or not one this runtime reads.
    case("not-object", None, "PATHWAY_E_FORMAT", "", text="[]\n")
    case("no-format", edit(lambda t: t.pop("format")), "PATHWAY_E_FORMAT", "format")
    case("format-walk", edit(lambda t: t.update(format="pathway-walk")),
         "PATHWAY_E_FORMAT", "format")
    case("format-version-99", edit(lambda t: t.update(format_version=99)),
         "PATHWAY_E_FORMAT", "format_version")
    case("format-version-0", edit(lambda t: t.update(format_version=0)),
         "PATHWAY_E_FORMAT", "format_version")
    case("format-version-string", edit(lambda t: t.update(format_version="2")),
         "PATHWAY_E_FORMAT", "format_version")
    case("format-version-real", None, "PATHWAY_E_FORMAT", "format_version",
         text=good.replace('"format_version": 2,', '"format_version": 2.0,', 1),
         note="2.0 is not an integer")

    # Fields missing or mistyped.
    case("no-start", edit(lambda t: t.pop("start")), "PATHWAY_E_TABLE", "start")
    case("no-nodes", edit(lambda t: t.pop("nodes")), "PATHWAY_E_TABLE", "nodes")
    case("empty-nodes", edit(lambda t: t.update(nodes=[], start="risk")),
         "PATHWAY_E_TABLE", "nodes")
    case("no-pathway-id", edit(lambda t: t["pathway"].pop("id")),
         "PATHWAY_E_TABLE", "pathway.id")
    case("bad-id", edit(lambda t: t["pathway"].update(id="two words")),
         "PATHWAY_E_TABLE", "pathway.id")
    case("bad-hash-shape", None, "PATHWAY_E_TABLE", "content_hash",
         text=good.replace('"sha256:', '"md5:', 1))
    case("title-number", edit(lambda t: t["nodes"][1].update(title=7)),
         "PATHWAY_E_TABLE", "nodes[1].title")
    case("unknown-kind", edit(lambda t: t["nodes"][1].update(kind="task")),
         "PATHWAY_E_TABLE", "nodes[1].kind")
    case("unknown-urgency", edit(lambda t: t["nodes"][1].update(urgency="soon")),
         "PATHWAY_E_TABLE", "nodes[1].urgency")
    case("no-stage-key", edit(lambda t: t["nodes"][1].pop("stage")),
         "PATHWAY_E_TABLE", "nodes[1].stage")
    case("bad-date", edit(lambda t: t["pathway"].update(review_by="2025-02-30")),
         "PATHWAY_E_TABLE", "pathway.review_by")
    case("empty-do", edit(lambda t: t["nodes"][1].update({"do": []})),
         "PATHWAY_E_TABLE", "nodes[1].do")

    # Numbers: integers only.
    def scored(t):
        t["nodes"][0] = node("risk", "question", "How many?", score={"min": 0, "max": 10},
                             answers=[{"band": {"min": 0, "max": 4}, "next": "talk"},
                                      {"band": {"min": 5, "max": 10}, "next": "call"}])
    good_scored = pretty(hashed(edit(scored)))
    write("hash/mini-scored.json", good_scored)
    cases.append({"name": "mini with a scored question loads", "kind": "table",
                  "table": "hash/mini-scored.json", "expect": {"ok": True}})
    case("score-real", None, "PATHWAY_E_TABLE", "nodes[0].score.max",
         text=good_scored.replace('"max": 10\n', '"max": 10.0\n', 1),
         note="10.0 is not an integer")
    case("score-exponent", None, "PATHWAY_E_TABLE", "nodes[0].score.max",
         text=good_scored.replace('"max": 10\n', '"max": 1e1\n', 1),
         note="1e1 is not an integer in JSON's grammar of integers")
    case("score-negative", None, "PATHWAY_E_TABLE", "nodes[0].score.min",
         text=good_scored.replace('"min": 0,', '"min": -1,', 1),
         note="numbers are whole numbers from 0")
    case("score-huge", None, "PATHWAY_E_TABLE", "nodes[0].score.max",
         text=good_scored.replace('"max": 10\n', '"max": 2147483648\n', 1),
         note="numbers go up to 2147483647")
    case("bands-overlap",
         edit(lambda t: (scored(t), t["nodes"][0]["answers"][1]["band"].update(min=4))),
         "PATHWAY_E_TABLE", "nodes[0].answers[1].band")
    case("bands-gap",
         edit(lambda t: (scored(t), t["nodes"][0]["answers"][1]["band"].update(min=6))),
         "PATHWAY_E_TABLE", "nodes[0].answers",
         note="5 is in no band: the gap is the answers' as a whole")

    # Links.
    case("start-to-nothing", edit(lambda t: t.update(start="nowhere")),
         "PATHWAY_E_TABLE", "start")
    case("next-to-nothing", edit(lambda t: t["nodes"][1].update(next="nowhere")),
         "PATHWAY_E_TABLE", "nodes[1].next")
    case("answer-to-nothing",
         edit(lambda t: t["nodes"][0]["answers"][1].update(next="nowhere")),
         "PATHWAY_E_TABLE", "nodes[0].answers[1].next")
    case("by-no-role", edit(lambda t: t["nodes"][1].update(by="dsl")),
         "PATHWAY_E_TABLE", "nodes[1].by")
    case("duplicate-node-id", edit(lambda t: t["nodes"][3].update(id="call")),
         "PATHWAY_E_TABLE", "nodes[3].id")
    case("duplicate-answer-id",
         edit(lambda t: t["nodes"][0]["answers"][1].update(id="yes")),
         "PATHWAY_E_TABLE", "nodes[0].answers[1].id")
    case("replaces-own-node", edit(lambda t: t["nodes"][1].update(replaces=["nfa"])),
         "PATHWAY_E_TABLE", "nodes[1].replaces[0]",
         note="replaces names ids the pathway had before, never a node it has")

    # Kinds and their fields.
    case("step-with-answers",
         edit(lambda t: t["nodes"][1].update(answers=[answer("a", "nfa"), answer("b", "nfa")])),
         "PATHWAY_E_TABLE", "nodes[1].answers")
    case("step-without-next", edit(lambda t: t["nodes"][1].pop("next")),
         "PATHWAY_E_TABLE", "nodes[1].next")
    case("question-one-answer", edit(lambda t: t["nodes"][0]["answers"].pop()),
         "PATHWAY_E_TABLE", "nodes[0].answers")
    case("outcome-with-next", edit(lambda t: t["nodes"][3].update(next="talk")),
         "PATHWAY_E_TABLE", "nodes[3].next",
         note="only an emergency outcome has a next")
    case("criteria-answers-not-yes-no",
         edit(lambda t: t["nodes"][0].update(
             criteria={"mode": "any-of", "items": [{"id": "1", "text": "Injury"}]},
             answers=[answer("yes", "call"), answer("maybe", "talk")])),
         "PATHWAY_E_TABLE", "nodes[0].answers")
    case("criteria-id-not-place",
         edit(lambda t: t["nodes"][0].update(
             criteria={"mode": "any-of", "items": [{"id": "1", "text": "Injury"},
                                                   {"id": "3", "text": "Threats"}]})),
         "PATHWAY_E_TABLE", "nodes[0].criteria.items[1].id")
    case("criteria-too-deep",
         edit(lambda t: t["nodes"][0].update(
             criteria={"mode": "any-of", "items": [
                 {"id": "1", "mode": "all-of", "items": [
                     {"id": "1.1", "mode": "any-of",
                      "items": [{"id": "1.1.1", "text": "Deep"}]}]}]})),
         "PATHWAY_E_TABLE", "nodes[0].criteria.items[0].items[0]",
         note="criteria nest one level deep")

    def together(t, step_ids=("a", "b")):
        t["nodes"][1:2] = [node("talk", "together", "Both", steps=list(step_ids), next="nfa")] + \
            [node(s, "step", "Step " + s, **{"in": "talk"}) for s in ("a", "b")]
    case("together-one-step", edit(lambda t: together(t, ("a",))),
         "PATHWAY_E_TABLE", "nodes[1].steps")
    case("link-into-together",
         edit(lambda t: (together(t), t["nodes"][0]["answers"][1].update(next="a"))),
         "PATHWAY_E_TABLE", "nodes[0].answers[1].next",
         note="a link names the together, never a step inside it")

    # Walks that could not end.
    case("trapped-loop",
         edit(lambda t: (t["nodes"][1].update(next="talk2"),
                         t["nodes"].insert(2, node("talk2", "step", "Again", next="talk")))),
         "PATHWAY_E_TABLE", "nodes[1]",
         note="talk -> talk2 -> talk: no outcome can be reached; the first such node "
              "in table order is named")
    case("no-ending-outcome",
         edit(lambda t: (t["nodes"][3].update(outcome="emergency", next="talk"),
                         t["nodes"][2].update(next="talk"))),
         "PATHWAY_E_TABLE", "nodes[0]",
         note="every outcome goes on: no walk can end")

    # Format 1 and 2 differences.
    case("not-stated-in-format-1",
         edit(lambda t: (t.update(format_version=1),
                         t["nodes"][1].update(consent={"rule": "not-stated"}))),
         "PATHWAY_E_TABLE", "nodes[1].consent.rule",
         note="\"not-stated\" is a rule of format 2")
    return cases


# ---- malformed saved walks ----------------------------------------------------

def bad_saves():
    cases = []

    def save(moves, frm="risk", **top):
        s = {"format": "pathway-walk", "format_version": 2, "pathway": "kinds",
             "content_hash": "@hash:tables/kinds.json", "started": "2025-01-31T09:00:00Z",
             "from": frm, "moves": moves}
        if moves is None:
            s.pop("moves")
        for k, v in top.items():
            if v is None:
                s.pop(k)
            else:
                s[k] = v
        return s

    def move(node, kind, to, time="2025-01-31T09:01:00Z", **fields):
        m = {"node": node, "move": kind}
        m.update(fields)
        m.update({"to": to, "time": time})
        return m

    def case(name, code, where, saved=None, saved_file=None, note=None):
        c = {"name": "bad save: " + name, "kind": "restore", "table": "tables/kinds.json"}
        if note:
            c["note"] = note
        if saved_file:
            c["saved_file"] = saved_file
        else:
            c["saved"] = saved
        c["expect"] = {"error": {"code": code, "where": where}}
        cases.append(c)

    yes = move("risk", "answer", "call_999", answer="yes")
    zero = "sha256:" + "0" * 64
    write("bad/save-not-json.json", '{"format": "pathway-walk", "format_version": 2,\n')
    write("bad/save-duplicate-key.json",
          '{"format": "pathway-walk", "format_version": 2, "pathway": "kinds", '
          '"pathway": "kinds",\n "content_hash": "%s",\n "started": '
          '"2025-01-31T09:00:00Z", "from": "risk", "moves": []}\n' % zero)
    write("bad/save-score-real.json",
          '{"format": "pathway-walk", "format_version": 2, "pathway": "kinds",\n'
          ' "content_hash": "%s",\n "started": "2025-01-31T09:00:00Z", "from": "dash",\n'
          ' "moves": [{"node": "dash", "move": "score", "score": 3.0, "to": "nfa", '
          '"time": "2025-01-31T09:01:00Z"}]}\n' % zero)
    case("not JSON", "PATHWAY_E_JSON", "", saved_file="bad/save-not-json.json")
    case("a key twice", "PATHWAY_E_JSON", "", saved_file="bad/save-duplicate-key.json")
    case("a score of 3.0", "PATHWAY_E_SAVE", "moves[0].score",
         saved_file="bad/save-score-real.json", note="numbers are integers")
    case("not an object", "PATHWAY_E_FORMAT", "", saved=[yes])
    case("no format", "PATHWAY_E_FORMAT", "format", save([yes], format=None))
    case("a table's format", "PATHWAY_E_FORMAT", "format", save([yes], format="pathway-table"))
    case("format_version 99", "PATHWAY_E_FORMAT", "format_version",
         save([yes], format_version=99))
    case("format_version 0", "PATHWAY_E_FORMAT", "format_version",
         save([yes], format_version=0))
    case("format_version a string", "PATHWAY_E_FORMAT", "format_version",
         save([yes], format_version="2"))
    case("no pathway", "PATHWAY_E_SAVE", "pathway", save([yes], pathway=None))
    case("no content_hash", "PATHWAY_E_SAVE", "content_hash", save([yes], content_hash=None))
    case("no started", "PATHWAY_E_SAVE", "started", save([yes], started=None))
    case("started not a real date", "PATHWAY_E_SAVE", "started",
         save([yes], started="2025-02-30T09:00:00Z"))
    case("started not in UTC", "PATHWAY_E_SAVE", "started",
         save([yes], started="2025-01-31T09:00:00+01:00"))
    case("no from", "PATHWAY_E_SAVE", "from", save([yes], **{"from": None}))
    case("from a node that is not there", "PATHWAY_E_SAVE", "from", save([], frm="nowhere"),
         note="same content hash: a node that is not there is a malformed save")
    case("no moves", "PATHWAY_E_SAVE", "moves", save(None))
    case("moves not a list", "PATHWAY_E_SAVE", "moves", save({"0": yes}))
    case("a move not an object", "PATHWAY_E_SAVE", "moves[1]", save([yes, "next"]))
    case("a move of no known kind", "PATHWAY_E_SAVE", "moves[0].move",
         save([move("risk", "jump", "call_999")]))
    case("a move without its time", "PATHWAY_E_SAVE", "moves[0].time",
         save([{"node": "risk", "move": "answer", "answer": "yes", "to": "call_999"}]))
    case("a move to a node that is not there", "PATHWAY_E_SAVE", "moves[0].to",
         save([move("risk", "answer", "nowhere", answer="yes")]))
    case("a move made at another node than the walk is at", "PATHWAY_E_SAVE", "moves[0].node",
         save([move("act", "next", "level")]))
    case("an answer the question does not have", "PATHWAY_E_SAVE", "moves[0]",
         save([move("risk", "answer", "call_999", answer="perhaps")]))
    case("an answer without its id", "PATHWAY_E_SAVE", "moves[0].answer",
         save([move("risk", "answer", "call_999")]))
    case("a move that led elsewhere", "PATHWAY_E_SAVE", "moves[0].to",
         save([move("risk", "answer", "act", answer="yes")]))
    case("a move after the walk ended", "PATHWAY_E_SAVE", "moves[1]",
         save([yes, move("call_999", "next", "risk", time="2025-01-31T09:02:00Z")]))
    case("ticked criteria that give another answer", "PATHWAY_E_SAVE", "moves[0].answer",
         save([move("urgent", "criteria", "serious", ticked=[{"id": "2", "text": "Injury"}],
                    answer="no")], frm="urgent"))
    case("a ticked criterion that is not an object (format 2)", "PATHWAY_E_SAVE",
         "moves[0].ticked[0]",
         save([move("urgent", "criteria", "call_999", ticked=["Injury"], answer="yes")],
              frm="urgent"))
    case("a ticked criterion the question does not have", "PATHWAY_E_SAVE",
         "moves[0].ticked[0].id",
         save([move("urgent", "criteria", "call_999", ticked=[{"id": "9", "text": "Injury"}],
                    answer="yes")], frm="urgent"))
    # keys a saved walk does not define are refused, not dropped (a reader
    # would lose them when it saves the walk again)
    case("a key a saved walk does not have", "PATHWAY_E_SAVE", "note",
         dict(save([yes]), note="seen by the DSL"))
    case("a key a move does not have", "PATHWAY_E_SAVE", "moves[0].why",
         save([dict(yes, why="she said so")]))
    case("a key a ticked criterion does not have", "PATHWAY_E_SAVE",
         "moves[0].ticked[0].weight",
         save([move("urgent", "criteria", "call_999",
                    ticked=[{"id": "2", "text": "Injury", "weight": 2}], answer="yes")],
              frm="urgent"))
    case("a ticked criterion of another text", "PATHWAY_E_SAVE", "moves[0].ticked[0].text",
         save([move("urgent", "criteria", "call_999", ticked=[{"id": "2", "text": "Threats"}],
                    answer="yes")], frm="urgent"))
    case("a criterion text the question does not have (format 1)", "PATHWAY_E_SAVE",
         "moves[0].ticked[0]",
         save([move("urgent", "criteria", "call_999", ticked=["Bruises"], answer="yes")],
              frm="urgent", format_version=1))
    case("a done move in a save of format 1", "PATHWAY_E_SAVE", "moves[0].move",
         {"format": "pathway-walk", "format_version": 1, "pathway": "forms",
          "content_hash": "@hash:tables/forms.json", "started": "2025-01-31T09:00:00Z",
          "from": "refer_both",
          "moves": [move("refer_both", "done", "refer_both", step="tell_parents")]},
         note="format 1 had no done moves")
    case("a step done that is not the together's", "PATHWAY_E_SAVE", "moves[0]",
         {"format": "pathway-walk", "format_version": 2, "pathway": "forms",
          "content_hash": "@hash:tables/forms.json", "started": "2025-01-31T09:00:00Z",
          "from": "refer_both",
          "moves": [move("refer_both", "done", "refer_both", step="tell_dsl")]})
    case("from a step inside a together", "PATHWAY_E_SAVE", "from",
         {"format": "pathway-walk", "format_version": 2, "pathway": "forms",
          "content_hash": "@hash:tables/forms.json", "started": "2025-01-31T09:00:00Z",
          "from": "refer_climb", "moves": []})
    for c in cases:
        if c["table"] == "tables/kinds.json" and "saved" in c and \
                isinstance(c["saved"], dict) and c["saved"].get("pathway") == "forms":
            c["table"] = "tables/forms.json"
    return cases


# ---- libpathway's own malformed tables --------------------------------------------

def libpathway_bad():
    """tests/runtime/bad/ (written by tests/runtime/make-bad.py, each with
    its code and exact message in NAME.expected), copied as cases: the
    code, and the path the message begins with. A table refused for a
    format_version newer than libpathway reads is left out (that is the
    library's, not the format's); one of a format_version after 2 requires
    a runtime that reads it."""
    import re
    src = os.path.join(HERE, "..", "tests", "runtime", "bad")
    path = re.compile(r"^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])*)*$")
    cases = []
    for name in sorted(os.listdir(src)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(src, name), "rb") as f:
            data = f.read()
        with open(os.path.join(src, name[:-5] + ".expected"), encoding="utf-8") as f:
            code, message = f.read().split("\n")[:2]
        if "is newer than this library reads" in message:
            continue  # what the library reads is the library's, not the format's
        try:
            root = json.loads(data)
            version = root.get("format_version") if isinstance(root, dict) else None
        except ValueError:
            version = None
        head = message.split(": ")[0]
        where = head if path.match(head) else ""
        write_bytes(os.path.join("bad", "libpathway", name), data)
        c = {"name": "libpathway bad table: " + name[:-5], "kind": "table",
             "table": "bad/libpathway/" + name,
             "note": "from tests/runtime/bad; libpathway says: " + message}
        if isinstance(version, int) and version > 2:
            c["requires"] = {"table_format": version}
        c["expect"] = {"error": {"code": code, "where": where}}
        cases.append(c)
    return cases


def main():
    global OUT
    if len(sys.argv) == 3 and sys.argv[1] == "--into":
        OUT = sys.argv[2]
    elif len(sys.argv) != 1:
        sys.exit("usage: make-hand.py [--into DIR]")
    hash_cases = hash_tables()
    bad_cases = bad_tables()
    # mini and mini-scored are hash/ files too; their cases go with the bad
    # tables they are the base of.
    write("cases/hash.json", json.dumps({"cases": hash_cases}, ensure_ascii=False, indent=2)
          + "\n")
    write("cases/bad-saves.json",
          json.dumps({"cases": bad_saves()}, ensure_ascii=False, indent=2) + "\n")
    write("cases/libpathway-bad-tables.json",
          json.dumps({"cases": libpathway_bad()}, ensure_ascii=False, indent=2) + "\n")
    write("cases/bad-tables.json",
          json.dumps({"cases": bad_cases}, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
