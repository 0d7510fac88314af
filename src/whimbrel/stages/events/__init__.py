"""The events stage: PLOVER event records (type, mode, context, CAMEO code, modality,
actor, recipient, date, place, evidence) from triggers in the dependency parse.

``component.py`` registers the ``whimbrel_events`` factory; ``api.py`` is what
other modules may import. The trigger lexicons, role words and cue words are
data files in ``whimbrel/data/events/``; a new trigger is a line in
``triggers.yaml``, a new actor or recipient rule one function in
``rules/actors.py`` or ``rules/recipients.py`` and its place in the table there.
"""
