"""`python -m typeset` runs the command line."""
import sys

from typeset.cli import run

sys.exit(run())
