"""Fixtures of the site tests: the course content, read once."""

from __future__ import annotations

from typing import Any

import pytest

from .node import REPO


@pytest.fixture(scope="session")
def real_content() -> Any:
    from course.content import read_content

    content, problems = read_content(REPO / "data")
    assert content is not None and not problems, "data/ has problems:\n" + "\n".join(map(str, problems))
    return content
