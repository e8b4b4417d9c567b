"""The narration edge: the sound card (pygame.mixer), the desk that plays a slide's
narration, and speech synthesis in worker processes. Without a sound device or a speech
engine the show goes on silently, and says why once."""
