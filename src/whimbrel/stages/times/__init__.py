"""The times stage (see whimbrel.stages)."""
