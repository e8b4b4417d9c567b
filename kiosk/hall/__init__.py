"""What runs beside the show for staff: the play log, the status file, the reload watcher."""
