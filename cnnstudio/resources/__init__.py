"""Runtime files: icons, sample photos, translations, styles (loaded by path)."""
