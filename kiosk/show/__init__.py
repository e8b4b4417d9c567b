"""The show itself, as pure values and functions: decks and slides, what a visitor can ask,
the player state machine, the screen's geometry and theme, and what a slide says aloud.

Nothing here imports pygame, pyttsx3 or Pillow, reads a file or reads the clock (the clock
is always an argument), so all of it runs and is tested without a screen or a sound card.
"""
