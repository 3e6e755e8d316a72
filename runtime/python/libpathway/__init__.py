"""libpathway: load the tables pathwayc compiles safeguarding pathways into,
and walk a person through them. A port of libpathway (the C runtime) in
standard-library Python, passing the same conformance cases.

    import libpathway
    table = libpathway.load_table_file("prevent.json")
    walk = libpathway.Walk(table)
    walk.answer("no")
    walk.next()
    text = walk.save()                            # JSON: store it anywhere
    walk = libpathway.Walk.restore(table, text)   # against a newer table too

Errors are PathwayError, whose code is libpathway's code name
("PATHWAY_E_TABLE") and whose where is the JSON path of the problem.
"""
from .errors import (CODES, E_ALREADY_DONE, E_ANSWER, E_ARGUMENT, E_AT_START, E_FINISHED,
                     E_FORMAT, E_HASH, E_IO, E_JSON, E_KIND, E_NOMEM, E_NOT_FOUND, E_PATHWAY,
                     E_REMOVED, E_REPLAY, E_SAVE, E_SCORE, E_STEP, E_STEPS_LEFT, E_TABLE,
                     E_TOO_LARGE, OK, PathwayError)
from .jsonstrict import canonical_text, content_hash
from .table import (TABLE_FORMAT_VERSION, TABLE_MAX_BYTES, Answer, Criterion, Node, Table,
                    load_table, load_table_file)
from . import nodes as _nodes  # noqa: F401 (the loader's second half)
from .walk import WALK_FORMAT_VERSION, WALK_MAX_BYTES, Move, Walk, format_time, parse_time

__version__ = "1.3.0"

__all__ = [
    "CODES", "OK", "E_ARGUMENT", "E_NOMEM", "E_IO", "E_JSON", "E_FORMAT", "E_TABLE",
    "E_HASH", "E_NOT_FOUND", "E_KIND", "E_ANSWER", "E_SCORE", "E_FINISHED", "E_AT_START",
    "E_SAVE", "E_PATHWAY", "E_REMOVED", "E_REPLAY", "E_STEP", "E_ALREADY_DONE",
    "E_STEPS_LEFT", "E_TOO_LARGE", "PathwayError",
    "TABLE_FORMAT_VERSION", "TABLE_MAX_BYTES", "WALK_FORMAT_VERSION", "WALK_MAX_BYTES",
    "load_table", "load_table_file", "Table", "Node", "Answer", "Criterion",
    "Walk", "Move", "canonical_text", "content_hash", "format_time", "parse_time",
]
