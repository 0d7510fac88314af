"""The places stage (see whimbrel.stages)."""
