"""Curators' files into values and problems: the config, the exhibition, each deck, the
media they name. Every problem keeps its file, line and column; bad input never raises.

Reads files, but imports neither pygame, pyttsx3 nor Pillow: a test holds it to that.
"""
