"""The seminar hub (``make hub``): set up the exchange and start JupyterHub (``launch``), and start one
user's JupyterLab with their own copy of the course (``server``)."""
