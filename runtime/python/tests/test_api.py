"""The package's own tests, beside the conformance cases: what the cases
do not say (the saved text's layout, the clock's range, files, sizes,
lookups, ids for ticked criteria)."""
import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import libpathway as pw  # noqa: E402

TABLES = os.path.join(os.environ.get("PATHWAY_CONFORMANCE") or
                      os.path.join(HERE, "..", "..", "..", "conformance"), "tables")


def table(name):
    return pw.load_table_file(os.path.join(TABLES, name + ".json"))


def clock(start=1738314000):
    t = [start - 60]

    def now():
        t[0] += 60
        return t[0]
    return now


class Api(unittest.TestCase):
    def assertCode(self, code, fn, *args, where=None):
        with self.assertRaises(pw.PathwayError) as cm:
            fn(*args)
        self.assertEqual(cm.exception.code, code, cm.exception.message)
        if where is not None:
            self.assertEqual(cm.exception.where, where)
        return cm.exception

    def test_saved_text_is_libpathways_layout(self):
        w = pw.Walk(table("kinds"), clock=clock())
        w.answer("yes")
        h = w.table.content_hash
        self.assertEqual(w.save(), "{\n"
                         '  "format": "pathway-walk",\n'
                         '  "format_version": 2,\n'
                         '  "pathway": "kinds",\n'
                         f'  "content_hash": "{h}",\n'
                         '  "started": "2025-01-31T09:00:00Z",\n'
                         '  "from": "risk",\n'
                         '  "moves": [\n'
                         "    {\n"
                         '      "node": "risk",\n'
                         '      "move": "answer",\n'
                         '      "answer": "yes",\n'
                         '      "to": "call_999",\n'
                         '      "time": "2025-01-31T09:01:00Z"\n'
                         "    }\n"
                         "  ]\n"
                         "}\n")

    def test_saved_text_escapes_as_libpathway_does(self):
        w = pw.Walk(table("texts"), clock=clock())
        w.tick(["1", "2"])
        text = w.save()
        # jansson writes \u00XX in upper case, and a slash, U+007F, U+2028
        # and everything else beyond ASCII as it is
        self.assertIn('"text": "Ctl \\u0001 and \\u001F, tab\\t, quote \\" and '
                      'backslash \\\\"', text)
        self.assertIn('"text": "slash /, del \x7f, e\u0301, \u2028, \U0001F600"', text)
        self.assertEqual(pw.Walk.restore(w.table, text, clock()).save(), text)

    def test_round_trip(self):
        t = table("forms")
        w = pw.Walk(t, clock=clock())
        w.answer("no")
        w.tick(["1", "2.1"])
        w.done("tell_parents")
        text = w.save()
        r = pw.Walk.restore(t, text, clock())
        self.assertEqual(r.save(), text)
        self.assertEqual(r.saved_hash, t.content_hash)
        self.assertEqual([s.id for s in r.done_steps], ["tell_parents"])
        self.assertTrue(r.step_done(t.find_node("tell_parents")))
        self.assertFalse(r.step_done(t.find_node("refer_climb")))
        self.assertIsNone(pw.Walk(t).saved_hash)

    def test_ticked_by_ids_and_flags(self):
        t = table("forms")
        w = pw.Walk(t, "eligible", clock())
        self.assertEqual(t.find_node("eligible").criteria_ids, ["1", "2.1", "2.2"])
        self.assertCode(pw.E_ARGUMENT, w.tick, ["3"])
        self.assertCode(pw.E_ARGUMENT, w.criteria, [True, True])
        w.criteria([True, False, True])
        self.assertEqual(w.current.id, "refer_both")
        self.assertEqual(w.moves[-1].answer.id, "yes")

    def test_the_clock_is_kept_in_range(self):
        w = pw.Walk(table("kinds"), clock=lambda: -5)
        w.answer("yes")
        self.assertEqual(json.loads(w.save())["started"], "1970-01-01T00:00:00Z")
        w = pw.Walk(table("kinds"), clock=lambda: 10 ** 12)
        self.assertEqual(json.loads(w.save())["started"], "9999-12-31T23:59:59Z")

    def test_times(self):
        self.assertEqual(pw.format_time(1738314000), "2025-01-31T09:00:00Z")
        self.assertEqual(pw.parse_time("2024-02-29T23:59:59Z"), 1709251199)
        for bad in ("2023-02-29T00:00:00Z", "1969-12-31T23:59:59Z", "2025-01-31T24:00:00Z",
                    "2025-01-31 09:00:00Z", "2025-01-31T09:00:00", "2025-01-31T9:00:00Z",
                    "2025-01-31T09:00:00+00:00"):
            self.assertIsNone(pw.parse_time(bad), bad)

    def test_lookups(self):
        t = table("edited/versions")
        self.assertIs(t.find_replacement("talk"), t.find_node("talk_to_dsl"))
        self.assertIsNone(t.find_replacement("old_check"))
        self.assertIsNone(t.find_node("talk"))
        k = table("kinds")
        self.assertEqual(k.find_contact("team").out_of_hours.id, "night")
        self.assertEqual(k.find_node("act").stage.id, "first")
        self.assertEqual(k.find_node("act").within.unit, "working-days")
        self.assertEqual(k.find_node("dash").find_band(5).next.id, "urgent")
        self.assertEqual(k.info.approved_by, "The board")
        with open(os.path.join(TABLES, "kinds.json"), encoding="utf-8") as f:
            self.assertEqual(k.format_version, json.load(f)["format_version"])

    def test_files_and_sizes(self):
        e = self.assertCode(pw.E_IO, pw.load_table_file, "/nonexistent/x.json", where="")
        self.assertIn("/nonexistent/x.json", e.message)
        self.assertCode(pw.E_TOO_LARGE, pw.load_table, b" " * (pw.TABLE_MAX_BYTES + 1))
        self.assertCode(pw.E_TOO_LARGE, pw.Walk.restore, table("kinds"),
                        b" " * (pw.WALK_MAX_BYTES + 1))
        with tempfile.NamedTemporaryFile(suffix=".json") as f:
            f.truncate(pw.TABLE_MAX_BYTES + 1)
            self.assertCode(pw.E_TOO_LARGE, pw.load_table_file, f.name)

    def test_format_3_integers_only(self):
        with open(os.path.join(TABLES, "kinds.json"), encoding="utf-8") as f:
            t = json.load(f)
        t["format_version"] = 3  # whatever the compiler writes now
        t["nodes"][1]["x"] = [1, {"y": 2.5}]
        t["content_hash"] = pw.content_hash(t)
        self.assertCode(pw.E_TABLE, pw.load_table, json.dumps(t), where="nodes[1].x[1].y")
        t["nodes"][1]["x"] = [1, {"y": 2}]
        t["content_hash"] = pw.content_hash(t)
        self.assertEqual(pw.load_table(json.dumps(t)).format_version, 3)
        # the same table, keys in another order, still verifies
        self.assertEqual(pw.load_table(json.dumps(t, sort_keys=True)).format_version, 3)

    def test_canonical_text_of_format_2_is_the_documented_one(self):
        with open(os.path.join(TABLES, "..", "hash", "format2.json"), encoding="utf-8") as f:
            t = json.load(f)
        rest = {k: v for k, v in t.items() if k not in ("content_hash", "compiler")}
        self.assertEqual(pw.canonical_text(t),
                         json.dumps(rest, ensure_ascii=False, separators=(",", ":")))
        self.assertEqual(pw.content_hash(t), t["content_hash"])

    def test_text_given_as_str(self):
        with open(os.path.join(TABLES, "kinds.json"), encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(pw.load_table(text).info.id, "kinds")
        self.assertCode(pw.E_JSON, pw.load_table, '{"format": "\ud800"}', where="")
        self.assertCode(pw.E_JSON, pw.Walk.restore, table("kinds"), '{"x": "\ud800"}')

    def test_one_version(self):
        with open(os.path.join(HERE, "..", "pyproject.toml"), encoding="utf-8") as f:
            line = next(x for x in f if x.startswith("version = "))
        self.assertEqual(line.strip(), f'version = "{pw.__version__}"')

    def test_codes(self):
        self.assertEqual(len(pw.CODES), 22)
        self.assertEqual(pw.CODES[0], "PATHWAY_OK")
        self.assertEqual(pw.CODES[-1], "PATHWAY_E_TOO_LARGE")


if __name__ == "__main__":
    unittest.main()
