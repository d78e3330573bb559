"""The instructor's side: the export file a learner sends, class statistics and the class report,
and the seminar hub's exchange (sharing, the class view's numbers, the gradebook)."""
