"""``course release``: the student version of the course (``build``), the files it holds (``files``) and
its exercise specs with answers as salted hashes (``specs``)."""
