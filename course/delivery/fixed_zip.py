"""Zip files that come out the same for the same files: fixed dates, fixed modes, entries in the given order.

The site's zip and the JupyterLite wheel are both written this way, so a rebuild of unchanged content gives
a byte-identical file.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold


def write_fixed_zip(target: Path, entries: Iterable[tuple[str, bytes]]) -> Path:
    """Write ``(name, bytes)`` entries to ``target`` (deflated, dated ``FIXED_TIME``, mode 0644)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, payload)
    return target
