"""PAN text-alignment evaluation (Potthast et al., COLING 2010), at character level.

A corpus laid out like PAN 2013's training set: ``src/``, ``susp/``, and one folder per
obfuscation type holding ``pairs`` and one XML per pair whose ``plagiarism`` features give the
true cases. Each pair is aligned on the raw texts (PAN's offsets refer to them); detections
and cases are sets of characters in both documents, and:

- precision: mean over detections of the share of the detection's characters in the cases it
  detects; recall: mean over cases of the share of the case's characters detected;
- granularity: mean number of detections per detected case; plagdet = F1 / log2(1 + gran).

A detection detects a case when they overlap in the suspicious and in the source document.
"""

from __future__ import annotations

import functools
import itertools
import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from newstrace.config import ReuseConfig
from newstrace.engine.local import engine_scope
from newstrace.engine.protocol import Engine
from newstrace.evaluate.halves import half_of
from newstrace.evaluate.pan_trace import detect_traced, whole_source
from newstrace.index.embed import Encoder
from newstrace.index.sentences import SentenceFeatures, text_features, word_pairs
from newstrace.index.shingles import fingerprint_text
from newstrace.match.passages import cluster_passages, covered, is_seed, merge_adjacent
from newstrace.match.sentences import (
    SentenceConfig,
    SentencePair,
    align_sentences,
    loose_pairs,
)
from newstrace.match.verbatim import align_verbatim
from newstrace.model import Passage, Span
from newstrace.text.segment import split_sentences

__all__ = ["RULES", "SUMMARY", "Case", "PanScores", "evaluate_pan", "pair_half", "score_cases"]


@dataclass(frozen=True, slots=True)
class Case:
    """Reuse between a suspicious and a source document: (offset, length) on each side."""

    this_offset: int
    this_length: int
    source_offset: int
    source_length: int


@dataclass(frozen=True, slots=True)
class PanScores:
    """PAN's measures over one set of pairs."""

    pairs: int
    cases: int
    detections: int
    precision: float
    recall: float
    granularity: float
    plagdet: float
    pairs_with_detections: int

    def to_json(self) -> dict[str, float | int]:
        """The scores as a JSON-ready mapping."""
        return {name: (round(value, 4) if isinstance(value, float) else value)
                for name, value in (
                    ("pairs", self.pairs), ("cases", self.cases),
                    ("detections", self.detections), ("precision", self.precision),
                    ("recall", self.recall), ("granularity", self.granularity),
                    ("plagdet", self.plagdet),
                    ("pairs_with_detections", self.pairs_with_detections))}


#: One pair to align: the two files and, unless verbatim only, their sentence features.
PanJob = tuple[str, str, SentenceFeatures | None, SentenceFeatures | None]


def detect_pair(job: PanJob, config: ReuseConfig, sentences: SentenceConfig) -> list[Case]:
    """newstrace's detections for one (suspicious, source) pair of files.

    Verbatim passages, plus passages grown from aligned sentences when the job carries
    sentence features; passages that touch on both sides are merged into one detection.
    """
    susp = Path(job[0]).read_text(encoding="utf-8")
    source = Path(job[1]).read_text(encoding="utf-8")
    alignment = align_verbatim(fingerprint_text("susp", susp), fingerprint_text("src", source),
                               config)
    passages = list(alignment.passages)
    fs, fr = job[2], job[3]
    if fs is not None and fr is not None:
        pairs = align_sentences(fs, fr, sentences)
        clustered = cluster_passages(fs, fr, pairs, seed_score=sentences.seed_score,
                                     gap=sentences.gap, min_seeds=sentences.min_seeds,
                                     source_gap=sentences.source_gap,
                                     single_score=sentences.single_score,
                                     single_words=sentences.single_words,
                                     extend=sentences.extend,
                                     seed_words=sentences.seed_words,
                                     edges=loose_pairs(fs, fr, pairs, sentences))
        clustered = _near_copies(clustered, alignment.passages, fs, fr, pairs, sentences)
        passages += _beyond_copies(clustered, alignment.passages, fs, fr, pairs, sentences)
        passages += summaries(fs, fr, pairs, sentences)
        passages = [p for p in merge_adjacent(passages, sentences.merge_gap)
                    if covered(p.a, alignment.passages, "a") > 0.5
                    or (max(len(p.a), len(p.b)) >= sentences.min_chars
                        and _shares_words(p, susp, source, fs, fr, pairs, sentences))]
    return [Case(p.a.start, len(p.a), p.b.start, len(p.b))
            for p in sorted(passages, key=lambda p: (p.a.start, p.b.start))]


