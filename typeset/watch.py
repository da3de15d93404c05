"""`briefset watch BRIEF`: rebuild whenever the brief or anything it builds from is saved.

What is watched: the brief file, the layout files of its last good build (its
layout and every layout that one extends) and the images it showed. The
watcher is watchfiles (a maintained native file watcher, no polling loop of
ours); it watches the folders of those files, since editors often save by
writing a new file and renaming it over the old one, and rebuilds on any
change to one of them. When a build reads new files (an image added, another
layout named), the watch widens to them. Font files are not watched: a process
reads each font once, so after replacing one, start the watch again.

Every build writes atomically and only when it succeeded, so a save that
does not build leaves the last good PDF as it was. Each rebuild prints one
line on stderr with the time, what was built or that it failed, and then its
problems. Ctrl-C (or `stop`, for a program driving it) ends the watch.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from typeset.errors import BriefError

EXIT_OK, EXIT_PROBLEM = 0, 1
DEBOUNCE_MS = 150  # changes closer together than this are one rebuild (an editor's save is several events)


class Watcher:
    """Builds one brief and rebuilds it on changes; `run` blocks until `stop` is set."""

    def __init__(self, brief: str | os.PathLike[str], output: str | os.PathLike[str] | None = None, *,
                 layout: str | None = None, strict: bool = False, root: str | None = None,
                 pdfa: bool | None = None, fmt: str | None = None, styles: Mapping[str, str] | None = None,
                 stream: TextIO | None = None) -> None:
        self.brief = Path(brief)
        self.output = output
        self.options = {"layout": layout, "strict": strict, "root": root, "pdfa": pdfa, "fmt": fmt,
                        "styles": styles}
        self.stream = stream or sys.stderr
        self.stop = threading.Event()
        self.files: set[Path] = {self.brief.resolve()}
        self.builds = 0  # rebuilds done, good or not (for a driving program)

    def build(self) -> bool:
        """Build once and print its line; whether it succeeded. Learns the files to watch."""
        from typeset.atomicio import WriteError
        from typeset.pipeline import build, built_line

        stamp = time.strftime("%H:%M:%S")
        try:
            built = build(self.brief, self.output, **self.options)  # type: ignore[arg-type]
        except BriefError as e:
            self._say(f"[{stamp}] failed; the last good PDF is kept", *(str(p) for p in e.problems))
            return self._done(False)
        except WriteError as e:
            self._say(f"[{stamp}] failed", f"{e.filename}: error: cannot write: {e.strerror}")
            return self._done(False)
        except OSError as e:
            self._say(f"[{stamp}] failed", f"{e.filename or self.brief}: error: {e.strerror or e}")
            return self._done(False)
        self.files = {self.brief.resolve(), *(Path(p).resolve() for p in built.inputs)}
        line = built_line(os.fspath(built.path), built.pages, built.notes, built.seconds)
        self._say(f"[{stamp}] {line}", *(str(p) for p in built.warnings))
        return self._done(True)

    def run(self) -> int:
        """The first build, then a rebuild after each change, until stopped."""
        import watchfiles

        self.build()
        while not self.stop.is_set():
            watched = set(self.files)
            folders = sorted({str(f.parent) for f in watched if f.parent.is_dir()})
            names = {str(f) for f in watched}
            changes = watchfiles.watch(*folders, watch_filter=lambda _change, path, names=names: path in names,
                                       debounce=DEBOUNCE_MS, step=25, stop_event=self.stop,
                                       recursive=False, raise_interrupt=False)
            for _ in changes:
                self.build()
                if self.files != watched:
                    break  # watch the new set of files
            else:
                break  # stopped
        return EXIT_OK

    def _done(self, ok: bool) -> bool:
        self.builds += 1
        return ok

    def _say(self, *lines: str) -> None:
        for line in lines:
            print(line, file=self.stream)
        self.stream.flush()


def watch(brief: str, output: str | None = None, *, layout: str | None = None, strict: bool = False,
          root: str | None = None, pdfa: bool | None = None, fmt: str | None = None,
          styles: Mapping[str, str] | None = None) -> int:
    """The `watch` command: 0 when stopped with Ctrl-C, 1 when watching is not possible."""
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        print("briefset: error: watch needs the watchfiles package: pip install 'typeset[watch]'",
              file=sys.stderr)
        return EXIT_PROBLEM
    if not Path(brief).is_file():
        print(f"{brief}: error: cannot read: no such file", file=sys.stderr)
        return EXIT_PROBLEM
    watcher = Watcher(brief, output, layout=layout, strict=strict, root=root, pdfa=pdfa, fmt=fmt, styles=styles)
    try:
        return watcher.run()
    except KeyboardInterrupt:  # the usual way to stop watching
        return EXIT_OK
