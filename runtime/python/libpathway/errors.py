"""Errors: one exception, PathwayError, with libpathway's code names."""

OK = "PATHWAY_OK"
E_ARGUMENT = "PATHWAY_E_ARGUMENT"
E_NOMEM = "PATHWAY_E_NOMEM"
E_IO = "PATHWAY_E_IO"
E_JSON = "PATHWAY_E_JSON"
E_FORMAT = "PATHWAY_E_FORMAT"
E_TABLE = "PATHWAY_E_TABLE"
E_HASH = "PATHWAY_E_HASH"
E_NOT_FOUND = "PATHWAY_E_NOT_FOUND"
E_KIND = "PATHWAY_E_KIND"
E_ANSWER = "PATHWAY_E_ANSWER"
E_SCORE = "PATHWAY_E_SCORE"
E_FINISHED = "PATHWAY_E_FINISHED"
E_AT_START = "PATHWAY_E_AT_START"
E_SAVE = "PATHWAY_E_SAVE"
E_PATHWAY = "PATHWAY_E_PATHWAY"
E_REMOVED = "PATHWAY_E_REMOVED"
E_REPLAY = "PATHWAY_E_REPLAY"
E_STEP = "PATHWAY_E_STEP"
E_ALREADY_DONE = "PATHWAY_E_ALREADY_DONE"
E_STEPS_LEFT = "PATHWAY_E_STEPS_LEFT"
E_TOO_LARGE = "PATHWAY_E_TOO_LARGE"

CODES = (OK, E_ARGUMENT, E_NOMEM, E_IO, E_JSON, E_FORMAT, E_TABLE, E_HASH, E_NOT_FOUND,
         E_KIND, E_ANSWER, E_SCORE, E_FINISHED, E_AT_START, E_SAVE, E_PATHWAY, E_REMOVED,
         E_REPLAY, E_STEP, E_ALREADY_DONE, E_STEPS_LEFT, E_TOO_LARGE)


class PathwayError(Exception):
    """What went wrong and where.

    code:    the name of libpathway's pathway_code ("PATHWAY_E_TABLE", ...)
    where:   the JSON path of the problem in the table or the saved walk
             ("nodes[3].answers[1].next"), or "" when there is no such place
    message: one line, the path first ("nodes[3].next: no node has the id 'x'")
    """

    def __init__(self, code, where, what):
        self.code = code
        self.where = where
        self.message = f"{where}: {what}" if where else what
        super().__init__(self.message)


def show(s):
    """Text for a message: s, or its first 64 characters and "..."."""
    return s if len(s) <= 64 else s[:64] + "..."
