"""YAML read as nodes that keep their line and column, and syntax errors in plain words."""
