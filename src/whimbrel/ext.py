"""The ``Doc._`` extensions whimbrel's components read and write.

One place registers them all, so any component can be used alone in a user's
own pipeline. Values default to ``None``: a component that has run sets a list.
"""
from __future__ import annotations

import weakref

from spacy.tokens import Doc

DOC_EXTENSIONS = (
    "doc_id",          # str | None: the Document id
    "published",       # datetime.date | None: document creation time, anchor for times
    "title_span",      # (start_char, end_char) | None: the headline inside the text
    "actors",          # list[model.Actor]
    "actor_mentions",  # list[actors.Mention]: every resolved mention, in text order
    "phrase_actors",   # dict[int, list[str]]: head token of a collective noun phrase -> actor ids
                       # (set by the actors stage; read through its api.actors_of_phrase)
    "times",           # list[model.Time]
    "places",          # list[model.Place]
    "statements",      # list[model.Statement]
    "events",          # list[model.Event]
    "event_actors",    # list[model.Actor]: actors the events imply that no mention names: the country
                       # of an event's location, an organisation named by an adjective (ids after doc._.actors)
    "warnings",        # list[str]: "<stage>: stage failed: ..." for each stage that failed on the Doc
)


def register() -> None:
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()


#: Each Doc's text, built once; weak keys, so an entry goes with its Doc. Kept out
#: of ``doc.user_data``, which ``Span.as_doc`` and ``Doc.from_docs`` copy or merge.
_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token each time ``Doc.text`` is read.

    A Doc's text never changes after tokenization (merging or splitting tokens
    keeps the characters), so the first result is kept for the Doc's lifetime.
    """
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text
