"""The `typeset` command: validate, build and list layouts (spec §3).

Exit status: 0 success (warnings allowed), 1 a problem with a brief, a
layout or a file (or a warning under --strict), 2 a usage error, 70 an
internal error, 130 interrupted. Problems go to stderr, one per line, as
``FILE:LINE:COLUMN: error: MESSAGE``. There is never a traceback unless
TYPESET_DEBUG=1 is set in the environment.

Briefs are YAML, Markdown (.md) or Word (.docx), told by the suffix or
--from; `convert` writes any of them as the equivalent YAML brief.
`validate` prints ``BRIEF: ok (N notes)`` on stdout for each valid brief
(silenced by --quiet); `build` of one brief prints nothing but problems.
`build` of several briefs runs them in parallel processes (--jobs, see
typeset/batch.py) and reports on stderr: a progress line on a terminal, a
``built OUT.pdf (N pages)`` or ``failed BRIEF`` line per brief otherwise, then
every failure's problems. With several briefs, each is handled and the worst
status is returned.
"""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from typeset.atomicio import WriteError
from typeset.errors import BriefError, Problem

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 70, 130


def run() -> int:
    """The `briefset` command and `python -m typeset`: `main` in a process of its own.

    The process is the command's alone, so ReportLab is loaded without
    uharfbuzz, which it imports for the shaping of its own Paragraphs (a
    tenth of a build's start-up) and which typeset never asks of it: right-
    to-left and joined scripts are shaped by `typeset.text.shaping`, which
    imports uharfbuzz itself, only for text that needs it.
    """
    _load_reportlab_without_its_shaping()
    return main()


def _load_reportlab_without_its_shaping() -> None:
    if "reportlab.pdfbase.ttfonts" in sys.modules or "uharfbuzz" in sys.modules:
        return
    sys.modules["uharfbuzz"] = None  # type: ignore[assignment]  # ReportLab's `import uharfbuzz` fails
    try:
        import reportlab.pdfbase.ttfonts  # noqa: F401
    finally:
        del sys.modules["uharfbuzz"]  # later imports (typeset.text.shaping) find it as usual


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):  # a message may quote text the terminal cannot show
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "build" and args.output is not None and len(args.briefs) > 1:
        args.subparser.error("-o/--output needs exactly one brief; drop it to write each BRIEF.pdf")
    if args.command == "build" and (args.fmt is not None or args.styles) and len(args.briefs) > 1:
        args.subparser.error("--from and --style need exactly one brief; several are each read by their suffix")
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("briefset: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as e:  # last resort: one line, no traceback
        if os.environ.get("TYPESET_DEBUG") == "1":
            traceback.print_exc()
        message = " ".join(str(e).split()) or "(no message)"
        print(f"briefset: internal error: {type(e).__name__}: {message}", file=sys.stderr)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefset", description="Typeset briefs (YAML, Markdown or Word) into PDFs with per-page footnotes.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("validate", help="check briefs without rendering them",
                       description="Check briefs; prints 'BRIEF: ok (N notes)' for each valid one.")
    p.add_argument("briefs", nargs="+", metavar="BRIEF")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    _from_option(p)
    p.set_defaults(run=_validate, subparser=p)

    p = sub.add_parser("build", help="render briefs to PDF",
                       description="Render each brief to PDF (default: BRIEF.pdf beside it).")
    p.add_argument("briefs", nargs="+", metavar="BRIEF")
    p.add_argument("-o", "--output", metavar="OUT.pdf", help="output file (one brief only)")
    p.add_argument("--layout", metavar="NAME_OR_PATH", help="layout name or layout file")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--root", metavar="DIR",
                   help="folder the brief may read images and logos from (default: its own folder)")
    p.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                   help="build several briefs in N processes (default: the number of cores; "
                        "1 builds them one after the other in this process)")
    _from_option(p)
    p.set_defaults(run=_build, subparser=p)

    p = sub.add_parser("convert", help="write a Markdown or Word brief as a YAML brief",
                       description="Read a brief (Markdown, Word or YAML) and write the equivalent YAML brief.")
    p.add_argument("brief", metavar="BRIEF")
    p.add_argument("-o", "--output", metavar="OUT.yaml", help="output file (default: BRIEF.yaml beside it)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _from_option(p)
    p.set_defaults(run=_convert, subparser=p)

    p = sub.add_parser("layouts", help="list the bundled layouts")
    p.set_defaults(run=_layouts, subparser=p)
    return parser


def _from_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="fmt", choices=("yaml", "markdown", "docx"),
                   help="read briefs as this format (default: by suffix: .md, .docx, else YAML)")
    p.add_argument("--style", dest="styles", action="append", type=_style, metavar="STYLE=FIELD",
                   help="in a Word file, paragraphs of STYLE before the first heading give header FIELD "
                        "(title, subtitle, series, date, author, role, affiliation, editor, disclaimer)")