def summaries(fs: SentenceFeatures, fr: SentenceFeatures, pairs: list[SentencePair],
              config: SentenceConfig) -> list[Passage]:
    """Passages where a few consecutive suspicious sentences draw on a whole stretch of the
    source: a summary (PAN's 05). Seeds join across any distance in the source; a group
    counts when it has ``summary_seeds`` seeds, its source side is ``summary_ratio`` times
    longer than its suspicious side (a rewrite or a copy keeps the length) and spans
    ``summary_share`` of the source (a summary draws on the whole; a rewritten passage's
    stray seeds elsewhere in the source do not)."""
    grouped = cluster_passages(fs, fr, pairs, seed_score=config.seed_score, gap=config.gap,
                               min_seeds=config.summary_seeds, single_score=2.0,
                               source_gap=len(fr), seed_words=config.seed_words)
    whole = Span(fr.spans[0].start, fr.spans[-1].end) if len(fr) else Span(0, 0)
    found = [p for p in grouped if len(p.b) >= config.summary_ratio * len(p.a)
             and len(p.b) >= config.summary_share * len(whole)
             and _in_order(p, fs, fr, pairs, config)]
    if not config.summary_whole:
        return found
    return [Passage(p.a, whole, p.kind, p.score, p.words) for p in found]


def _in_order(passage: Passage, fs: SentenceFeatures, fr: SentenceFeatures,
              pairs: list[SentencePair], config: SentenceConfig) -> bool:
    """Whether a passage's seeds read like a summary's: the longest run of them rising on
    both sides holds ``summary_seeds`` and ``summary_order`` of them, and from one to the
    next it passes over more source sentences than suspicious ones (median step ratio over
    ``summary_step``). A copied passage with a stray seed far off rises one to one."""
    seeds = _seeds_inside(passage, fs, fr, pairs, config)
    run = _rising(seeds)
    if len(run) < config.summary_seeds or len(run) < config.summary_order * len(seeds):
        return False
    steps = [(b2 - b1) / max(1, a2 - a1) for (a1, b1), (a2, b2) in itertools.pairwise(run)]
    return statistics.median(steps) > config.summary_step


def _seeds_inside(passage: Passage, fs: SentenceFeatures, fr: SentenceFeatures,
                  pairs: list[SentencePair], config: SentenceConfig) -> list[tuple[int, int]]:
    """The (a, b) sentence numbers of the seeds a passage holds, in order."""
    return sorted((p.a[0], p.b[0]) for p in pairs
                  if is_seed(p, fs, fr, config.seed_score, config.seed_words)
                  and passage.a.start <= fs.spans[p.a[0]].start < passage.a.end
                  and passage.b.start <= fr.spans[p.b[0]].start < passage.b.end)


def _near_copies(passages: list[Passage], copied: tuple[Passage, ...], fs: SentenceFeatures,
                 fr: SentenceFeatures, pairs: list[SentencePair], config: SentenceConfig
                 ) -> list[Passage]:
    """Sentence passages, less the weak ones standing apart in a pair that was copied word
    for word: where a pair has verbatim passages, a reworded passage further than
    ``merge_gap`` characters from all of them needs ``apart_seeds`` seeds. Two documents of
    one subject share similar sentences; a copier who pasted whole paragraphs rarely
    rewrote one sentence elsewhere (PAN 2013, first 300 pairs per folder: 02 0.939 -> 0.967,
    04 0.858 -> 0.868, 03 unchanged)."""
    if not copied:
        return passages

    def near(p: Passage) -> bool:
        return any(p.a.start - c.a.end <= config.merge_gap
                   and c.a.start - p.a.end <= config.merge_gap for c in copied)

    return [p for p in passages if near(p)
            or len(_seeds_inside(p, fs, fr, pairs, config)) >= config.apart_seeds]


def _shares_words(passage: Passage, susp: str, source: str, fs: SentenceFeatures,
                  fr: SentenceFeatures, pairs: list[SentencePair],
                  config: SentenceConfig) -> bool:
    """Whether a passage found by meaning also keeps enough of its source's words in order
    (``SentenceConfig.min_word_pairs``): the evidence that tells reuse from a shared
    subject."""
    window = config.pair_window
    shared = len(word_pairs(passage.a.slice(susp), window)
                 & word_pairs(passage.b.slice(source), window))
    if shared >= config.min_word_pairs:
        return True
    return (shared >= config.strong_word_pairs
            and len(_seeds_inside(passage, fs, fr, pairs, config)) >= config.strong_seeds)


