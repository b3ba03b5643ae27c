"""Browser-test setup: dash_duo on Debian's chromium + chromedriver, headless by default.

How dash's pytest plugin (dash/testing/plugin.py, browser.py) builds the browser:

* ``request.config.hook.pytest_setup_options()`` is called for every ``dash_duo``; pluggy returns a list
  of the hook results and ``Browser._get_wd_options`` takes element ``[0]`` as the ChromeOptions object.
  It then adds its own download prefs and flags and calls ``webdriver.Chrome(options=...)`` with no
  Service, so selenium 4.2 (no selenium-manager) starts ``chromedriver`` from ``$PATH``.
* ``--headless`` is read with ``config.getoption("headless")``. Besides adding ``--headless`` to the
  arguments, it is what makes dash call CDP ``Page.setDownloadBehavior`` (needed for downloads in
  headless Chrome). So ``pytest_configure`` turns the option on: no CLI flags needed.
  ``DASH_TEST_HEADFUL=1`` opts out, to watch a test run locally.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium"))
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,1800",
)
HERE = Path(__file__).resolve().parent


def _browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"chromium not installed at {CHROMIUM} (scripts/test.sh installs Debian chromium)"
    if not (CHROMEDRIVER.is_file() and os.access(CHROMEDRIVER, os.X_OK)):
        return f"chromedriver not installed at {CHROMEDRIVER} (scripts/test.sh installs chromium-driver)"
    return None


def _prefer_debian_chromedriver() -> None:
    """dash/selenium start the first ``chromedriver`` on $PATH: make that the one matching /usr/bin/chromium."""
    found = shutil.which("chromedriver")
    if found is None or Path(found).resolve() != CHROMEDRIVER.resolve():
        os.environ["PATH"] = os.pathsep.join([str(CHROMEDRIVER.parent), os.environ.get("PATH", "")])


def _stop_only_the_server_thread() -> None:
    """dash's ``KillerThread.kill`` (how ``dash_duo`` stops its Flask server) raises SystemExit into *every*
    thread started since the server thread was made, not only its own: in this process that includes the
    export browser's event loop and choreographer's pipe readers, whose browser then hangs until the render
    timeout (an export test failed CI that way). Stop only the server thread; werkzeug's request threads
    are daemons and end with their requests."""
    import ctypes

    from dash.testing import application_runners

    def kill(self):
        if self.ident is not None and self.is_alive():
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.ident), ctypes.py_object(SystemExit))

    application_runners.KillerThread.kill = kill


def pytest_configure(config):
    _stop_only_the_server_thread()
    if os.environ.get("DASH_TEST_HEADFUL", "") not in ("1", "true", "yes"):
        # dash only reads the flag through config.getoption("headless"); setting it here equals --headless.
        if hasattr(config.option, "headless"):
            config.option.headless = True
    if _browser_missing() is None:
        _prefer_debian_chromedriver()


def pytest_collection_modifyitems(config, items):
    reason = _browser_missing()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(skip)


def pytest_setup_options():
    """dash testing hook: the ChromeOptions every dash_duo browser starts with."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = str(CHROMIUM)
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    return options


# ---------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def loaded_data():
    """Load model and geometry once, before any server starts (so no page waits on the first load)."""
    from dashkaart_browser import current

    return current()


@pytest.fixture
def app(loaded_data):
    from dashkaart_browser import production_context

    from dashboard.server.app import create_app

    return create_app(production_context())


@pytest.fixture
def duo(dash_duo, app):
    """dash_duo with the real app running. No page is open yet: each test opens its own address with
    `dashkaart_browser.open_path`, so no test pays for loading the start page twice."""
    dash_duo.start_server(app, navigate=False)
    return dash_duo
