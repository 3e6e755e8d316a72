#!/usr/bin/env python3
"""tests/runtime/make-bad.py — writes base.json (a small valid table of
format_version 1), base-v2.json (the same table in format 2, with a value
for every key format 2 added), base-v3.json and base-v3-shuffled.json (the
format-2 table in format 3, with keys the format does not define whose
order differs between UTF-8 and UTF-16, written with sorted and with
shuffled keys: format 3's hash does not depend on their order) and
bad/NAME.json with bad/NAME.expected for each malformed table below.

Each case is a change to base.json (or, for the keys of format 2, to
base-v2.json) and the error libpathway must give for it: the code's name
on the first line of NAME.expected, the exact message on the second. The expectations are written here by hand (they are the
specification, not captured output); test_bad.c loads every bad/*.json and
compares. Run it after changing a case, and review the diff:

    python3 tests/runtime/make-bad.py
"""
import copy
import hashlib
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

BASE = {
    "format": "pathway-table",
    "format_version": 1,
    "compiler": "pathwayc 0.1.0",
    "content_hash": "",
    "pathway": {"id": "demo", "title": "Demo", "review_by": "2030-01-31"},
    "start": "risk",
    "stages": [{"id": "s1", "title": "Stage one"}],
    "contacts": [
        {"id": "police", "title": "Police", "phone": "999", "out_of_hours": "night"},
        {"id": "night", "title": "Night line", "email": "night@example.org"},
    ],
    "roles": [{"id": "dsl", "title": "DSL"}],
    "forms": [{"id": "f1", "title": "Form", "url": "https://example.org/f1"}],
    "nodes": [
        {"id": "risk", "kind": "question", "title": "Risk?", "stage": None,
         "urgency": "routine",
         "answers": [{"id": "yes", "label": "Yes", "next": "call"},
                     {"id": "no", "label": "No", "next": "talk"}]},
        {"id": "talk", "kind": "step", "title": "Talk", "stage": "s1", "by": "dsl",
         "forms": ["f1"], "contacts": ["police"],
         "within": {"value": 1, "unit": "days", "kind": "max"},
         "urgency": "routine", "consent": {"rule": "needed"},
         "also": [{"node": "nfa", "why": "Beside"}], "replaces": ["old_talk"],
         "next": "dash"},
        {"id": "dash", "kind": "question", "title": "Score", "stage": None,
         "urgency": "routine", "score": {"min": 0, "max": 10},
         "answers": [{"band": {"min": 0, "max": 4}, "next": "nfa"},
                     {"band": {"min": 5, "max": 10}, "next": "tick"}]},
        {"id": "tick", "kind": "question", "title": "Any?", "stage": None,
         "urgency": "routine",
         "answers": [{"id": "yes", "label": "Yes", "next": "call"},
                     {"id": "no", "label": "No", "next": "nfa"}],
         "criteria": {"mode": "any-of", "items": ["One", "Two"]}},
        {"id": "call", "kind": "outcome", "title": "Call", "stage": None,
         "contacts": ["police"], "urgency": "immediate", "outcome": "emergency"},
        {"id": "nfa", "kind": "outcome", "title": "NFA", "stage": None,
         "urgency": "routine", "outcome": "no-further-action"},
    ],
}


# Format 2: the same table with every key format 2 added (a format-1
# table is a format-2 table without them). No emergency_route here, as the
# table has an emergency outcome; the cases give it one.
BASE2 = copy.deepcopy(BASE)
BASE2["format_version"] = 2
BASE2["pathway"] = {
    "id": "demo", "title": "Demo", "status": "approved", "approved_by": "The Board",
    "approved_on": "2025-01-31", "source": {"text": "Manual"},
    "sources": [{"text": "Manual"}, {"text": "Guide", "url": "https://example.org/guide"}],
    "review_by": "2030-01-31", "area": "Hertfordshire",
    "topic": "Exploitation", "summary": "Use this when you are worried.",
    "tbc": ["The phone number"]}
BASE2["stages"][0]["tbc"] = ["Who leads it"]
BASE2["contacts"][1]["tbc"] = ["Its hours", "Its phone number"]
BASE2["forms"][0]["tbc"] = ["Which version"]
BASE2["nodes"][1]["tbc"] = ["How soon"]
BASE2["nodes"][1]["consent"] = {"rule": "not-stated", "text": "The source does not say."}
BASE2["nodes"][2]["answers"][1]["label"] = "High risk"
BASE2["nodes"][5]["by_text"] = "The chair of the meeting"
# format 2's shapes: criteria with ids, nested one level; an emergency
# outcome that goes on, to a together of two steps (nodes 6, 7, 8)
BASE2["nodes"][3]["criteria"] = {"mode": "any-of", "items": [
    {"id": "1", "text": "One"},
    {"id": "2", "mode": "all-of", "items": [{"id": "2.1", "text": "Two"},
                                            {"id": "2.2", "text": "Three"}]}]}
