"""The timeline's matplotlib ``Figure`` and canvas: drawn with the timeline's own settings, saved lean.

matplotlib reads some settings when a figure is drawn or saved rather than when it is built: how
text is hinted, and whether SVG and PDF files keep real text. A plain ``Figure`` would take those
from whatever the caller's settings are at that moment, so ``figure.savefig("t.svg")`` in a
notebook could give glyph drawings instead of text. This figure draws inside its settings.
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import matplotlib.image  # noqa: F401  (mpl.image.imsave)
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from PIL.PngImagePlugin import PngInfo


class TimelineFigure(Figure):
    """A ``Figure`` that applies ``settings`` (matplotlib rcParams) whenever it is drawn."""

    def __init__(self, *args: Any, settings: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = dict(settings)

    def draw(self, renderer: Any) -> None:
        with mpl.rc_context(self.settings):
            super().draw(renderer)


class TimelineCanvas(FigureCanvasAgg):
    """The Agg canvas, except that an opaque figure is saved as an RGB PNG instead of RGBA.

    The timeline is drawn on white, so its alpha channel is all 255 and says nothing: without it the
    PNG is about a tenth smaller and quicker to write. A figure saved with a transparent background,
    or with ``pil_kwargs``, is saved as matplotlib saves it.
    """

    def print_png(
        self, filename_or_obj: Any, *, metadata: dict | None = None, pil_kwargs: dict | None = None, **_: Any
    ) -> None:
        # savefig has already applied dpi, facecolor and the rest to the figure; they arrive here too.
        FigureCanvasAgg.draw(self)
        rgba = np.asarray(self.buffer_rgba())
        if pil_kwargs or rgba[..., 3].min() < 255:
            mpl.image.imsave(
                filename_or_obj,
                rgba,
                format="png",
                origin="upper",
                dpi=self.figure.dpi,
                metadata=metadata,
                pil_kwargs=pil_kwargs,
            )
            return
        info = PngInfo()
        software = f"Matplotlib version{mpl.__version__}, https://matplotlib.org/"
        for key, value in {"Software": software, **(metadata or {})}.items():
            if value is not None:
                info.add_text(key, value)
        Image.fromarray(rgba[..., :3]).save(filename_or_obj, format="png", pnginfo=info, dpi=(self.figure.dpi,) * 2)
