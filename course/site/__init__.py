"""The course as a static website (``make site``): every notebook as a page, exercises live in the page.

``python -m course.site`` writes ``build/site/`` and ``build/course-site.zip``. Pages come from the
executed learner copies of the notebooks (no code, no instructor or solution cells); exercises are
compiled from data/exercises/ to JSON with their text rendered by the course's one sanitizing renderer,
and scored in the page by ``static/scoring.js``, the JavaScript twin of the Python scorer. Progress
stays in the browser. Nothing is loaded from the web, so the site works from ``file://`` and from any
static host. See docs/deployment.md.
"""