BASE2["nodes"][4]["next"] = "both"
BASE2["nodes"] += [
    {"id": "both", "kind": "together", "title": "Both", "stage": None,
     "record": "Which were done", "urgency": "urgent", "steps": ["b1", "b2"],
     "next": "nfa"},
    {"id": "b1", "kind": "step", "title": "One of them", "stage": None,
     "contacts": ["police"], "urgency": "routine", "in": "both"},
    {"id": "b2", "kind": "step", "title": "The other", "stage": None, "by": "dsl",
     "urgency": "routine", "replaces": ["old_b2"], "in": "both"},
]

# Format 3: format 2 with the canonical hash (RFC 8785). Keys the format
# does not define (which a reader ignores, and the hash covers) whose order
# differs between UTF-8 and UTF-16 (U+E000 comes before U+1F600 in UTF-8,
# after it in UTF-16, where U+1F600 is the surrogates D83D DE00), and text
# that needs escapes and is not ASCII.
BASE3 = copy.deepcopy(BASE2)
BASE3["format_version"] = 3
BASE3["pathway"]["x\ue000"] = 1
BASE3["pathway"]["x\U0001F600"] = -2
BASE3["pathway"]["note"] = "Tab\there, \u00e9, \u0001 and \"quotes\" \\ \u2028 /"


def canonical(v):
    """RFC 8785 for JSON of strings, whole numbers, lists and objects: keys
    sorted by their UTF-16 code units (docs/table-format.md)."""
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical(v[k])
                              for k in keys) + "}"
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    assert not isinstance(v, float)
    return json.dumps(v, ensure_ascii=False)


