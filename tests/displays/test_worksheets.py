"""The Gottlieb worksheet: the pure assessment, the form driven headlessly, and bad data reported cleanly."""

import re
import shutil
from pathlib import Path

import pytest

from course import progress
from course.content.gottlieb import DIMENSION_IDS, gottlieb_path, gottlieb_problems, load_gottlieb
from course.displays.worksheets import gottlieb_assessment, gottlieb_worksheet, reading_html
from course.problems import ContentError

FIXTURES = Path(__file__).parent.parent / "fixtures" / "worksheets"
BAD = sorted(FIXTURES.glob("gottlieb-*.yaml"))
EXPECT = re.compile(r"^# expect: (?P<line>\d+) \| (?P<field>.+?) \| (?P<message>.+)$", re.M)


@pytest.fixture(autouse=True)
def _own_store(tmp_path):
    """Each test keeps the worksheet's choices in a progress store of its own."""
    progress.use(tmp_path / "progress.sqlite3")
    yield
    progress.use(None)


# --- the shipped file and the pure function --------------------------------------------------------


def test_shipped_worksheet_is_valid():
    assert gottlieb_problems() == []


def test_janes_request_reads_high_risk():
    risk, advice = gottlieb_assessment("high", "long", "uncertain")
    assert risk == "high"
    assert "should not begin" in advice


def test_courses_reading_of_jane_agrees_with_the_scoring():
    sheet, _ = load_gottlieb()
    jane = sheet.jane
    assert (jane.power, jane.duration, jane.termination, jane.risk) == ("high", "long", "uncertain", "high")
    assert gottlieb_assessment(jane.power, jane.duration, jane.termination)[0] == jane.risk


@pytest.mark.parametrize(
    "levels, risk",
    [
        (("high", "brief", "clear"), "high"),  # power high decides on its own
        (("mid", "long", "uncertain"), "high"),  # two dimensions at the high-risk end
        (("mid", "intermediate", "clear"), "moderate"),
        (("low", "long", "clear"), "moderate"),
        (("low", "brief", "uncertain"), "moderate"),
        (("mid", "brief", "clear"), "low"),
        (("low", "brief", "clear"), "low"),
    ],
)
def test_readings_across_the_grid(levels, risk):
    assert gottlieb_assessment(*levels)[0] == risk


def test_every_combination_gets_a_reading_with_advice():
    sheet, _ = load_gottlieb()
    import itertools

    options = [[lv.id for lv in sheet.dimension(d).levels] for d in DIMENSION_IDS]
    for combo in itertools.product(*options):
        risk, advice = gottlieb_assessment(*combo, sheet=sheet)
        assert risk in ("high", "moderate", "low") and advice.strip()


def test_unknown_level_names_the_allowed_ones():
    with pytest.raises(ValueError, match="choose one of low, mid, high"):
        gottlieb_assessment("enormous", "long", "uncertain")


# --- the form, driven headlessly --------------------------------------------------------------------


def test_form_is_labelled_and_starts_unchosen():
    ws = gottlieb_worksheet()
    assert [ws.dropdowns[d].description for d in DIMENSION_IDS] == ["Power:", "Duration:", "Termination:"]
    assert [lv for _, lv in ws.power.options] == ["", "low", "mid", "high"]
    assert [lv for _, lv in ws.duration.options] == ["", "brief", "intermediate", "long"]
    assert [lv for _, lv in ws.termination.options] == ["", "clear", "uncertain"]
    assert all(dd.value == "" for dd in ws.dropdowns.values())
    assert ws.button.description == "Show the reading"
    assert ws.result.value == ""


def test_form_asks_for_missing_levels_instead_of_failing():
    ws = gottlieb_worksheet()
    ws.power.value = "high"
    ws.button.click()
    assert "Choose a level for duration and termination first" in ws.result.value


def test_form_shows_high_risk_and_next_steps_for_janes_request(capsys):
    ws = gottlieb_worksheet()
    ws.power.value, ws.duration.value, ws.termination.value = "high", "long", "uncertain"
    ws.button.click()
    html = ws.result.value
    assert "Reading: High risk." in html
    assert "Next steps" in html and "Standard 3.05" in html
    assert "Your ratings match the course" in html
    assert "role='status'" in html
    assert "kspope" not in html and "verify" not in html.lower()  # the verify note is for instructors only
    assert capsys.readouterr().out == ""  # written into the HTML widget, never printed


