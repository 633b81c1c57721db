"""Renders briefings sent as JSON lines and says how each ended, one JSON line each.

The fuzz test drives it in a subprocess so that a hang is seen (no answer within
the time bound) and cannot stall the test run. Each answer is {"ok": true},
{"error": "<a BriefingError subclass>", "message": ...} or {"foreign": "<type>",
"message": ...}: an exception that is not the library's own.
"""

import json
import sys

import briefing
from briefing.errors import BriefingError
from briefing.loader import load_text

for line in sys.stdin:
    data = json.loads(line)
    try:
        b = (load_text(data["yaml"], "fuzz.yaml", ".") if "yaml" in data
             else briefing.load_data(data["content"]))
        for fmt in ("pdf", "docx"):
            briefing.render(b, format=fmt, template=data["template"], layout=data["layout"],
                            force=True)
        answer = {"ok": True}
    except BriefingError as exc:
        answer = {"error": type(exc).__name__, "message": str(exc)[:300]}
    except Exception as exc:  # the point of the test: say which foreign exception it was
        answer = {"foreign": type(exc).__name__, "message": str(exc)[:300]}
    print(json.dumps(answer), flush=True)
