"""`python -m benchmarks [--quick]`: one JSON object per line on stdout; see benchmarks/README.md."""

import sys

from .run import main

sys.exit(main())
