"""The `briefset` command: build, validate, watch and start briefs, list layouts (spec §3).

Exit status:

- 0  success (warnings allowed)
- 1  a problem with a brief, a layout or a file (or a warning under --strict)
- 2  a usage error (bad option or argument)
- 70 an internal error (a defect: please report it)
- 130 interrupted (Ctrl-C)

Problems go to stderr, one per line, as ``FILE:LINE:COLUMN: error: MESSAGE``.
There is never a traceback unless TYPESET_DEBUG=1 is set in the environment.

Briefs are YAML, Markdown (.md) or Word (.docx), told by the suffix or
--from; `convert` writes any of them as the equivalent YAML brief.
`validate` prints ``BRIEF: ok (N notes)`` on stdout for each valid brief.
`build` prints ``built OUT.pdf (N pages, M notes) in T s`` on stderr for each
brief it built (--quiet: only problems). `-` as the brief reads it from
standard input; `-o -` writes the PDF to standard output. `build` of several
briefs runs them in parallel processes (--jobs, see typeset/many.py) and shows
a progress line on a terminal, then every failure's problems. With several
briefs, each is handled and the worst status is returned.
"""
from __future__ import annotations

import argparse
import gc
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

    The process is the command's alone, so ReportLab is loaded lightly (see
    `_load_reportlab_lightly`), and the cyclic collector is off once `main`
    returns: the process ends, which frees everything, and Python would first
    run a full collection over every object the start-up made (25 M
    instructions, a fiftieth of a one-brief build).
    """
    _load_reportlab_lightly()
    try:
        return main()
    finally:
        gc.disable()


def _load_reportlab_lightly() -> None:
    """Load ReportLab without the parts of its imports that typeset does not need, or not yet.

    - uharfbuzz, which ReportLab imports for the shaping of its own Paragraphs
      (a tenth of a build's start-up) and which typeset never asks of it:
      right-to-left and joined scripts are shaped by `typeset.text.shaping`,
      which imports uharfbuzz itself, only for text that needs it;
    - Pillow's image module, which ReportLab imports (`from PIL import Image`)
      but uses only to draw an image: it is bound lazily (the standard
      library's `LazyLoader`) and loads at its first use, so a brief without
      images never loads it. Only here, not for the library: Python 3.11's
      LazyLoader is not safe against two threads' first use, and the
      command's process draws on one thread.
    """
    if "reportlab.pdfbase.ttfonts" in sys.modules or "uharfbuzz" in sys.modules:
        return
    if "PIL.Image" not in sys.modules:
        _import_lazily("PIL.Image")
    sys.modules["uharfbuzz"] = None  # type: ignore[assignment]  # ReportLab's `import uharfbuzz` fails
    try:
        import reportlab.pdfbase.ttfonts  # noqa: F401
    finally:
        del sys.modules["uharfbuzz"]  # later imports (typeset.text.shaping) find it as usual


def _import_lazily(name: str) -> None:
    """Bind module `name` (of a package) now; run its code when one of its attributes is first read."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)  # imports the package
    except ImportError:  # not installed: the first import of it reports that as usual
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    package, _, child = name.rpartition(".")
    setattr(sys.modules[package], child, module)
    spec.loader.exec_module(module)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):  # a message may quote text the terminal cannot show
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    if args.command == "build" and args.output is not None and len(args.briefs) > 1 \
            and not os.path.isdir(args.output):
        args.subparser.error("-o/--output with several briefs must be an existing folder; "
                             "drop it to write each BRIEF.pdf beside its brief")
    if args.command == "build" and "-" in args.briefs and len(args.briefs) > 1:
        args.subparser.error("'-' (standard input) must be the only brief")
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


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. When `command` (the first argument) names a command, only that
    command's parser is made: each one costs the start-up some 2.5 M instructions (argparse looks
    up a translation of every message it holds), and the others are never used."""
    parser = argparse.ArgumentParser(
        prog="briefset", description="Typeset briefs (YAML, Markdown or Word) into PDFs with per-page footnotes.",
        epilog="exit status: 0 ok, 1 a problem with a brief or file, 2 usage error, 70 internal error, "
               "130 interrupted", formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, add in _COMMANDS.items():
        if command not in _COMMANDS or name == command:
            add(sub)
    return parser


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check briefs without rendering them",
                       description="Check briefs; prints 'BRIEF: ok (N notes)' for each valid one.")
    p.add_argument("briefs", nargs="+", metavar="BRIEF")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    _from_option(p)
    p.set_defaults(run=_validate, subparser=p)


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="render briefs to PDF",
                       description="Render each brief to PDF (default: BRIEF.pdf beside it).")
    p.add_argument("briefs", nargs="+", metavar="BRIEF", help="a brief file (YAML, Markdown, Word), or - for standard input")
    p.add_argument("-o", "--output", metavar="OUT.pdf",
                   help="output file or - for standard output (one brief), or an existing folder "
                        "(writes FOLDER/BRIEF.pdf for each brief)")
    _render_options(p)
    p.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                   help="build several briefs in N processes (default: the number of cores; "
                        "1 builds them one after the other in this process)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    _from_option(p)
    p.set_defaults(run=_build, subparser=p)


def _add_convert(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="write a Markdown or Word brief as a YAML brief",
                       description="Read a brief (Markdown, Word or YAML) and write the equivalent YAML brief.")
    p.add_argument("brief", metavar="BRIEF")
    p.add_argument("-o", "--output", metavar="OUT.yaml", help="output file (default: BRIEF.yaml beside it)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _from_option(p)
    p.set_defaults(run=_convert, subparser=p)


def _add_watch(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("watch", help="rebuild a brief whenever it or its layout or images change",
                       description="Build BRIEF, then rebuild it each time the brief, the images it shows, "
                                   "its layout or a layout that one extends is saved. A save that does not "
                                   "build keeps the last good PDF. Stop with Ctrl-C.")
    p.add_argument("brief", metavar="BRIEF.yaml")
    p.add_argument("-o", "--output", metavar="OUT.pdf", help="output file (default: BRIEF.pdf beside it)")
    _render_options(p)
    _from_option(p)
    p.set_defaults(run=_watch, subparser=p)


def _add_new(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="start a brief in a new folder",
                       description="Write a starter brief into DIR (created if needed) that builds at once.")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--layout", metavar="NAME", help="bundled layout the brief names (default: issi-brief)")
    p.add_argument("--format", choices=["yaml", "markdown"], default="yaml",
                   help="the brief's format: yaml (brief.yaml) or markdown (brief.md); default: yaml")
    p.set_defaults(run=_new, subparser=p)


def _add_layouts(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("layouts", help="list the bundled layouts")
    p.set_defaults(run=_layouts, subparser=p)


_COMMANDS = {"validate": _add_validate, "build": _add_build, "convert": _add_convert, "watch": _add_watch,
             "new": _add_new, "layouts": _add_layouts}


def _render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--layout", metavar="NAME_OR_PATH", help="layout name or layout file")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--root", metavar="DIR",
                   help="folder the brief may read images and logos from (default: its own folder)")
    p.add_argument("--pdfa", action="store_true", default=None,
                   help="write archival PDF/A-2b (also the layout key 'pdfa: true')")


class _VersionAction(argparse.Action):
    """`--version`: reads the installed version only when asked (the metadata machinery it needs
    costs a build's start-up a twentieth of its time)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str = "show program's version number and exit") -> None:  # noqa: A002
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from typeset.version import __version__

        print(f"briefset {__version__}")
        parser.exit()


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

        options = batch.Options(args.layout, args.strict, args.root, args.pdfa)
        return batch.run(args.briefs, options, jobs=args.jobs, quiet=args.quiet, out_dir=args.output)
    src = args.briefs[0]
    try:
        return _build_one(src, args)
    except (BriefError, OSError) as e:
        return _failed(e, src)


def _failed(e: BriefError | OSError, src: str) -> int:
    """Report a brief's problems, an output that cannot be written or a file that cannot be read."""
    if isinstance(e, BriefError):
        _report(e.problems)
    elif isinstance(e, WriteError):
        print(f"{e.filename}: error: cannot write: {e.strerror}", file=sys.stderr)
    else:
        print(f"{e.filename or src}: error: {e.strerror or e}", file=sys.stderr)
    return EXIT_PROBLEM


def _build_one(src: str, args: argparse.Namespace) -> int:
    from typeset.pipeline import build, built_line, compile_brief, load_source
    from typeset.readers import load_brief_data

    options = {"layout": args.layout, "strict": args.strict, "root": args.root, "pdfa": args.pdfa}
    reading = {"fmt": args.fmt, "styles": dict(args.styles or ())}
    out = args.output
    if src == "-":
        brief = load_brief_data(sys.stdin.buffer.read(), name="<stdin>", strict=args.strict,
                                fmt=args.fmt or "yaml")
        if out is None:
            out = "-"
    else:
        brief = None
    if out == "-":
        built = compile_brief(brief if brief is not None else load_source(src, strict=args.strict, **reading),
                              **options)
        _report(built.warnings)
        sys.stdout.buffer.write(built.pdf or b"")
        sys.stdout.buffer.flush()
        shown = "<stdout>"
    else:
        built = build(brief if brief is not None else src, out, **options, **reading)
        _report(built.warnings)
        shown = os.fspath(built.path)
        if built.path is not None and built.path.suffix.lower() != ".pdf":
            print(f"{shown}: warning: the output name does not end in .pdf (wrote a PDF all the same)",
                  file=sys.stderr)
    if not args.quiet:
        print(built_line(shown, built.pages, built.notes, built.seconds), file=sys.stderr)
    return EXIT_OK


def _watch(args: argparse.Namespace) -> int:
    from typeset.watch import watch

    return watch(args.brief, args.output, layout=args.layout, strict=args.strict, root=args.root,
                 pdfa=args.pdfa, fmt=args.fmt, styles=dict(args.styles or ()))


def _new(args: argparse.Namespace) -> int:
    from typeset.starter import StarterError, write_starter

    try:
        path = write_starter(args.folder, layout=args.layout, fmt=args.format)
    except StarterError as e:
        print(f"{e.path}: error: {e}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"wrote {path}; build it with: briefset build {path}", file=sys.stderr)
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    from typeset.readers.convert import convert

    try:
        warnings = convert(args.brief, args.output, fmt=args.fmt, strict=args.strict,
                           styles=dict(args.styles or ()))
    except (BriefError, OSError) as e:
        return _failed(e, args.brief)
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

