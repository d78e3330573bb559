"""``make bench``: how fast the course is, each figure measured against a floor in the same run.

Run ``python bench/run.py`` (or ``make bench``); see README.md, section "Performance".
"""
