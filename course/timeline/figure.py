"""The timeline's matplotlib ``Figure``: it always draws with the timeline's own settings.

matplotlib reads some settings when a figure is drawn or saved rather than when it is built: how
text is hinted, and whether SVG and PDF files keep real text. A plain ``Figure`` would take those
from whatever the caller's settings are at that moment, so ``figure.savefig("t.svg")`` in a
notebook could give glyph drawings instead of text. This figure draws inside its settings.
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure


class TimelineFigure(Figure):
    """A ``Figure`` that applies ``settings`` (matplotlib rcParams) whenever it is drawn."""

    def __init__(self, *args: Any, settings: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = dict(settings)

    def draw(self, renderer: Any) -> None:
        with mpl.rc_context(self.settings):
            super().draw(renderer)
