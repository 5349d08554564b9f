"""``python -m claimpipe``: the command line, as the ``claimpipe`` script runs it."""

from claimpipe.cli import main

main()
