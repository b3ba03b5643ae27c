"""Every component id, gathered from the features: the request guard and tests read them here.

Each feature declares its own ids in its `_ids.py`; the controls' ids are a public interface.
"""

from .features.detail._ids import *  # noqa: F401,F403
from .features.gaps._ids import *  # noqa: F401,F403
from .features.map._ids import *  # noqa: F401,F403
from .features.overview._ids import *  # noqa: F401,F403
from .features.page._ids import *  # noqa: F401,F403
from .features.share._ids import *  # noqa: F401,F403
