"""Whimbrel's stages, one package each: actors, times, places, statements, events.

Every stage has the same parts: ``component.py`` (the spaCy factory, a
:class:`whimbrel.stages.base.Stage`), its rule modules, its vocabulary (the
lexicon files it reads, through :mod:`whimbrel.lexicons`), and ``api.py``: the
functions that read its ``Doc._`` results, the only module another stage may
import. A stage imports only the shared helpers (:mod:`whimbrel.syntax`,
:mod:`whimbrel.lexicons`, :mod:`whimbrel.ext`, :mod:`whimbrel.model`, this
package's :mod:`.base`) and other stages' ``api.py``.
"""
