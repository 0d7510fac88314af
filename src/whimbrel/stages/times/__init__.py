"""The times stage (see whimbrel.stages): time expressions normalised to TIMEX3 values.

``component`` (the ``whimbrel_times`` factory), ``vocab`` (the five files of
``data/times``), ``patterns`` (candidate finding), ``filters`` (syntax-aware
checks), ``tense``, ``normalisers`` (the ordered table from a match to its value),
``anchoring`` (calendar arithmetic), ``references`` (times dated from each
other), ``extract`` (a document's times), and ``api`` (what other stages read).
"""
