"""The dense union-find groups exactly as the dict one does, whatever the unions' order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.unionfind import DenseUnionFind, UnionFind

_UNIONS = st.integers(1, 60).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1),
                                                       st.integers(0, n - 1)), max_size=80)))


@given(_UNIONS, st.integers(1, 4))
@settings(max_examples=200, deadline=None)
def test_dense_groups_are_the_dict_groups(case: tuple[int, list[tuple[int, int]]],
                                          smallest: int) -> None:
    size, pairs = case
    dense, reference = DenseUnionFind(size), UnionFind(range(size))
    for a, b in pairs:
        dense.union(a, b)
        reference.union(a, b)
        assert dense.find(a) == reference.find(a) == min(reference.members()[reference.find(a)])
    expected = [m for m in reference.members().values() if len(m) >= smallest]
    assert list(dense.groups(smallest)) == expected


def test_no_items_no_groups() -> None:
    assert list(DenseUnionFind(0).groups()) == []
