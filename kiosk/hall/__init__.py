"""What runs beside the show for staff: the play log, the status file, the reload watcher,
the loop's fault log, and supervision (systemd notifications and the boot unit)."""
