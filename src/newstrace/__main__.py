"""``python -m newstrace``: the command line."""

from newstrace.cli import main

main()
