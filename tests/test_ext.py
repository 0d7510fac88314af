"""ext.text_of: Doc.text built once per Doc, never carried over to another Doc."""
from __future__ import annotations

import gc
import warnings
import weakref

import spacy
from spacy.tokens import Doc

from whimbrel import ext


def test_text_of_is_each_docs_own_text_and_goes_with_it():
    nlp = spacy.blank("en")
    a, b = nlp("Kyiv was shelled.\n\nTalks resumed."), nlp("Talks resumed.")
    assert ext.text_of(a) == a.text and ext.text_of(b) == "Talks resumed."
    assert ext.text_of(a) is ext.text_of(a)  # built once
    # Docs made from other docs get their own text, and no warning about whimbrel's data.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        merged = Doc.from_docs([a, b])
    assert ext.text_of(merged) == merged.text
    part = a[0:4].as_doc(copy_user_data=True)
    assert ext.text_of(part) == "Kyiv was shelled."
    # The table holds its Docs weakly: once nothing else does, they are freed.
    refs = [weakref.ref(d) for d in (a, b, merged, part)]
    del a, b, merged, part
    gc.collect()
    assert all(r() is None for r in refs)
