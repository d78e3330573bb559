"""The case-judgement test: two parallel forms taken before and after the course (data/judgement/).

- ``model``: the forms as typed models; ``forms``: read and check them (``course validate``);
- ``order``: which form a learner takes first (a stable hash of their pseudonym);
- ``scoring``: 1 point for the key, the one place the test is scored;
- ``answers``: the learner's sittings in their progress store (and the block they share);
- ``results`` / ``results_html``: a learner's item-by-item results as JSON and as HTML;
- ``widget``: ``course.judgement_test``; ``display``: ``course.judgement_results``;
- ``released``: the forms without keys and reasons, for the student release.

The class figure and the way results go back to learners are on the instructor's side, in
``course.classroom.judgement_stats``, ``judgement_class`` and ``exchange``.
"""
