"""The actors stage: political actors in the text, resolved to country, sector and code.

Other stages import only :mod:`.api`; the spaCy factory ``whimbrel_actors`` is
registered by :mod:`.component`.
"""
