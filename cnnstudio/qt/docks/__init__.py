"""The dock widgets, one module per dock; docks never import each other."""
