"""Entry point for `python -m expectations`."""

import sys

from expectations.cli import main

sys.exit(main())
