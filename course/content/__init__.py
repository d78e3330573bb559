"""Course content: typed, validated models of everything in ``data/``."""

from .loader import Content, check_content, load_content, read_content

__all__ = ["Content", "check_content", "load_content", "read_content"]
