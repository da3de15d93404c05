"""Run briefs under an audit hook and print, as JSON, every file opened and every risky event.

Started by test_audit.py in a fresh interpreter (an audit hook cannot be
removed, so it must not be installed in the pytest process):

    python audit_child.py JOBS_JSON

JOBS_JSON is a list of [brief, output or null, layout or null, root or null]: each brief is
loaded, rendered and (with an output) built. The hook is installed before typeset is imported,
so lazy imports, fonts, dictionaries and images are all seen.
"""
from __future__ import annotations

import json
import os
import sys

WATCHED = ("socket.", "urllib.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
           "os.fork", "os.forkpty", "pty.", "ftplib.", "smtplib.", "http.", "webbrowser.", "ctypes.")
events: list[list[object]] = []
execs = [0]


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event == "open":
        path, mode, flags = args
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if isinstance(path, str):
            events.append(["open", os.path.abspath(path), mode if isinstance(mode, str) else None,
                           flags if isinstance(flags, int) else 0])
    elif event == "exec":
        execs[0] += 1
    elif event.startswith(WATCHED):
        events.append([event, repr(args)[:300]])


def main() -> None:
    jobs = json.loads(sys.argv[1])
    sys.addaudithook(_hook)
    import typeset

    results = []
    for src, out, layout, root in jobs:
        try:
            brief = typeset.load(src)
            pdf = typeset.render(brief, layout, root=root)
            if out is not None:
                typeset.build(src, out, layout=layout, root=root)
            results.append(["ok", pdf[:5].decode("latin-1")])
        except typeset.BriefError as exc:
            results.append(["BriefError", str(exc)])
    json.dump({"events": events, "exec": execs[0], "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
