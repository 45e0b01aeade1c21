"""`python -m ingest ...` runs the command-line interface."""

from ingest.cli import main

raise SystemExit(main())
