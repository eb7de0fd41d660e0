"""`python -m codermatch`: the same as the `codermatch` command."""

from codermatch.cli import main

main()
