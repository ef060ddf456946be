"""The flow's stages, in the order ``trace`` runs them after reading: fingerprints and
verbatim alignment (``verbatim``), the semantic stage (candidates by vectors and names, pairs
compared sentence by sentence, kinds and directions decided: ``semantic``), then, on the
related documents, relations reconciled and stories built (``stories``), claims found
(``claims``) and every derivation's changes (``changes``), whose records the report writes
(``report.json_report.build_report`` runs these three in order); and a query's answer
(``answer``). The index's stages read and write it through ``Index``'s public methods only
(``store.related``); all sit above ``store/`` and below ``report/`` in the layers
(``tests/test_package_cycles``).
"""
