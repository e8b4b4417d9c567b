"""Offline tools for curators: preview and contact sheets, caption import, stand-in photos."""
