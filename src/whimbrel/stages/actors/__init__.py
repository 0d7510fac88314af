"""The actors stage (see whimbrel.stages)."""
