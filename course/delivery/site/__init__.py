"""The course as a static website (``make site``, ``course site``): every notebook a page, exercises live.

``build`` writes ``build/site/`` and ``build/course-site.zip``. Pages come from the executed learner
copies of the notebooks (``execute``, ``page``): no code, no instructor or solution cells. Exercises are
compiled from data/exercises/ to JSON with their text rendered by the course's one sanitizing renderer
(``exercise_json``) and scored in the page by ``static/scoring.js``, the JavaScript twin of the Python
scorer. The case-judgement test runs in the pages of 00 and 11 (``judgement``, ``static/judgement.js``),
self-scored, with the same form order as in JupyterLab. Progress stays in the browser
(``static/progress.js``). Nothing is loaded from the web, so the
site works from ``file://`` and from any static host. Printed, a page is a clean handout.
"""
