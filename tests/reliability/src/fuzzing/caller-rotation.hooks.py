"""Schemathesis hooks of the HTTP fuzzing (R6): each case is sent as the next caller in turn.

One run then fuzzes a service as every role, instead of one run per role, each paying for
loading the document and starting the generators again. The caller is named in the request's
x-request-id, which the failing cases' curl commands show. Every answered case is logged as one
JSON line, from which the suite counts cases and statuses per role.

NAPERJ_FUZZ_CALLERS: a JSON list of {"role", "authorization"}; NAPERJ_FUZZ_LOG: the log's path.
"""

import itertools
import json
import os
import threading

import schemathesis

_CALLERS = json.loads(os.environ["NAPERJ_FUZZ_CALLERS"])
_turns = itertools.count()
_log_lock = threading.Lock()
_log = open(os.environ["NAPERJ_FUZZ_LOG"], "a", encoding="utf-8", buffering=1)


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    turn = next(_turns)
    caller = _CALLERS[turn % len(_CALLERS)]
    case.headers = {
        **(case.headers or {}),
        "Authorization": caller["authorization"],
        "x-request-id": f"r6-{caller['role']}-{turn}",
    }


@schemathesis.hook
def after_call(ctx, case, response):
    request_id = case.headers["x-request-id"]
    role = request_id.removeprefix("r6-").rsplit("-", 1)[0]
    line = json.dumps({"role": role, "operation": case.operation.label, "status": response.status_code, "requestId": request_id})
    with _log_lock:
        _log.write(line + "\n")
