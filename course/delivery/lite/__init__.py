"""The course as a JupyterLite site: the site (``build``) and the course wheel it installs (``wheel``)."""
