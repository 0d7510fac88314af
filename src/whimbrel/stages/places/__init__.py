"""The places stage: toponyms in the text, resolved to gazetteer entries, with metonymy flagged.

* :mod:`.component`: the ``whimbrel_places`` spaCy factory and :func:`~.component.extract`;
* :mod:`.vocab`: the data files under ``data/places/`` as typed values;
* :mod:`.gazetteer` (with :mod:`.gazetteer_tables`): the name index and its lookup;
* :mod:`.candidates`, :mod:`.datelines`, :mod:`.resolve`, :mod:`.metonymy`: the rules;
* :mod:`.location`: where a token's event happened (read by later stages);
* :mod:`.api`: what other stages may import.
"""
