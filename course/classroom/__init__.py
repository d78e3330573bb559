"""The instructor's side of the course: the seminar exchange, the class view and the gradebook."""
