"""What runs beside the show for staff and for months unattended: the play log and its
rotation, the status file, the reload watcher, the loop's fault log, systemd notifications and
the boot unit, the folder lock, resuming after an unclean end, and journald logging."""
