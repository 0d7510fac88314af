"""The statements stage: who said what (see :mod:`.component`; other stages read :mod:`.api`)."""
