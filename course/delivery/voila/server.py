"""Voilà, serving a folder of notebooks, with ``/`` leading to the landing page instead of a file list.

Run as ``python -m course.delivery.voila.server FOLDER --port=P --Voila.ip=127.0.0.1`` (``course.delivery.voila.app`` builds
the command). Imports Voilà, so it is only imported when the app starts.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from voila.app import Voila

from ..audience import DELIVERY_ENV
from .app import LANDING


class CourseVoila(Voila):
    """Voilà whose root address redirects to ``voila/render/index.ipynb``."""

    name = "course-app"

    def init_handlers(self) -> list[Any]:
        handlers: list[Any] = super().init_handlers()
        if self.notebook_path:
            return handlers
        landing = url_path_join(self.base_url, "voila/render", LANDING)
        return [(self.server_url, RedirectHandler, {"url": landing, "permanent": False})] + handlers


def main(argv: list[str] | None = None) -> None:
    os.environ[DELIVERY_ENV] = "app"  # the kernels Voila starts inherit it: displays word their text for the app
    CourseVoila.launch_instance(argv=argv)


if __name__ == "__main__":
    main(sys.argv[1:])
