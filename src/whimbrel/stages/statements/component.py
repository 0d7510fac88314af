"""The ``whimbrel_statements`` component: who said what, as direct, indirect and headline statements.

It fills ``doc._.statements`` with :class:`whimbrel.model.Statement` objects, in
text order, of three kinds:

* **direct**: words inside double quotation marks (straight ``"..."``, curly
  ``“...”`` or guillemets ``«...»``) attributed by an adjacent reporting verb
  (``“...,” the minister said``, ``said Lavrov``, ``he told reporters: “...”``),
  or a quotation sentence continuing the previous speaker's quote
  (:mod:`.direct`);
* **indirect**: a reporting verb from ``data/statements/cues.yaml`` with its
  content (``Lavrov said Iran ...``, ``..., saying Moscow respects ...``,
  ``Tehran vowed to retaliate``, ``Iran will respond, the minister said``), or
  ``according to X`` (:mod:`.indirect`, :mod:`.content`); with the candidate
  model, also evidential raising verbs with no source ("Trump is expected to
  win", :mod:`.raising`);
* **headline**: the title line written as ``CLAIM: SPEAKER``,
  ``CLAIM, says SPEAKER`` or ``SPEAKER: CLAIM`` (:mod:`.headline`).

Besides ``cues.yaml``, cue verbs learned from PolNeAR's training split
(``data/statements/learned_cues.tsv``, written by
``scripts/train_statements.py``: each verb's observed cue rate and the relation
to its content) widen the cue list (:mod:`.learned`); without that table the
stage runs on ``cues.yaml`` alone and logs a warning. Transcript turns
("TAPPER: ...") and signed embedded posts ("... — Paul Ryan (@SpeakerRyan)")
are statements too (:mod:`.transcript`).

Span convention: PolNeAR's (Newell, Margolin and Ruths 2018), the field's
annotation standard, by default (``spans="attribution"``): a quote split by its
cue is one statement (the hull of its pieces), a content keeps its opening
"that", the speaker span is the cue's subject as written ("who", "he") and a
learned cue's direct object is a content ("endorsed Clinton"). The config value
``spans`` (or ``$WHIMBREL_STATEMENT_SPANS``) ``"pieces"`` gives the older one:
one statement per quoted piece and no complementizer in a content
(:mod:`.extraction`).

Speakers are actors of the actors stage (:mod:`.speakers`); the choices
consumers rely on are listed in :mod:`.extraction`. The quote scanner is a
single left-to-right pass over the characters (:mod:`.quotes`); every later
step looks only at a bounded window of tokens around a quote or at one
token's dependency neighbourhood.

The dependency rules follow the usual description of English reported speech
(Quirk et al. 1985, *A Comprehensive Grammar of the English Language*,
§14.29-14.31 on direct and indirect speech) and the news-attribution patterns
of Pareti (2016), "PARC 3.0: A Corpus of Attribution Relations" (source, cue,
content), without using that corpus.
"""
from __future__ import annotations

import os
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ... import ext
from ..base import Stage
from .extraction import SPAN_CONVENTIONS, extract
from .vocab import CUES_FILE, Cues, load_cues

#: What the component reads: the actors stage's results and the model's parse,
#: tags, lemmas and entities. It also reads ``token.pos`` (set by the model's
#: attribute_ruler, which declares no ``assigns``, so naming it here would be
#: reported as unmet by ``nlp.analyze_pipes``) and ``doc._.title_span`` (set by
#: the pipeline runner before the components run, not by a component).
REQUIRES = [
    "doc._.actors", "doc._.actor_mentions", "doc._.phrase_actors",
    "token.dep", "token.head", "token.is_sent_start", "token.tag", "token.lemma", "token.ent_type",
    "doc.ents", "doc.sents",
]


#: The span convention when the config gives none: ``$WHIMBREL_STATEMENT_SPANS`` or "attribution".
SPANS_ENV = "WHIMBREL_STATEMENT_SPANS"


@Language.factory("whimbrel_statements", assigns=["doc._.statements"], requires=REQUIRES,
                  default_config={"lexicon_dir": None, "spans": None})
def make_statements(nlp: Language, name: str, lexicon_dir: str | None, spans: str | None) -> "StatementExtractor":
    return StatementExtractor(nlp, name, lexicon_dir=lexicon_dir, spans=spans)


class StatementExtractor(Stage):
    """Pipeline component: sets ``doc._.statements`` (lexicon: ``statements/cues.yaml``)."""

    assigns = ("statements",)
    lexicon_files = (CUES_FILE,)

    def __init__(self, nlp: Language, name: str = "whimbrel_statements", lexicon_dir: str | None = None,
                 spans: str | None = None) -> None:
        super().__init__(nlp, name)
        self.spans = spans or os.environ.get(SPANS_ENV, "").strip() or "attribution"
        if self.spans not in SPAN_CONVENTIONS:
            raise ValueError(f"statements: spans must be one of {SPAN_CONVENTIONS}, not {self.spans!r}")
        self.cues: Cues
        self.initialize(lexicon_dir=lexicon_dir)

    def load(self, root: Path | None) -> None:
        self.cues = load_cues(root, objects=getattr(self, "spans", "attribution") == "attribution")

    def process(self, doc: Doc) -> None:
        doc._.statements = extract(doc, self.cues, self.spans)


ext.register()
