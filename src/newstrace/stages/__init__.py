"""The flow's stages that run over the index: the semantic stage (candidates by vectors and
names, pairs compared sentence by sentence, kinds and directions decided) and a query's
answer. They read and write the index through ``Index``'s public methods only
(``store.related``), and sit above ``store/`` in the layers (``tests/test_package_cycles``).
"""
