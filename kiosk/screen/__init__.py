"""The pygame video and input edge: opening the display, waiting for input, turning SDL
events into commands, decoding photos and drawing frames. Thin, and fails soft."""
