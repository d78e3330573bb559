"""Tools for the people who write the course: ``course validate`` and ``course sync-notebooks``."""
