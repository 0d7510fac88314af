"""What other stages may read of the actors stage's results (``doc._.actors``, ``doc._.actor_mentions``).

Transitional: re-exports from ``whimbrel.actors`` until the stage moves here.
"""
from whimbrel.actors import Mention, actor_at, actors_of_phrase, get_actor, mention_at  # noqa: F401


def country_name(iso3: str) -> str | None:
    """The actors lexicon's name of the country with ISO code ``iso3`` ("RUS" -> "Russia")."""
    from whimbrel.actors.lexicon import load

    return load().country_names.get(iso3)


def lexicon_entry(form: str):
    """The actors lexicon's entry for the name ``form`` (name, kind, country, sector, code), or None."""
    from whimbrel.actors.lexicon import load

    return load().forms.get(form)


__all__ = ["Mention", "actor_at", "actors_of_phrase", "country_name", "get_actor", "lexicon_entry", "mention_at"]
