"""Events: PLOVER event records (type, mode, context, CAMEO code, modality, actor,
recipient, date, place, evidence) from triggers in the dependency parse.

``doc._.events`` holds :class:`whimbrel.model.Event` objects after the
``whimbrel_events`` component has run. The trigger lexicons and cue words are
data files in ``whimbrel/data/events/``.
"""
from .component import extract, find_triggers, make_events  # noqa: F401  (registers the factory)
