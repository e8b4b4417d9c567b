"""Performance benchmarks of the kiosk: `.venv/bin/python bench/run.py` runs them all."""
