"""`python -m benchmarks [--quick]`: one JSON object per line on stdout; see benchmarks/README.md.

`python -m benchmarks load [--clients N --duration S ...]`: the load test against gunicorn (benchmarks/load.py).
"""

import sys

if sys.argv[1:2] == ["load"]:
    from .load import main as load_main

    sys.exit(load_main(sys.argv[2:]))

from .run import main

sys.exit(main())
