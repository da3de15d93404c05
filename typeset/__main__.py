"""`python -m typeset` runs the command line."""
import sys

from typeset.cli import main

sys.exit(main())
