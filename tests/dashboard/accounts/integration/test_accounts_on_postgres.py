"""Every accounts service and web test, on PostgreSQL (timestamps with time zone, booleans, locking)."""

from tests.dashboard.accounts.test_accounts_service import *  # noqa: F401,F403
from tests.dashboard.accounts.test_accounts_web import *  # noqa: F401,F403
