"""The events stage (see whimbrel.stages)."""
