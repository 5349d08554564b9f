"""Training the models claimpipe ships (a developer step, never part of install or CI)."""