def _beyond_copies(passages: list[Passage], copied: tuple[Passage, ...],
                   fs: SentenceFeatures, fr: SentenceFeatures, pairs: list[SentencePair],
                   config: SentenceConfig) -> list[Passage]:
    """Sentence passages, less those that only guess edges around a copy: a passage that
    touches a long passage copied word for word (``copy_exact``, ``copy_chars``) needs
    ``beyond_seeds`` seeds outside it, and one apart from it a seed outside. The verbatim
    aligner knows a copy's bounds to the character; the weak pairs a sentence passage takes
    in at its edges only blur them (PAN 2013, all pairs: 02 0.958 -> 0.972; 03, 04 and 05
    unchanged)."""
    exact = [c for c in copied
             if c.score >= config.copy_exact and len(c.a) >= config.copy_chars]
    if not exact:
        return passages

    def beyond(p: Passage) -> bool:
        outside = sum(covered(fs.spans[a], exact, "a") < 0.5
                      or covered(fr.spans[b], exact, "b") < 0.5
                      for a, b in _seeds_inside(p, fs, fr, pairs, config))
        touches = covered(p.a, exact, "a") > 0 and covered(p.b, exact, "b") > 0
        return outside >= (config.beyond_seeds if touches else 1)

    return [p for p in passages if beyond(p)]


