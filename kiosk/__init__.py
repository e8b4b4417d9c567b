"""kiosk: a museum kiosk slideshow and audio guide."""

import os

# pygame prints a greeting on import; a kiosk's log is for staff, not for pygame's banner.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

__version__ = "0.1.0"