def test_form_compares_a_different_rating_with_the_courses():
    ws = gottlieb_worksheet()
    ws.power.value, ws.duration.value, ws.termination.value = "mid", "intermediate", "clear"
    ws.button.click()
    html = ws.result.value
    assert "Reading: Moderate risk." in html
    assert "differ from the course" in html and "you chose mid-range" in html


def test_a_reading_on_screen_follows_a_changed_choice():
    ws = gottlieb_worksheet()
    ws.power.value, ws.duration.value, ws.termination.value = "high", "long", "uncertain"
    ws.button.click()
    assert "Reading: High risk." in ws.result.value
    ws.power.value, ws.duration.value, ws.termination.value = "low", "brief", "clear"
    assert "Reading: High risk." not in ws.result.value
    assert ws.result.value == reading_html(ws.sheet, {"power": "low", "duration": "brief", "termination": "clear"})


def test_a_choice_before_any_reading_shows_none():
    ws = gottlieb_worksheet()
    ws.power.value = "high"
    assert ws.result.value == ""


def test_the_choices_are_restored_in_a_new_form():
    first = gottlieb_worksheet()
    first.power.value, first.duration.value = "mid", "long"
    again = gottlieb_worksheet()
    assert (again.power.value, again.duration.value, again.termination.value) == ("mid", "long", "")
    assert again.result.value == ""


def test_choosing_a_level_shows_its_explanation():
    ws = gottlieb_worksheet()
    ws.termination.value = "uncertain"
    assert "No end has been set" in ws.explanations["termination"].value


def test_reading_html_escapes_nothing_unsafe():
    sheet, _ = load_gottlieb()
    html = reading_html(sheet, {"power": "high", "duration": "long", "termination": "uncertain"})
    assert "<script" not in html and "onerror" not in html


def test_form_renders_as_a_widget():
    ws = gottlieb_worksheet()
    bundle = ws._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_course_package_exposes_the_worksheet_lazily():
    import course

    assert type(course.gottlieb_worksheet()).__name__ == "GottliebWorksheet"


# --- bad data: file:line: field: message, never a traceback -----------------------------------------


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_fixture_reported_with_line_and_field(path):
    expect = EXPECT.search(path.read_text(errors="replace"))
    assert expect, f"{path.name} has no '# expect:' header"
    problems = gottlieb_problems(path)
    match = [
        p
        for p in problems
        if p.line == int(expect["line"]) and (p.field or "(file)") == expect["field"] and expect["message"] in p.message
    ]
    assert match, [str(p) for p in problems]
    assert str(match[0]).startswith(f"{match[0].file}:{expect['line']}: {expect['field']}: ")


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_fixture_gives_a_problem_list_not_a_traceback(path):
    shown = gottlieb_worksheet(path)
    html = shown.data
    assert "cannot be shown" in html and "Traceback" not in html
    assert path.name in html


def test_bad_shipped_file_makes_the_assessment_raise_content_error(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "worksheets").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "gottlieb-jane-unknown-level.yaml", data / "worksheets" / "gottlieb.yaml")
    monkeypatch.setenv("COURSE_DATA", str(data))
    assert gottlieb_path() == data / "worksheets" / "gottlieb.yaml"
    with pytest.raises(ContentError, match="jane.duration"):
        gottlieb_assessment("high", "long", "uncertain")


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "is empty"),
        ("title: [unclosed\n", "is not valid YAML"),
        ("- just\n- a list\n", "should be a block of 'name: value' fields"),
    ],
)
def test_broken_files_are_reported(tmp_path, text, message):
    path = tmp_path / "gottlieb.yaml"
    path.write_text(text)
    problems = gottlieb_problems(path)
    assert problems and any(message in p.message for p in problems), [str(p) for p in problems]


def test_missing_file_is_reported(tmp_path):
    problems = gottlieb_problems(tmp_path / "nope.yaml")
    assert problems and "cannot be read" in problems[0].message
