"""Every way the course reaches learners: the learner copy of a notebook (``learner_copy``), JupyterLab
(``lab``), the Voilà app (``voila``), HTML handouts (``handouts``), the JupyterLite site (``lite``) and
the student release (``release``)."""
