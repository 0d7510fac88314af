"""The ``whimbrel_actors`` component: find political actors and resolve them.

Steps (:data:`STEPS`), each a function over the document's :class:`.state.Run`,
in this order; a token one step takes is not free for the later ones:

1. :func:`.names.lexicon_matches`: names, demonyms, capitals and seats, epithets
   and organisations from the lexicon (a PhraseMatcher on exact token text).
2. :func:`.persons.find_persons`: person names with the title before them
   ("Russian Deputy Foreign Minister Sergei Ryabkov") or in apposition ("X,
   Iran's envoy,"), clustered by surname.
3. :func:`.groups.find_groups`: collective nouns with their country ("Russian
   troops", "Hungarian and Romanian officials", "the government of Iran").
4. :func:`.coref.find_descriptions`: definite descriptions ("the top Russian
   diplomat", "the foreign minister") -> the latest compatible person.
5. :func:`.names.find_names`: the remaining names of countries and organisations.
6. :func:`.coref.find_back_references`: "the Council", "the bloc" after the name.
7. :func:`.names.find_unknown_orgs`: ORG entities the lexicon does not know.
8. :func:`.coref.find_pronouns`: subject pronouns ("He emphasized", "Russia said it would").

Then :func:`.output.output` codes the actors (:mod:`.coding`: lexicon, owner,
context) and merges the mentions of one actor into one contract ``Actor``;
``doc._.actor_mentions`` keeps each mention with how it was resolved and
``doc._.phrase_actors`` the actors of each collective noun phrase's head.

Besides what ``requires`` declares, the rules read ``token.pos`` (set by the
model's attribute ruler, which declares nothing) and ``doc._.published`` (the
document's metadata, set before the pipeline runs).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..base import Stage
from . import api, vocab
from .coding import dateline_country
from .coref import find_back_references, find_descriptions, find_pronouns
from .groups import find_groups
from .names import find_names, find_unknown_orgs, lexicon_matches
from .output import output
from .persons import find_persons
from .state import Run

#: A resolution step: takes mentions for actors, given the lexicon's matches.
Step = Callable[[Run, list[tuple[int, int, str]]], None]

#: Steps 2-8 in order (step 1, :func:`lexicon_matches`, gives their ``matches``).
STEPS: tuple[Step, ...] = (
    find_persons,
    find_groups,
    find_descriptions,
    find_names,
    find_back_references,
    find_unknown_orgs,
    find_pronouns,
)


@Language.factory(
    "whimbrel_actors",
    assigns=["doc._.actors", "doc._.actor_mentions", "doc._.phrase_actors"],
    requires=["doc.ents", "doc.sents", "token.dep", "token.head", "token.lemma", "token.tag",
              "token.ent_iob", "token.ent_type"],
    default_config={"lexicon_dir": None},
)
def make_actors(nlp: Language, name: str, lexicon_dir: str | None) -> "ActorResolver":
    return ActorResolver(nlp, name, lexicon_dir=lexicon_dir)


class ActorResolver(Stage):
    """Resolves the actors of each document (see the module docstring)."""

    assigns = ("actors", "actor_mentions", "phrase_actors")
    lexicon_files = vocab.FILES

    def __init__(self, nlp: Language, name: str = "whimbrel_actors", lexicon_dir: str | None = None):
        super().__init__(nlp, name)
        self.initialize(lexicon_dir=lexicon_dir)

    def load(self, root: Path | None) -> None:
        """The lexicon (from ``root``, else the package's) and a PhraseMatcher on its forms."""
        self.lex = vocab.load(root)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        patterns = [self.nlp.make_doc(form) for form in self.lex.forms]
        patterns += [self.nlp.make_doc(form) for form in self.lex.people]
        self.matcher.add("ACTOR", patterns)

    def process(self, doc: Doc) -> None:
        api.forget_index(doc)
        run = Run(doc, self.lex, self.matcher)
        run.home = dateline_country(doc, self.lex)
        matches = lexicon_matches(run)
        for step in STEPS:
            step(run, matches)
        doc._.actors, doc._.actor_mentions, doc._.phrase_actors = output(run)
