"""The course as a self-study web app in Voilà: the staged notebooks (``app``) and the server (``server``)."""
