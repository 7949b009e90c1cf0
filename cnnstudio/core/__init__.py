"""The engine: datasets, models, training. Never imports Qt."""
