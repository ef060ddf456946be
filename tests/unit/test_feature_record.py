"""A relation's pair features, held compactly, read and write exactly as the dict they were
made from: the report's bytes cannot tell them apart."""

from __future__ import annotations

import json
import pickle

import pytest

from newstrace.match.relation import FeatureRecord, Relation, relation_from_json

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