def _rising(seeds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of (a, b) seeds, sorted by a, whose b rises too (n is small)."""
    best: list[list[tuple[int, int]]] = []
    for i, (_, b) in enumerate(seeds):
        before = max((best[j] for j in range(i) if seeds[j][1] < b), key=len, default=[])
        best.append([*before, seeds[i]])
    return max(best, key=len, default=[])


def _features(paths: list[str], encoder: Encoder, batch: int = 200
              ) -> dict[str, SentenceFeatures]:
    """Sentence features of every file, encoded in batches of ``batch`` documents."""
    out: dict[str, SentenceFeatures] = {}
    for start in range(0, len(paths), batch):
        part = paths[start:start + batch]
        texts = [Path(p).read_text(encoding="utf-8") for p in part]
        # PAN's plain texts are hard-wrapped: a line break is not a sentence boundary.
        items = [(p, None, t, tuple(split_sentences(t, unwrap=True)))
                 for p, t in zip(part, texts, strict=True)]
        out.update(zip(part, text_features(items, encoder), strict=True))
    return out


def _overlap(start: int, length: int, other_start: int, other_length: int) -> tuple[int, int]:
    begin, end = max(start, other_start), min(start + length, other_start + other_length)
    return (begin, end) if end > begin else (0, 0)


def _union(ranges: Iterable[tuple[int, int]]) -> int:
    total, reach = 0, -1
    for begin, end in sorted(r for r in ranges if r[1] > r[0]):
        begin = max(begin, reach)
        if end > begin:
            total, reach = total + end - begin, end
    return total


def _detects(case: Case, det: Case) -> bool:
    return (_overlap(case.this_offset, case.this_length, det.this_offset, det.this_length)[1] > 0
            and _overlap(case.source_offset, case.source_length, det.source_offset,
                         det.source_length)[1] > 0)


def _shared(a: Case, others: list[Case]) -> float:
    """Characters of ``a`` covered by ``others`` that detect or are detected by it, over |a|."""
    hits = [o for o in others if _detects(a, o)]
    this = _union(_overlap(a.this_offset, a.this_length, o.this_offset, o.this_length)
                  for o in hits)
    source = _union(_overlap(a.source_offset, a.source_length, o.source_offset, o.source_length)
                    for o in hits)
    return (this + source) / max(1, a.this_length + a.source_length)


def score_cases(pairs: list[tuple[list[Case], list[Case]]]) -> PanScores:
    """PAN measures over (true cases, detections) of every pair."""
    recall_sum = precision_sum = 0.0
    cases = detections = detected = detection_hits = with_detections = 0
    for truth, found in pairs:
        cases += len(truth)
        detections += len(found)
        with_detections += bool(found)
        for case in truth:
            recall_sum += _shared(case, found)
            hits = sum(_detects(case, det) for det in found)
            detected += hits > 0
            detection_hits += hits
        for det in found:
            precision_sum += _shared(det, truth)
    recall = recall_sum / cases if cases else 0.0
    precision = precision_sum / detections if detections else 0.0
    granularity = detection_hits / detected if detected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PanScores(len(pairs), cases, detections, precision, recall, granularity,
                     f1 / math.log2(1 + granularity), with_detections)


def read_truth(xml_path: Path) -> list[Case]:
    """The plagiarism cases of one PAN pair XML."""
    root = ET.parse(xml_path).getroot()
    return [Case(int(f.get("this_offset", 0)), int(f.get("this_length", 0)),
                 int(f.get("source_offset", 0)), int(f.get("source_length", 0)))
            for f in root.iter("feature") if f.get("name") == "plagiarism"]


def _pairs_of(folder: Path) -> Iterator[tuple[str, str]]:
    for line in (folder / "pairs").read_text().splitlines():
        if line.strip():
            susp, source = line.split()
            yield susp, source


def write_detections(out: Path, susp: str, source: str, found: list[Case]) -> None:
    """One PAN detection XML for a pair, as PAN's own scorer reads them."""
    features = "".join(
        f'<feature name="detected-plagiarism" this_offset="{c.this_offset}" '
        f'this_length="{c.this_length}" source_reference={quoteattr(source)} '
        f'source_offset="{c.source_offset}" source_length="{c.source_length}"/>\n'
        for c in found)
    out.write_text(f"<document reference={quoteattr(susp)}>\n{features}</document>\n",
                   encoding="utf-8")


#: How pairs are detected: ``trace`` reports what the product reports for the pair
#: (``evaluate.pan_trace``); ``pan`` runs ``detect_pair``, tuned on PAN with rules of its own.
RULES = ("trace", "pan")
#: The summary folder, whose cases PAN labels as the whole source document.
SUMMARY = "05-summary-obfuscation"


def pair_half(susp: str, source: str) -> str:
    """The fixed half (``tune`` or ``gate``) of a pair, by its two file names
    (``evaluate.halves``): settings are tuned on the first half and gated on the second."""
    return half_of(f"{susp} {source}")


def evaluate_pan(root: Path, config: ReuseConfig | None = None, *,
                 engine: Engine | None = None, out: Path | None = None,
                 folders: list[str] | None = None, limit: int | None = None,
                 encoder: Encoder | None = None,
                 sentences: SentenceConfig | None = None, rules: str = "trace",
                 half: str | None = None) -> dict[str, PanScores]:
    """Scores per obfuscation folder and ``overall`` (all folders pooled), on one half of
    the pairs (``pair_half``) or all, the first ``limit`` of each folder.

    With an ``encoder``, reworded and translated passages are aligned by sentence too;
    without one, only verbatim passages are detected (``pan`` rules only). With the
    ``trace`` rules, the summary folder and the pooled figure are also given under PAN's
    convention that a summary's source is the whole source document (keys ending in
    " (whole source)").
    """
    if rules not in RULES:
        raise ValueError(f"rules must be one of {', '.join(RULES)}, not {rules!r}")
    if rules == "trace" and encoder is None:
        raise ValueError("the trace rules compare sentences: they need an encoder")
    config = config or ReuseConfig()
    names = folders or sorted(p.name for p in root.iterdir() if (p / "pairs").exists())
    jobs = [(name, susp, source) for name in names
            for susp, source in [pair for pair in _pairs_of(root / name)
                                 if half is None or pair_half(*pair) == half][:limit]]
    files = [(str(root / "susp" / s), str(root / "src" / r)) for _, s, r in jobs]
    features = (_features(sorted({f for pair in files for f in pair}), encoder)
                if encoder is not None else {})
    kernel = (functools.partial(_traced, config=config) if rules == "trace" else
              functools.partial(detect_pair, config=config,
                                sentences=sentences or SentenceConfig()))
    with engine_scope(engine) as scoped:
        found = list(scoped.map(kernel, ((s, r, features.get(s), features.get(r))
                                         for s, r in files)))
    per_folder: dict[str, list[tuple[list[Case], list[Case]]]] = {name: [] for name in names}
    stretched: list[tuple[list[Case], list[Case]]] = []  # summaries, PAN's convention
    for (name, susp, source), detections, (_, source_path) in zip(jobs, found, files,
                                                                   strict=True):
        xml_name = f"{Path(susp).stem}-{Path(source).stem}.xml"
        truth = read_truth(root / name / xml_name)
        per_folder[name].append((truth, detections))
        if rules == "trace" and name == SUMMARY:
            stretched.append((truth, _whole(detections, source_path)))
        if out is not None:
            (out / name).mkdir(parents=True, exist_ok=True)
            write_detections(out / name / xml_name, susp, source, detections)
    scores = {name: score_cases(pairs) for name, pairs in per_folder.items()}
    scores["overall"] = score_cases([p for pairs in per_folder.values() for p in pairs])
    if stretched:
        others = [p for name, pairs in per_folder.items() if name != SUMMARY for p in pairs]
        scores[f"{SUMMARY} (whole source)"] = score_cases(stretched)
        scores["overall (whole source)"] = score_cases(others + stretched)
    return scores


def _traced(job: PanJob, config: ReuseConfig) -> list[Case]:
    susp, source, fs, fr = job
    assert fs is not None and fr is not None  # evaluate_pan gives the trace rules features
    return [Case(*d) for d in detect_traced(susp, source, fs, fr, config)]


def _whole(found: list[Case], source_path: str) -> list[Case]:
    length = len(Path(source_path).read_text(encoding="utf-8"))
    return [Case(*d) for d in whole_source(
        [(c.this_offset, c.this_length, c.source_offset, c.source_length) for c in found],
        length)]
