"""The instructor's side: the export file a learner sends, class statistics and the class report."""
