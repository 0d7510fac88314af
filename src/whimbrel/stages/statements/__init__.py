"""The statements stage (see whimbrel.stages)."""