def _style(text: str) -> tuple[str, str]:
    from typeset.readers.docx import HEADER_ROLES

    name, _, field = text.rpartition("=")
    if not name.strip() or field not in HEADER_ROLES:
        raise argparse.ArgumentTypeError(f"expected STYLE=FIELD with FIELD one of {', '.join(HEADER_ROLES)}, "
                                         f"got {text!r}")
    return name.strip(), field


def _validate(args: argparse.Namespace) -> int:
    from typeset.readers import load_brief

    status = EXIT_OK
    for src in args.briefs:
        try:
            brief = load_brief(src, strict=args.strict, fmt=args.fmt, styles=dict(args.styles or ()))
        except BriefError as e:
            _report(e.problems)
            status = EXIT_PROBLEM
            continue
        _report(brief.warnings)
        if not args.quiet:
            notes = len(brief.footnotes)
            print(f"{src}: ok ({notes} note{'' if notes == 1 else 's'})")
    return status


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, at least 1, got {text!r}")
    return n


def _build(args: argparse.Namespace) -> int:
    if len(args.briefs) > 1:
        from typeset import batch

        options = batch.Options(args.output, args.layout, args.strict, args.root)
        return batch.run(args.briefs, options, jobs=args.jobs)
    status = EXIT_OK
    for src in args.briefs:
        try:
            status = max(status, _build_one(src, args))
        except BriefError as e:
            _report(e.problems)
            status = EXIT_PROBLEM
        except WriteError as e:
            print(f"{e.filename}: error: cannot write: {e.strerror}", file=sys.stderr)
            status = EXIT_PROBLEM
        except OSError as e:
            print(f"{e.filename or src}: error: {e.strerror or e}", file=sys.stderr)
            status = EXIT_PROBLEM
    return status


def _build_one(src: str, args: argparse.Namespace) -> int:
    from typeset.pipeline import build

    built = build(src, args.output, layout=args.layout, strict=args.strict, root=args.root, fmt=args.fmt,
                  styles=dict(args.styles or ()))
    _report(built.warnings)
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    from typeset.readers.convert import convert

    try:
        warnings = convert(args.brief, args.output, fmt=args.fmt, strict=args.strict,
                           styles=dict(args.styles or ()))
    except BriefError as e:
        _report(e.problems)
        return EXIT_PROBLEM
    except WriteError as e:
        print(f"{e.filename}: error: cannot write: {e.strerror}", file=sys.stderr)
        return EXIT_PROBLEM
    _report(warnings)
    return EXIT_OK


def _layouts(args: argparse.Namespace) -> int:
    from typeset.style import list_layouts

    rows = list_layouts()
    width = max((len(name) for name, _ in rows), default=0)
    for name, description in rows:
        print(f"{name:<{width}}  {description}".rstrip())
    return EXIT_OK


def _report(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    for p in problems:
        print(str(p), file=out)

