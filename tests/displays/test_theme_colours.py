"""Light and dark: every course display takes its colours from JupyterLab's theme variables, and the
feedback colours keep WCAG AA contrast in both of JupyterLab's own themes.

The contrast is computed from the theme files of the installed JupyterLab (its light and dark
themes), with the variables the course's CSS actually uses, so a change on either side is caught.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.exercises.widgets.style import CSS as EXERCISE_CSS
from course.theme import CSS as THEME_CSS
from course.theme import PICTURE_CARD

COLOUR_PROPS = re.compile(r"(?:^|;|\{)\s*((?:[\w-]*color|background|border[\w-]*|outline)\s*):([^;}]*)")
VAR = re.compile(r"var\(\s*(--jp-[\w-]+)\s*(?:,[^()]*(?:\([^()]*\)[^()]*)*)?\)")
LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(|\b(?:white|black|red|green|blue|grey|gray|orange)\b")


def rules(css: str) -> dict[str, str]:
    """selector -> declarations, for each rule of a CSS block (later rules for a selector appended)."""
    out: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css.replace("<style>", "").replace("</style>", "")):
        for selector in selectors.split(","):
            key = " ".join(selector.split())
            out[key] = out.get(key, "") + ";" + body
    return out


def test_every_colour_is_a_jupyterlab_theme_variable():
    loose = []
    for name, css in (("course.theme", THEME_CSS), ("exercises", EXERCISE_CSS)):
        for selector, body in rules(css).items():
            for prop, value in COLOUR_PROPS.findall(body):
                rest = VAR.sub("", value)
                if LITERAL.search(rest) and not (selector == ".course-picture" and PICTURE_CARD in rest):
                    loose.append(f"{name}: {selector} {{{prop.strip()}: {value.strip()}}}")
    assert not loose, "colours that do not follow the JupyterLab theme:\n" + "\n".join(loose)


def test_the_picture_card_is_the_one_fixed_colour_and_it_is_light():
    assert PICTURE_CARD.lower() == "#ffffff"
    assert f"background: {PICTURE_CARD}" in rules(THEME_CSS)[".course-picture"]


# --- contrast in JupyterLab's own light and dark themes --------------------------------------


def theme_file(name: str) -> Path:
    import jupyterlab

    path = Path(jupyterlab.__file__).parent / "themes" / "@jupyterlab" / f"theme-{name}-extension" / "index.css"
    if not path.exists():
        pytest.skip(f"JupyterLab's {name} theme is not installed at {path}")
    return path


def theme_variables(name: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+):([^;}]+)", theme_file(name).read_text(encoding="utf-8")))


def resolve(value: str, variables: dict[str, str]) -> tuple[float, float, float, float]:
    """An RGBA colour from a CSS value that may be a chain of var(..., fallback)."""
    value = value.strip()
    m = re.fullmatch(r"var\((--[\w-]+)(?:,(.*))?\)", value)
    if m:
        name, fallback = m.groups()
        return resolve(variables[name] if name in variables else fallback, variables)
    named = {"white": "#ffffff", "black": "#000000"}
    value = named.get(value.lower(), value)
    if value.startswith("#"):
        h = value[1:]
        h = "".join(c * 2 for c in h) if len(h) == 3 else h
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), 1.0)
    parts = [float(p) for p in re.fullmatch(r"rgba?\(([^)]*)\)", value).group(1).split(",")]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def contrast(fg: tuple, bg: tuple) -> float:
    """WCAG contrast ratio of ``fg`` (blended over ``bg`` if translucent) against ``bg``."""
    a = fg[3]
    fg = tuple(fg[i] * a + bg[i] * (1 - a) for i in range(3))

    def luminance(c: tuple) -> float:
        chans = [x / 255 for x in c[:3]]
        lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def declared(css: str, selector: str, prop: str) -> str:
    """The value the CSS gives ``prop`` in ``selector``'s rule (the last one wins)."""
    found = [v for p, v in COLOUR_PROPS.findall(rules(css)[selector]) if p.strip() == prop]
    assert found, f"{selector} sets no {prop}"
    return found[-1].strip()


def edge(css: str, selector: str) -> str:
    """The colour part of ``border-left-color`` or of a ``border-left`` shorthand."""
    try:
        return declared(css, selector, "border-left-color")
    except AssertionError:
        return VAR.search(declared(css, selector, "border-left")).group(0)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_feedback_keeps_aa_contrast_in_both_themes(theme):
    variables = theme_variables(theme)
    box = resolve(declared(EXERCISE_CSS, ".cx-feedback", "background"), variables)
    text = resolve(declared(EXERCISE_CSS, ".cx-feedback", "color"), variables)
    assert contrast(text, box) >= 4.5, f"{theme}: feedback text"
    for kind in (".cx-ok", ".cx-partial", ".cx-wrong"):  # the coloured edge: a graphic, 3:1 (WCAG 1.4.11)
        ratio = contrast(resolve(edge(EXERCISE_CSS, kind), variables), box)
        assert ratio >= 3.0, f"{theme}: {kind} edge has contrast {ratio:.2f} against the feedback box"
    small = resolve(declared(EXERCISE_CSS, ".cx-exercise .cx-small", "color"), variables)
    assert contrast(small, box) >= 4.5, f"{theme}: the small print of an exercise"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_display_text_keeps_aa_contrast_in_both_themes(theme):
    variables = theme_variables(theme)
    page = resolve("var(--jp-layout-color1)", variables)
    for selector, background in (
        (".course-event", ".course-event"),
        (".course-worksheet-result", ".course-worksheet-result"),
    ):
        text = resolve(declared(THEME_CSS, selector, "color"), variables)
        bg = resolve(declared(THEME_CSS, background, "background"), variables)
        assert contrast(text, bg) >= 4.5, f"{theme}: {selector}"
    header = resolve(declared(THEME_CSS, ".course-table thead th", "background"), variables)
    table_text = resolve(declared(THEME_CSS, "table.course-table", "color"), variables)
    assert contrast(table_text, header) >= 4.5 and contrast(table_text, page) >= 4.5, theme
    muted = resolve(declared(THEME_CSS, ".course-muted", "color"), variables)
    assert contrast(muted, page) >= 4.5, f"{theme}: muted text"


# --- every display carries the CSS --------------------------------------------------------------


def _html_of(shown) -> str:
    """All the HTML a display shows: an IPython HTML object's data, or a widget tree's HTML values."""
    if isinstance(getattr(shown, "data", None), str):
        return shown.data
    value = getattr(shown, "value", "")
    return "".join(_html_of(child) for child in getattr(shown, "children", ())) + (
        value if isinstance(value, str) else ""
    )


@pytest.fixture
def own_progress(tmp_path):
    """A progress store of the test's own (the overview and the profession read one)."""
    from course import progress

    progress.use(tmp_path / "progress.sqlite3")
    yield
    progress.use(None)


def test_every_display_carries_the_theme_css(own_progress):
    import course
    from course.timeline import plot_timeline
    from course.timeline.explorer import explorer

    displays = {
        "show_event": course.show_event("refusal"),
        "show_events": course.show_events("refusal", "fee-waived"),
        "compare_codes": course.compare_codes("multiple-relationships"),
        "progress_overview": course.progress_overview(),
        "gottlieb_worksheet": course.gottlieb_worksheet().widget,
        "check_environment": course.check_environment(),
        "explorer": explorer(),
    }
    missing = [name for name, shown in displays.items() if THEME_CSS not in _html_of(shown)]
    assert not missing, f"displays without the theme CSS: {missing}"
    assert THEME_CSS in plot_timeline()._repr_html_()
