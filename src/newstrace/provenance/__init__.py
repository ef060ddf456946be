"""Provenance over the relations: reconciled relations, stories (text lineages, events,
topics) and claims. Which side of one pair is the source is decided with the pair, in
``match.orient``."""
