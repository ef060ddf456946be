"""Alignment of candidate pairs into passages, and the relations built on them: their kind
(``kinds``) and which side is the source (``orient``, with the wire credits it reads in
``wire``)."""
