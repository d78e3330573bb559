"""``python -m course.delivery.hub``: what ``make hub`` runs (see ``launch.run``)."""

from .launch import run

raise SystemExit(run())