def content_hash(table, rule=None):
    """docs/table-format.md, "The content hash": by the rule of the table's
    format_version (or the one given: "file-order" or "canonical")."""
    t = {k: v for k, v in table.items() if k not in ("content_hash", "compiler")}
    if rule is None:
        rule = "canonical" if table.get("format_version") == 3 else "file-order"
    if rule == "canonical":
        text = canonical(t)
    else:
        text = json.dumps(t, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def hashed(table, rule=None):
    table["content_hash"] = content_hash(table, rule)
    return table


def shuffled(v, rng):
    """The same JSON with the keys of every object in another order."""
    if isinstance(v, dict):
        keys = list(v)
        rng.shuffle(keys)
        return {k: shuffled(v[k], rng) for k in keys}
    if isinstance(v, list):
        return [shuffled(x, rng) for x in v]
    return v


def node(t, i):
    return t["nodes"][i]


# name: (change to a copy of the base, or raw text; code; message)
def cases():
    def c(f, base=BASE):
        def change():
            t = copy.deepcopy(hashed(copy.deepcopy(base)))
            f(t)
            return t
        return change

    def put(path_fn, key, value, base=BASE):
        return c(lambda t: path_fn(t).__setitem__(key, value), base)

    def drop(path_fn, key):
        return c(lambda t: path_fn(t).pop(key))

    def put2(path_fn, key, value):  # a change to the format-2 table
        return put(path_fn, key, value, BASE2)

    def drop2(path_fn, key):
        return c(lambda t: path_fn(t).pop(key), BASE2)

    def c2(f):
        return c(f, BASE2)

    def c3(f):
        return c(f, BASE3)

    def put3(path_fn, key, value):  # a change to the format-3 table
        return put(path_fn, key, value, BASE3)

    def hashed_by(base, rule):  # the table, hashed by another format's rule
        return lambda: hashed(copy.deepcopy(base), rule)

    # A change after which the table is hashed again, as a hand edit that
    # knows the rule would be: only what the change breaks is wrong.
    def rehashed(f, base=BASE):
        def change():
            t = copy.deepcopy(base)
            f(t)
            return hashed(t)
        return change

    def to_step(i, nxt):  # node i made a step that goes on to nxt
        def f(t):
            node(t, i).update(kind="step", next=nxt)
            node(t, i).pop("outcome")
        return f

    def each(*fs):
        def f(t):
            for g in fs:
                g(t)
        return f

    crit = lambda t: node(t, 3)["criteria"]
    nested = lambda t: node(t, 3)["criteria"]["items"][1]

    top = lambda t: t
    pw = lambda t: t["pathway"]
    n = lambda i: (lambda t: node(t, i))
    ans = lambda i, k: (lambda t: node(t, i)["answers"][k])

    E = "PATHWAY_E_TABLE"
    F = "PATHWAY_E_FORMAT"
    H = "PATHWAY_E_HASH"
    J = "PATHWAY_E_JSON"
    return {
        # ---- not JSON, not a table, another format
        "not-json": ('{"format": "pathway-table",', J,
                     "not JSON: line 1, column 27: the text ends before its JSON does"),
        "empty-file": ("", J, "not JSON: line 1, column 1: no value (the text is empty)"),
        "duplicate-key": ('{"format": "pathway-table", "format": "pathway-table"}', J,
                          "not JSON: line 1, column 36: the key \"format\" twice in one object"),
        "top-array": ("[1, 2]\n", F,
                      "expected an object at the top, found an array (not a pathway table)"),
        "format-missing": (drop(top, "format"), F, "format: missing (not a pathway table)"),
        "format-wrong": (put(top, "format", "pathway-tables"), F,
                         "format: expected \"pathway-table\", found 'pathway-tables'"),
        "format-version-newer": (put(top, "format_version", 4), F,
                                 "format_version: 4 is newer than this library reads (3)"),
        "v2-format-version-newer": (put2(top, "format_version", 4), F,
                                    "format_version: 4 is newer than this library reads (3)"),
        # ---- format 3: whole numbers only, and its own hash rule
        "v3-real-number": (put3(pw, "weight", 1.0), E,
                           "pathway.weight: 1.0 is not a whole number (a table of "
                           "format_version 3 holds whole numbers only, written without "
                           "'.' or 'e')"),
        "v3-real-in-list": (c3(lambda t: node(t, 0).__setitem__("x", [1, {"y": 2.5}])), E,
                            "nodes[0].x[1].y: 2.5 is not a whole number (a table of "
                            "format_version 3 holds whole numbers only, written without "
                            "'.' or 'e')"),
        "v3-exponent": ('{"format": "pathway-table", "format_version": 3, "n": 1e2}', E,
                        "n: 1e2 is not a whole number (a table of format_version 3 holds "
                        "whole numbers only, written without '.' or 'e')"),
        "v3-integer-too-large": (put3(pw, "big", 9007199254740992), E,
                                 "pathway.big: 9007199254740992 is beyond the whole numbers "
                                 "every JSON reader keeps exactly (-9007199254740991 to "
                                 "9007199254740991)"),
        "v3-integer-too-small": (put3(pw, "big", -9007199254740992), E,
                                 "pathway.big: -9007199254740992 is beyond the whole "
                                 "numbers every JSON reader keeps exactly "
                                 "(-9007199254740991 to 9007199254740991)"),
        "v3-hashed-in-file-order": (hashed_by(BASE3, "file-order"), H, None),
        "v2-hashed-canonically": (hashed_by(BASE2, "canonical"), H, None),
        "format-version-string": (put(top, "format_version", "1"), F,
                                  "format_version: expected an integer, found a string"),
        "format-version-zero": (put(top, "format_version", 0), F,
                                "format_version: 0 is not a format version"),
        # ---- the top level
        "compiler-missing": (drop(top, "compiler"), E, "compiler: missing"),
        "hash-malformed": (put(top, "content_hash", "sha256:ABC"), E,
                           "content_hash: 'sha256:ABC' is not \"sha256:\" and 64 "
                           "lower-case hex digits"),
        "pathway-missing": (drop(top, "pathway"), E, "pathway: missing"),
        "pathway-id-not-id": (put(pw, "id", "my pathway"), E,
                              "pathway.id: 'my pathway' is not an id"),
        "pathway-title-number": (put(pw, "title", 7), E,
                                 "pathway.title: expected a string, found an integer"),
        "pathway-status": (put(pw, "status", "final"), E,
                           "pathway.status: 'final' is not \"draft\", \"approved\" or "
                           "\"under-review\""),
        "pathway-review-by": (put(pw, "review_by", "2025-02-30"), E,
                              "pathway.review_by: '2025-02-30' is not a date (YYYY-MM-DD)"),
        "pathway-source-no-text": (put(pw, "source", {"url": "https://example.org"}), E,
                                   "pathway.source.text: missing"),
        "pathway-approved-by-number": (put(pw, "approved_by", 1), E,
                                       "pathway.approved_by: expected a string, found an "
                                       "integer"),
        "pathway-approved-on": (put(pw, "approved_on", "31/01/2025"), E,
                                "pathway.approved_on: '31/01/2025' is not a date (YYYY-MM-DD)"),
        "start-missing": (drop(top, "start"), E, "start: missing"),
        "start-unknown": (put(top, "start", "begin"), E, "start: no node has the id 'begin'"),
        "stages-object": (put(top, "stages", {}), E,
                          "stages: expected an array, found an object"),
        "nodes-not-array": (put(top, "nodes", "risk"), E,
                            "nodes: expected an array, found a string"),
        "nodes-empty": (put(top, "nodes", []), E,
                        "nodes: an empty list (a table has at least one node)"),
        # ---- stages, contacts, roles, forms
        "stage-not-object": (c(lambda t: t["stages"].__setitem__(0, "s1")), E,
                             "stages[0]: expected an object, found a string"),
        "stage-duplicate": (c(lambda t: t["stages"].append({"id": "s1", "title": "Again"})), E,
                            "stages[1].id: the id 's1' is already used by stages[0]"),
        "contact-out-of-hours": (put(lambda t: t["contacts"][0], "out_of_hours", "day"), E,
                                 "contacts[0].out_of_hours: no contact has the id 'day'"),
        "contact-email": (put(lambda t: t["contacts"][1], "email", "night at example.org"), E,
                          "contacts[1].email: 'night at example.org' is not one email address"),
        "contact-url": (put(lambda t: t["contacts"][1], "url", "ftp://example.org"), E,
                        "contacts[1].url: 'ftp://example.org' is not a web address "
                        "(https:// or http://)"),
        "form-per-child-false": (put(lambda t: t["forms"][0], "per_child", False), E,
                                 "forms[0].per_child: expected true, found false"),
        "role-title-missing": (drop(lambda t: t["roles"][0], "title"), E,
                               "roles[0].title: missing"),
        # ---- nodes: fields every kind has
        "node-not-object": (c(lambda t: t["nodes"].__setitem__(1, ["talk"])), E,
                            "nodes[1]: expected an object, found an array"),
        "node-duplicate-id": (put(n(5), "id", "call"), E,
                              "nodes[5].id: the id 'call' is already used by nodes[4]"),
        "node-id-trailing-dash": (put(n(5), "id", "nfa-"), E, "nodes[5].id: 'nfa-' is not an id"),
        "node-kind": (put(n(1), "kind", "action"), E,
                      "nodes[1].kind: 'action' is not \"step\", \"question\" or \"outcome\""),
        "node-title-missing": (drop(n(4), "title"), E, "nodes[4].title: missing"),
        "node-stage-missing": (drop(n(4), "stage"), E, "nodes[4].stage: missing"),
        "node-stage-unknown": (put(n(1), "stage", "s2"), E,
                               "nodes[1].stage: no stage has the id 's2'"),
        "node-stage-number": (put(n(1), "stage", 3), E,
                              "nodes[1].stage: expected a string or null, found an integer"),
        "node-by-unknown": (put(n(1), "by", "head"), E, "nodes[1].by: no role has the id 'head'"),
        "node-form-unknown": (put(n(1), "forms", ["f1", "f2"]), E,
                              "nodes[1].forms[1]: no form has the id 'f2'"),
        "node-contacts-empty": (put(n(4), "contacts", []), E,
                                "nodes[4].contacts: an empty list (the key is left out when "
                                "there is nothing to list)"),
        "node-do-number": (put(n(1), "do", ["Talk", 2]), E,
                           "nodes[1].do[1]: expected a string, found an integer"),
        "timescale-zero": (put(n(1), "within", {"value": 0, "unit": "days", "kind": "max"}), E,
                           "nodes[1].within.value: 0 is not a whole number from 1 to 2147483647"),
        "timescale-too-big": (put(n(1), "within",
                                  {"value": 3000000000, "unit": "days", "kind": "max"}), E,
                              "nodes[1].within.value: 3000000000 is not a whole number from 1 "
                              "to 2147483647"),
        "timescale-unit": (put(n(1), "within", {"value": 2, "unit": "fortnights", "kind": "max"}),
                           E, "nodes[1].within.unit: 'fortnights' is not \"minutes\", \"hours\", "
                           "\"days\", \"working-days\", \"weeks\" or \"months\""),
        "timescale-kind": (put(n(1), "within", {"value": 1, "unit": "days", "kind": "target"}), E,
                           "nodes[1].within.kind: 'target' under \"within\", which is always "
                           "'max'"),
        "urgency-missing": (drop(n(5), "urgency"), E, "nodes[5].urgency: missing"),
        "consent-rule": (put(n(1), "consent", {"rule": "maybe"}), E,
                         "nodes[1].consent.rule: 'maybe' is not \"needed\", \"not-needed\", "
                         "\"seek-unless-unsafe\", \"inform-unless-unsafe\" or "
                         "\"not-applicable\""),
        "personal-string": (put(n(1), "personal", "yes"), E,
                            "nodes[1].personal: expected true, found a string"),
        "also-both": (put(n(1), "also", [{"node": "nfa", "pathway": "other"}]), E,
                      "nodes[1].also[0]: has both \"node\" and \"pathway\""),
        "also-neither": (put(n(1), "also", [{"why": "Beside"}]), E,
                         "nodes[1].also[0]: has neither \"node\" nor \"pathway\""),
        "also-node-unknown": (put(n(1), "also", [{"node": "elsewhere"}]), E,
                              "nodes[1].also[0].node: no node has the id 'elsewhere'"),
        "replaces-existing": (put(n(1), "replaces", ["dash"]), E,
                              "nodes[1].replaces[0]: 'dash' is the id of a node of this table"),
        "replaces-twice": (put(n(5), "replaces", ["old_talk"]), E,
                           "nodes[5].replaces[0]: 'old_talk' is replaced by node 'talk' too"),
        # ---- steps
        "step-next-missing": (drop(n(1), "next"), E, "nodes[1].next: missing"),
        "step-next-unknown": (put(n(1), "next", "dahs"), E,
                              "nodes[1].next: no node has the id 'dahs'"),
        "step-with-answers": (put(n(1), "answers", []), E,
                              "nodes[1].answers: a step does not take \"answers\""),
        # ---- questions
        "question-without-answers": (drop(n(0), "answers"), E, "nodes[0].answers: missing"),
        "question-one-answer": (c(lambda t: node(t, 0)["answers"].pop()), E,
                                "nodes[0].answers: a question needs at least two answers, "
                                "found 1"),
        "question-with-next": (put(n(0), "next", "talk"), E,
                               "nodes[0].next: a question does not take \"next\""),
        "question-with-do": (put(n(0), "do", ["Ask"]), E,
                             "nodes[0].do: a question does not take \"do\""),
        "answer-not-object": (c(lambda t: node(t, 0)["answers"].__setitem__(1, "no")), E,
                              "nodes[0].answers[1]: expected an object, found a string"),
        "answer-next-unknown": (put(ans(0, 1), "next", "tlak"), E,
                                "nodes[0].answers[1].next: no node has the id 'tlak'"),
        "answer-duplicate": (put(ans(0, 1), "id", "yes"), E,
                             "nodes[0].answers[1].id: the question already has an answer 'yes'"),
        "answer-label-missing": (drop(ans(0, 0), "label"), E,
                                 "nodes[0].answers[0].label: missing"),
        "score-reversed": (put(n(2), "score", {"min": 10, "max": 0}), E,
                           "nodes[2].score: min 10 is greater than max 0"),
        "score-real": (put(n(2), "score", {"min": 0, "max": 10.5}), E,
                       "nodes[2].score.max: expected an integer, found a real number"),
        "band-negative": (put(ans(2, 0), "band", {"min": -1, "max": 4}), E,
                          "nodes[2].answers[0].band.min: -1 is not a whole number from 0 "
                          "to 2147483647"),
        "bands-overlap": (put(ans(2, 1), "band", {"min": 4, "max": 10}), E,
                          "nodes[2].answers[1].band: 4..10 overlaps band 0..4 "
                          "(nodes[2].answers[0])"),
        "bands-gap": (put(ans(2, 1), "band", {"min": 7, "max": 10}), E,
                      "nodes[2].answers: no band holds the scores 5..6"),
        "bands-short": (put(ans(2, 1), "band", {"min": 5, "max": 9}), E,
                        "nodes[2].answers: no band holds the scores 10..10"),
        "band-outside": (put(ans(2, 1), "band", {"min": 5, "max": 12}), E,
                         "nodes[2].answers[1].band: 5..12 goes outside the score range 0..10"),
        "scored-named-answer": (c(lambda t: node(t, 2)["answers"].__setitem__(
                                    0, {"id": "low", "label": "Low", "next": "nfa"})), E,
                                "nodes[2].answers[0].band: missing"),
        "unscored-band": (c(lambda t: node(t, 0)["answers"].__setitem__(
                              0, {"band": {"min": 0, "max": 1}, "next": "call"})), E,
                          "nodes[0].answers[0].band: a band, but the question has no \"score\""),
        "scored-with-criteria": (put(n(2), "criteria", {"mode": "any-of", "items": ["One"]}), E,
                                 "nodes[2].criteria: a scored question does not take "
                                 "\"criteria\""),
        "criteria-mode": (put(n(3), "criteria", {"mode": "some-of", "items": ["One"]}), E,
                          "nodes[3].criteria.mode: 'some-of' is not \"any-of\" or \"all-of\""),
        "criteria-empty": (put(n(3), "criteria", {"mode": "all-of", "items": []}), E,
                           "nodes[3].criteria.items: an empty list (the key is left out when "
                           "there is nothing to list)"),
        "criteria-not-yes-no": (put(ans(3, 1), "id", "maybe"), E,
                                "nodes[3].answers: a question with criteria has exactly the "
                                "answers yes and no"),
        # ---- outcomes
        "outcome-kind-missing": (drop(n(5), "outcome"), E, "nodes[5].outcome: missing"),
        "outcome-kind": (put(n(5), "outcome", "closed"), E,
                         "nodes[5].outcome: 'closed' is not \"emergency\", \"referral\", "
                         "\"advice\", \"monitor\" or \"no-further-action\""),
        "outcome-with-next": (put(n(5), "next", "risk"), E,
                              "nodes[5].next: an outcome does not take \"next\""),
        # ---- the content hash
        "hash-mismatch": (put(n(4), "title", "Call 101"), "PATHWAY_E_HASH", None),
        # ---- format 2's keys, each checked as the others are
        "v2-area-number": (put2(pw, "area", 7), E,
                           "pathway.area: expected a string, found an integer"),
        "v2-topic-null": (put2(pw, "topic", None), E,
                          "pathway.topic: expected a string, found null"),
        "v2-summary-array": (put2(pw, "summary", ["Use this"]), E,
                             "pathway.summary: expected a string, found an array"),
        "v2-approved-on": (put2(pw, "approved_on", "2025-13-01"), E,
                           "pathway.approved_on: '2025-13-01' is not a date (YYYY-MM-DD)"),
        "v2-emergency-route-string": (put2(pw, "emergency_route", "none"), E,
                                      "pathway.emergency_route: expected an object, "
                                      "found a string"),
        "v2-emergency-route-value": (put2(pw, "emergency_route", {"value": "some"}), E,
                                     "pathway.emergency_route.value: 'some' is not \"none\""),
        "v2-emergency-route-no-value": (put2(pw, "emergency_route", {"text": "Why"}), E,
                                        "pathway.emergency_route.value: missing"),
        "v2-emergency-route-text": (put2(pw, "emergency_route",
                                         {"value": "none", "text": True}), E,
                                    "pathway.emergency_route.text: expected a string, "
                                    "found true"),
        "v2-sources-empty": (put2(pw, "sources", []), E,
                             "pathway.sources: an empty list (the key is left out when "
                             "there is nothing to list)"),
        "v2-sources-string": (put2(pw, "sources", "Manual"), E,
                              "pathway.sources: expected an array, found a string"),
        "v2-sources-item-string": (put2(pw, "sources", ["Manual"]), E,
                                   "pathway.sources[0]: expected an object, found a string"),
        "v2-sources-no-text": (put2(pw, "sources", [{"url": "https://example.org/m"}]), E,
                               "pathway.sources[0].text: missing"),
        "v2-source-not-first": (put2(pw, "source", {"text": "Guide"}), E,
                                "pathway.source: differs from pathway.sources[0], which "
                                "it must repeat"),
        "v2-pathway-tbc-empty": (put2(pw, "tbc", []), E,
                                 "pathway.tbc: an empty list (the key is left out when "
                                 "there is nothing to list)"),
        "v2-pathway-tbc-string": (put2(pw, "tbc", "The phone number"), E,
                                  "pathway.tbc: expected an array, found a string"),
        "v2-stage-tbc-number": (put2(lambda t: t["stages"][0], "tbc", ["Who", 2]), E,
                                "stages[0].tbc[1]: expected a string, found an integer"),
        "v2-contact-tbc-object": (put2(lambda t: t["contacts"][1], "tbc", {"x": "y"}), E,
                                  "contacts[1].tbc: expected an array, found an object"),
        "v2-form-tbc-empty": (put2(lambda t: t["forms"][0], "tbc", []), E,
                              "forms[0].tbc: an empty list (the key is left out when "
                              "there is nothing to list)"),
        "v2-node-tbc-null": (put2(n(1), "tbc", [None]), E,
                             "nodes[1].tbc[0]: expected a string, found null"),
        "v2-by-and-by-text": (put2(n(1), "by_text", "The chair"), E,
                              "nodes[1].by_text: a node has \"by\" (a role) or \"by_text\", "
                              "not both"),
        "v2-by-text-number": (put2(n(5), "by_text", 5), E,
                              "nodes[5].by_text: expected a string, found an integer"),
        "v2-band-label-number": (put2(ans(2, 0), "label", 1), E,
                                 "nodes[2].answers[0].label: expected a string, found an "
                                 "integer"),
        "v2-answer-label-missing": (c(lambda t: node(t, 0)["answers"][0].pop("label"),
                                      BASE2), E, "nodes[0].answers[0].label: missing"),
        "v2-consent-rule": (put2(n(1), "consent", {"rule": "unknown"}), E,
                            "nodes[1].consent.rule: 'unknown' is not \"needed\", "
                            "\"not-needed\", \"seek-unless-unsafe\", "
                            "\"inform-unless-unsafe\", \"not-applicable\" or \"not-stated\""),
        "consent-not-stated-format-1": (put(n(1), "consent", {"rule": "not-stated"}), E,
                                        "nodes[1].consent.rule: 'not-stated' is a rule of "
                                        "format_version 2, and this table is of "
                                        "format_version 1"),
        "v2-hash-mismatch": (c(lambda t: t["nodes"][1]["tbc"].__setitem__(0, "How late"),
                               BASE2), "PATHWAY_E_HASH", None),
        # ---- togethers (format 2)
        "together-format-1": (put(n(1), "kind", "together"), E,
                              "nodes[1].kind: 'together' is not \"step\", \"question\" or "
                              "\"outcome\""),
        "v2-node-kind": (put2(n(1), "kind", "action"), E,
                         "nodes[1].kind: 'action' is not \"step\", \"question\", "
                         "\"outcome\" or \"together\""),
        "v2-together-steps-missing": (drop2(n(6), "steps"), E, "nodes[6].steps: missing"),
        "v2-together-one-step": (put2(n(6), "steps", ["b1"]), E,
                                 "nodes[6].steps: a together holds at least two steps, "
                                 "found 1"),
        "v2-together-steps-string": (put2(n(6), "steps", "b1 b2"), E,
                                     "nodes[6].steps: expected an array, found a string"),
        "v2-together-step-not-id": (put2(n(6), "steps", ["b1", "b 2"]), E,
                                    "nodes[6].steps[1]: 'b 2' is not an id"),
        "v2-together-next-missing": (drop2(n(6), "next"), E, "nodes[6].next: missing"),
        "v2-together-step-unknown": (put2(n(6), "steps", ["b1", "b3"]), E,
                                     "nodes[6].steps[1]: no node has the id 'b3'"),
        "v2-together-step-not-step": (put2(n(6), "steps", ["b1", "b2", "nfa"]), E,
                                      "nodes[6].steps[2]: 'nfa' is an outcome, not a step: "
                                      "a together holds steps only"),
        "v2-together-step-no-in": (put2(n(6), "steps", ["b1", "b2", "talk"]), E,
                                   "nodes[6].steps[2]: step 'talk' has no \"in\" naming "
                                   "this together"),
        "v2-together-step-twice": (put2(n(6), "steps", ["b1", "b2", "b1"]), E,
                                   "nodes[6].steps[2]: 'b1' is listed twice"),
        "v2-together-step-of-another": (c2(lambda t: t["nodes"].append(
                                            {"id": "both2", "kind": "together", "title": "2",
                                             "stage": None, "urgency": "routine",
                                             "steps": ["b1", "b2"], "next": "nfa"})), E,
                                        "nodes[9].steps[0]: step 'b1' is in together "
                                        "'both', not this one"),
        "v2-together-with-contacts": (put2(n(6), "contacts", ["police"]), E,
                                      "nodes[6].contacts: a together does not take "
                                      "\"contacts\""),
        "v2-together-with-consent": (put2(n(6), "consent", {"rule": "needed"}), E,
                                     "nodes[6].consent: a together does not take "
                                     "\"consent\""),
        "v2-together-with-in": (put2(n(6), "in", "both"), E,
                                "nodes[6].in: a together does not take \"in\""),
        "v2-step-with-steps": (put2(n(1), "steps", ["b1", "b2"]), E,
                               "nodes[1].steps: a step does not take \"steps\""),
        "v2-question-with-in": (put2(n(0), "in", "both"), E,
                                "nodes[0].in: a question does not take \"in\""),
        "v2-outcome-with-steps": (put2(n(5), "steps", ["b1", "b2"]), E,
                                  "nodes[5].steps: an outcome does not take \"steps\""),
        "v2-in-unknown": (put2(n(8), "in", "bothe"), E,
                          "nodes[8].in: no node has the id 'bothe'"),
        "v2-in-not-together": (put2(n(8), "in", "talk"), E,
                               "nodes[8].in: 'talk' is a step, not a together"),
        "v2-in-not-listed": (c2(lambda t: t["nodes"].append(
                                 {"id": "b3", "kind": "step", "title": "3", "stage": None,
                                  "urgency": "routine", "in": "both"})), E,
                             "nodes[9].in: together 'both' does not list 'b3' in its "
                             "\"steps\""),
        "v2-in-and-next": (put2(n(7), "next", "nfa"), E,
                           "nodes[7].next: a step inside a together (\"in\") does not take "
                           "\"next\": the together's next says where the walk goes"),
        "v2-step-neither-in-nor-next": (drop2(n(1), "next"), E, "nodes[1].next: missing"),
        "v2-start-inner-step": (put2(top, "start", "b1"), E,
                                "start: 'b1' is a step inside together 'both': a walk "
                                "starts at the together"),
        "v2-next-to-inner-step": (put2(n(1), "next", "b2"), E,
                                  "nodes[1].next: 'b2' is a step inside together 'both': "
                                  "name the together (a walk does its steps there)"),
        "v2-answer-to-inner-step": (put2(ans(0, 1), "next", "b1"), E,
                                    "nodes[0].answers[1].next: 'b1' is a step inside "
                                    "together 'both': name the together (a walk does its "
                                    "steps there)"),
        "v2-also-to-inner-step": (put2(n(1), "also", [{"node": "b1"}]), E,
                                  "nodes[1].also[0].node: 'b1' is a step inside together "
                                  "'both': name the together (a walk does its steps there)"),
        # ---- emergency outcomes that go on (format 2)
        "v2-outcome-next-not-emergency": (put2(n(5), "next", "risk"), E,
                                          "nodes[5].next: an outcome of kind "
                                          "'no-further-action' does not take \"next\": the "
                                          "walk ends there (only an emergency outcome goes "
                                          "on)"),
        "v2-emergency-next-unknown": (put2(n(4), "next", "bth"), E,
                                      "nodes[4].next: no node has the id 'bth'"),
        "v2-emergency-next-number": (put2(n(4), "next", 6), E,
                                     "nodes[4].next: expected a string, found an integer"),
        # ---- every node reaches an outcome where the walk ends (re-hashed,
        # so that nothing else is wrong: the compiler's E0308)
        "no-outcome": (rehashed(each(to_step(4, "risk"), to_step(5, "risk"))), E,
                       "nodes[0]: no outcome can be reached from question 'risk': the "
                       "table has no outcome where a walk ends (one without \"next\")"),
        # talk's also leads to nfa, but an also is not a route
        "trapped-loop": (rehashed(lambda t: (node(t, 1).__setitem__("next", "talk2"),
                                             t["nodes"].append(
                                                 {"id": "talk2", "kind": "step",
                                                  "title": "Again", "stage": None,
                                                  "urgency": "routine", "next": "talk"}))), E,
                         "nodes[1]: no outcome can be reached from step 'talk': the walk "
                         "goes round 'talk' -> 'talk2' -> 'talk' with no way out"),
        # talk is not in the loop it leads into: the loop is named
        "trapped-tail": (rehashed(lambda t: (node(t, 1).__setitem__("next", "a"),
                                             t["nodes"].extend(
                                                 {"id": x, "kind": "step", "title": x,
                                                  "stage": None, "urgency": "routine",
                                                  "next": y}
                                                 for x, y in (("a", "b"), ("b", "c"),
                                                              ("c", "b"))))), E,
                         "nodes[1]: no outcome can be reached from step 'talk': the walk "
                         "goes round 'b' -> 'c' -> 'b' with no way out"),
        "trapped-question": (rehashed(lambda t: (
                                 ans(3, 0)(t).__setitem__("next", "tick"),
                                 ans(3, 1)(t).__setitem__("next", "tick"))), E,
                             "nodes[3]: no outcome can be reached from question 'tick': the "
                             "walk goes round 'tick' -> 'tick' with no way out"),
        "start-missing-rehashed": (rehashed(lambda t: t.pop("start")), E, "start: missing"),
        "v2-trapped-emergency-next": (rehashed(lambda t: node(t, 6).__setitem__("next", "call"),
                                               BASE2), E,
                                      "nodes[4]: no outcome can be reached from outcome "
                                      "'call': the walk goes round 'call' -> 'both' -> "
                                      "'call' with no way out"),
        "v2-no-outcome-ends": (rehashed(lambda t: node(t, 5).update(outcome="emergency",
                                                                   next="risk"), BASE2), E,
                               "nodes[0]: no outcome can be reached from question 'risk': "
                               "the table has no outcome where a walk ends (one without "
                               "\"next\")"),
        # ---- nested criteria (format 2)
        "v2-criteria-texts": (put2(crit, "items", ["One", "Two"]), E,
                              "nodes[3].criteria.items[0]: expected an object, found a "
                              "string"),
        "v2-criteria-empty": (put2(crit, "items", []), E,
                              "nodes[3].criteria.items: an empty list (a question's "
                              "criteria have at least one item)"),
        "v2-criteria-id-missing": (c2(lambda t: crit(t)["items"][0].pop("id")), E,
                                   "nodes[3].criteria.items[0].id: missing"),
        "v2-criteria-id-number": (c2(lambda t: crit(t)["items"][0].__setitem__("id", 1)), E,
                                  "nodes[3].criteria.items[0].id: expected a string, found "
                                  "an integer"),
        "v2-criteria-id-not-place": (c2(lambda t: crit(t)["items"][0].__setitem__("id", "a")),
                                     E, "nodes[3].criteria.items[0].id: 'a' should be '1': "
                                     "a criterion's id is its place in the list"),
        "v2-criteria-id-duplicate": (c2(lambda t: nested(t)["items"][1].__setitem__(
                                         "id", "2.1")), E,
                                     "nodes[3].criteria.items[1].items[1].id: '2.1' should "
                                     "be '2.2': a criterion's id is its place in the list"),
        "v2-criteria-nested-id": (c2(lambda t: nested(t)["items"][0].__setitem__("id", "1.1")),
                                  E, "nodes[3].criteria.items[1].items[0].id: '1.1' should "
                                  "be '2.1': a criterion's id is its place in the list"),
        "v2-criteria-text-missing": (c2(lambda t: crit(t)["items"][0].pop("text")), E,
                                     "nodes[3].criteria.items[0].text: missing"),
        "v2-criteria-nested-same-mode": (put2(nested, "mode", "any-of"), E,
                                         "nodes[3].criteria.items[1].mode: 'any-of' inside "
                                         "an any-of list: a nested list is of the other mode"),
        "v2-criteria-nested-mode-missing": (drop2(nested, "mode"), E,
                                            "nodes[3].criteria.items[1].mode: missing"),
        "v2-criteria-nested-empty": (put2(nested, "items", []), E,
                                     "nodes[3].criteria.items[1].items: an empty list (a "
                                     "nested list holds at least one criterion)"),
        "v2-criteria-nested-deeper": (c2(lambda t: nested(t)["items"].__setitem__(
                                          0, {"id": "2.1", "mode": "any-of",
                                              "items": [{"id": "2.1.1", "text": "x"}]})), E,
                                      "nodes[3].criteria.items[1].items[0]: a list inside a "
                                      "nested list: criteria nest one level only"),
        "v2-criteria-nested-text-string": (put2(nested, "items", ["Two"]), E,
                                           "nodes[3].criteria.items[1].items[0]: expected an "
                                           "object, found a string"),
    }


def main():
    v3 = hashed(copy.deepcopy(BASE3))
    for name, table in (("base.json", hashed(copy.deepcopy(BASE))),
                        ("base-v2.json", hashed(copy.deepcopy(BASE2))),
                        ("base-v3.json", v3),
                        ("base-v3-shuffled.json", shuffled(v3, random.Random(3)))):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            json.dump(table, f, ensure_ascii=False, indent=2,
                      sort_keys=name == "base-v3.json")
            f.write("\n")
    bad = os.path.join(HERE, "bad")
    os.makedirs(bad, exist_ok=True)
    for old in os.listdir(bad):
        os.remove(os.path.join(bad, old))
    for name, (change, code, message) in sorted(cases().items()):
        if isinstance(change, str):
            text = change
        else:
            t = change()
            text = json.dumps(t, ensure_ascii=False, indent=2) + "\n"
            if message is None:  # the hash the changed table really has
                message = ("content_hash: does not match the table, whose content "
                           "hashes to " + content_hash(t))
        with open(os.path.join(bad, name + ".json"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(bad, name + ".expected"), "w", encoding="utf-8") as f:
            f.write(code + "\n" + message + "\n")
    print(f"base.json, base-v2.json, base-v3.json, base-v3-shuffled.json and "
          f"{len(cases())} bad tables in {bad}")


if __name__ == "__main__":
    main()
