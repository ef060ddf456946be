"""A relation's pair features, held compactly, read and write exactly as the dict they were
made from: the report's bytes cannot tell them apart."""

from __future__ import annotations

import json
import pickle

import pytest

from newstrace.model import FeatureRecord, Relation, relation_from_json

FEATURES = {"cosine": 0.9281, "aligned_a": 0.0, "anchor_chain": 0, "anchored": False,
            "days_apart": None, "topic": "politics", "negative": -0.0}


def _relation(features: dict[str, object] | None) -> Relation:
    return Relation("a", "b", "same_story", False, 0.0, 0.0, (), ("semantic",),
                    ("why",), features=features)


def test_features_read_and_write_as_the_dict_they_were() -> None:
    relation = _relation(dict(FEATURES))
    assert isinstance(relation.features, FeatureRecord)
    assert relation.features == FEATURES and dict(relation.features) == FEATURES
    assert list(relation.features) == list(FEATURES)  # the order kept
    assert relation.features.get("topic") == "politics"
    assert relation.features.get("missing") is None
    with pytest.raises(KeyError):
        relation.features["missing"]
    written = json.dumps(relation.to_json()["features"])
    assert written == json.dumps(FEATURES)  # 0 stays 0, 0.0 stays 0.0, -0.0 stays -0.0


def test_a_relation_read_back_from_json_or_a_pickle_is_equal() -> None:
    relation = _relation(dict(FEATURES))
    assert relation_from_json(json.loads(json.dumps(relation.to_json()))) == relation
    assert pickle.loads(pickle.dumps(relation)) == relation
    assert _relation(None).features is None


def test_relations_with_the_same_features_share_their_names() -> None:
    first, second = _relation(dict(FEATURES)), _relation(dict(reversed(FEATURES.items())))
    assert first.features == second.features
    same = _relation({**FEATURES, "cosine": 0.5})
    assert list(same.features) == list(first.features)
    assert same.features._names is first.features._names  # held once for all relations


NUMBERS = {"cosine": 0.9281, "aligned_a": 0.0, "anchor_chain": 0, "passages": 12,
           "anchored": False, "same_site": True, "days_apart": None, "negative": -0.0,
           "tiny": 5e-324, "huge": 1.7976931348623157e308}


def test_numbers_are_packed_and_read_back_as_the_types_they_had() -> None:
    record = _relation(dict(NUMBERS)).features
    assert isinstance(record, FeatureRecord) and isinstance(record._values, bytes)
    assert [type(v) for v in record.values()] == [type(v) for v in NUMBERS.values()]
    assert dict(record) == NUMBERS and list(record) == list(NUMBERS)
    assert json.dumps(dict(record)) == json.dumps(NUMBERS)  # 0 as 0, -0.0 as -0.0, True
    unpickled = pickle.loads(pickle.dumps(record))
    assert unpickled == NUMBERS and [type(v) for v in unpickled.values()] == [
        type(v) for v in NUMBERS.values()]


def test_an_integer_a_double_cannot_hold_keeps_the_tuple() -> None:
    record = FeatureRecord(("big", "cosine"), (2 ** 60 + 1, 0.5))
    assert record["big"] == 2 ** 60 + 1 and isinstance(record._values, tuple)
