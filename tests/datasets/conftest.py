import shutil
from pathlib import Path

import pytest

from datasets.loader import SHIPPED_DIR


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the shipped tables, to break one thing at a time."""
    folder = tmp_path / "levering"
    shutil.copytree(SHIPPED_DIR, folder)
    return folder
