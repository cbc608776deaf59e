"""Unit tests read messages in English, whatever app (and default language) the process made before."""

import pytest

from recruit import i18n


@pytest.fixture(autouse=True)
def _english():
    with i18n.in_locale("en"):
        yield
