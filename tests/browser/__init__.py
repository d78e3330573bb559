"""Real-browser tests of the course in JupyterLab (a package, so helpers import as ``.lab``)."""
