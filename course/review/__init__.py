"""The review queue: reviewable exercises brought back on a schedule set by FSRS.

- ``rating``: the rating rule (a first answer's score, or the learner's own rating for a reflection);
- ``schedule``: the FSRS scheduler (py-fsrs), its settings, and the card state the progress store keeps;
- ``queue``: which exercises the learner has met and which are due, and recording a review;
- ``session``: a review in the notebook, re-using the exercise widgets;
- ``anki``: the reviewable exercises as an Anki deck (``course anki``);
- ``simulate``: one simulated learner's month of reviews (``course review-schedule``).
"""
