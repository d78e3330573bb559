"""Every way the course reaches learners: the learner copy of a notebook (``learner_copy``), JupyterLab
(``lab``), the Voilà app (``voila``), the static website (``site``, also the printable handouts), the JupyterLite
site (``lite``) and
the student release (``release``)."""
