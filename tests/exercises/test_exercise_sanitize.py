"""Author text is Markdown rendered then sanitized: nothing executable survives, basic formatting does."""

from __future__ import annotations

import re

import pytest

from course.exercises import evaluate
from course.safe_html import appears_in, inline, markdown, plain_text

from .conftest import single_choice_spec, view_of

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#x73;cript:alert(1))",  # codespell:ignore
    "[click](java&#115;cript:alert(1))",  # codespell:ignore
    "<a href='java&#x73;cript:alert(1)'>x</a>",  # codespell:ignore
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&lt;img src=x onerror=alert(1)&gt;",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    "<details open ontoggle=alert(1)>",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "`<script>` in code is fine as text",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="vbscript:msgbox(1)">x</a>',
]

EVENT_ATTR = re.compile(r"<[^>]*\son\w+\s*=", re.I)


def assert_safe(html: str) -> None:
    low = html.lower()
    assert "<script" not in low
    assert not EVENT_ATTR.search(html)
    assert not re.search(r"on\w+=", low), html
    assert "javascript:" not in low
    assert "vbscript:" not in low
    for tag in ("<iframe", "<svg", "<object", "<embed", "<img", "<style", "<form", "<math"):
        assert tag not in low, html
    assert not re.search(r"<[^>]*\sstyle\s*=", low), html
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*data:", low)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_defeated_in_block_and_inline_rendering(payload: str) -> None:
    assert_safe(markdown(payload))
    assert_safe(inline(payload))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_author_fields_never_reaches_the_widgets(payload: str) -> None:
    spec = single_choice_spec(
        title=f"Title {payload}",
        prompt=f"Prompt {payload}",
        hints=[f"Hint {payload}"],
        options=[
            {"id": "a", "text": f"A {payload}", "feedback": f"Wrong {payload}"},
            {"id": "b", "text": f"B {payload}", "feedback": f"Right {payload}"},
        ],
    )
    result = evaluate(spec, "a")
    assert_safe(result.feedback_html)
    view = view_of(spec)
    view.hint_button.click()
    view.answer_with("a")
    view.reveal_button.click()
    for widget in (view.header, view.hints, view.feedback, view.answer):
        assert_safe(widget.value.replace("<style>", "").replace("</style>", ""))


def test_basic_formatting_and_https_links_survive() -> None:
    html = markdown("**bold** and *em*, `code`,\n\n- a list\n\n[a link](https://example.org/x)")
    assert "<strong>bold</strong>" in html and "<em>em</em>" in html and "<code>code</code>" in html
    assert "<li>a list</li>" in html
    assert '<a href="https://example.org/x" rel="noopener noreferrer">a link</a>' in html


def test_http_and_relative_links() -> None:
    assert "href" not in markdown("[plain http](http://example.org)")
    assert 'href="glossary.ipynb#Transference"' in markdown("[transference](glossary.ipynb#Transference)")


def test_entities_stay_text_and_read_the_same() -> None:
    html = markdown("&lt;script&gt; and java&#x73;cript: and onload=x")  # codespell:ignore
    assert_safe(html)
    assert plain_text(html) == "<script> and javascript: and onload=x"


def test_appears_in_compares_plain_text() -> None:
    assert appears_in("a **bold** claim", "<p>This is A bold claim, really.</p>")
    assert not appears_in("", "<p>anything</p>")
