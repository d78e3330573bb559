"""The class view as one self-contained HTML page (``course class-summary --exchange``)."""

from __future__ import annotations

from datetime import datetime, timezone
from html import escape
from pathlib import Path

from .class_view import ClassData
from .class_view_html import class_view_html

CSS = """body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;
line-height:1.45}table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #bbb;
padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f0f0f0}img{max-width:100%;height:auto}
.course-class-bad li{color:#8a2a00}"""


def write_page(data: ClassData, out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = out_dir / "index.html"
    page.write_text(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Class view</title><style>{CSS}</style></head><body><h1>Class view</h1>"
        f"<p>Read from the seminar exchange {escape(str(data.read.exchange))} at {when}.</p>"
        f"{class_view_html(data)}</body></html>\n",
        encoding="utf-8",
    )
    return page
