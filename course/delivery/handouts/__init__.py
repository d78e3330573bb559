"""Executed, self-contained HTML handouts: the build (``build``), exercises as static questions
(``exercise``) and other widgets as snapshots of their saved state (``widget_snapshot``)."""
