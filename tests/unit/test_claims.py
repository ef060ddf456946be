"""Claim extraction and matching on hand-written sentences."""

from __future__ import annotations

import numpy as np

from newstrace.changes.figures import counted_word, times
from newstrace.model import Document
from newstrace.provenance.claim_extract import ClaimReader, extract_claims
from newstrace.provenance.claim_match import MentionVectors, independent_links
from newstrace.text.segment import split_paragraphs, split_sentences


def doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, path=doc_id, locator=doc_id, format="text", text=text,
                    paragraphs=tuple(split_paragraphs(text)),
                    sentences=tuple(split_sentences(text)))


def test_quotes_get_their_speaker_from_the_sentence_or_the_paragraph() -> None:
    text = ("“We will rebuild the bridge within a year,” Mayor Ines Albrecht said on Monday. "
            "“Nobody should cross it until then.”\n\n"
            "The engineer Tomas Reyes said the river was rising. He added that the banks "
            "would hold.")
    claims = extract_claims(doc("d", text))
    quotes = [(c.text, c.speaker) for c in claims if c.kind == "quote"]
    assert quotes == [("We will rebuild the bridge within a year,", "albrecht"),
                      ("Nobody should cross it until then.", "albrecht")]
    statements = [(c.text[:9], c.speaker) for c in claims if c.kind == "statement"]
    assert ("The engin", "reyes") in statements and ("He added ", "reyes") in statements


def test_told_names_the_listener_not_the_speaker() -> None:
    claims = extract_claims(doc("d", "“The water is safe to drink again,” Albrecht told "
                                     "Northwire in an interview."))
    assert {c.speaker for c in claims if c.kind == "quote"} == {"albrecht"}


def test_figures_keep_their_qualifier_and_what_they_count() -> None:
    claims = extract_claims(doc("d", "Officials said about 1,500 prisoners might have "
                                     "applied, and 40 such entities in 20 regions exist."))
    figures = {(c.value, c.counted, c.text) for c in claims if c.kind == "figure"}
    assert ("1500", "prisoner", "about 1,500 prisoners might have applied") in figures
    assert ("40", "entity", "40 such entities in 20 regions exist") in figures
    assert counted_word(" such entities") == "entity"


def test_parts_of_words_are_not_figures() -> None:
    claims = extract_claims(doc("d", "The IK-17 colony sent the 3rd unit on a two-month "
                                     "course."))
    assert [c for c in claims if c.kind == "figure"] == []


def test_a_range_of_days_is_a_date_not_a_figure() -> None:
    claims = extract_claims(doc("d", "The survey was conducted April 20—26, 2020, among "
                                     "10,139 adults. A second ran from Jan. 6 to 19 in 40 "
                                     "states."))
    figures = {(c.value, c.counted) for c in claims if c.kind == "figure"}
    assert figures == {("10139", "adult"), ("40", "state")}
    assert [t.value for t in times("on May 1–15, or from May 1 to 15")] == ["may 1-15"] * 2
    # a date, then a figure: no range
    for text, figure in (("On June 5 to 10 people died.", ("10", "died")),
                         ("By April 15 to 20 percent of workers left.", ("20", "percent")),
                         ("On Sept. 11 to 12 firefighters came.", ("12", "firefighter")),
                         ("The Oct. 5-4 ruling stood for 40 years.", ("40", "year"))):
        assert figure in {(c.value, c.counted) for c in extract_claims(doc("d", text))
                          if c.kind == "figure"}, text


def test_independent_reports_match_by_figure_and_by_speaker() -> None:
    a = extract_claims(doc("a", "Some 40,000 residents lost tap water, Albrecht said."))
    b = extract_claims(doc("b", "The town's 40,000 residents were told by Albrecht that the "
                                "tap water is cut."))
    mentions = a + b
    vectors = np.eye(len(mentions), dtype=np.float32)  # no meaning in common
    links = independent_links(range(len(a)), range(len(a), len(mentions)), mentions,
                              vectors)
    kinds = {(mentions[link.a].kind, mentions[link.b].kind) for link in links}
    assert ("figure", "figure") in kinds


def _linked_statements(first: str, second: str) -> bool:
    """Whether the statements of two one-sentence reports, independent of each other, are
    one claim (with every pair of sentences as close in meaning as can be)."""
    mentions = [m for text, name in ((first, "a"), (second, "b"))
                for m in extract_claims(doc(name, text)) if m.kind == "statement"]
    assert [m.doc for m in mentions] == ["a", "b"]
    vectors = np.ones((2, 1), dtype=np.float32)  # cosine 1.0: meaning alone decides nothing
    return bool(independent_links([0], [1], mentions, vectors))


def test_one_speakers_statements_are_one_claim_by_what_is_said_besides_the_names() -> None:
    # the labelled crawls' Cuomo: his name, title and state in both, nothing else said alike
    assert not _linked_statements(
        "Gov. Andrew Cuomo said New York would need federal help to pay its teachers.",
        "New York Gov. Andrew Cuomo said he was working on a plan to reopen the beaches.")
    # one statement told twice in other words
    assert _linked_statements(
        "Powell said the central bank would keep rates near zero until the economy recovers.",
        "The central bank will hold rates near zero until the economy has recovered, "
        "Powell said.")
    # a statement too short to share three words: most of its words are in the other's
    assert _linked_statements("Prigogine denies an affair with Wagner.",
                              "Prigozhin, in fact, denies any affair with Wagner, which has "
                              "sent contractors to Syria.")


def _linked_quotes(first: str, second: str) -> bool:
    """Whether the quotations of two one-sentence independent reports are one claim."""
    mentions = [m for text, name in ((first, "a"), (second, "b"))
                for m in extract_claims(doc(name, text)) if m.kind == "quote"]
    assert [m.doc for m in mentions] == ["a", "b"]
    return bool(independent_links([0], [1], mentions, np.ones((2, 1), dtype=np.float32)))


def test_two_peoples_quotations_are_one_claim_only_word_for_word() -> None:
    # half their words in common: two people's remarks (the labelled fresh crawl's)
    assert not _linked_quotes("“We have a pretty good relationship,” Cardin said.",
                              "“I think we have a pretty good understanding with them,” "
                              "Trump said.")
    assert _linked_quotes("“We have a pretty good relationship,” Cardin said.",
                          "“I think we have a pretty good relationship,” Cardin said.")
    # half their words, but those are "of the": no quotation in common
    assert not _linked_quotes("It was the “statement of the offense,” Carr said.",
                              "The virus came “out of the blue,” Carr said.")
    # a short quotation whose content words are all in the other's
    assert _linked_quotes("“We do not condone violence,” the campaign said.",
                          "“The video was not produced by us, and we do not condone "
                          "violence,” the campaign said.")
    # all of them: one text message, read out by the one who received it
    assert _linked_quotes("“I think it’s crazy to withhold security assistance,” Taylor said.",
                          "“I think it’s crazy to withhold security assistance,” Sondland "
                          "wrote.")


def _speakers(*sentences: str) -> list[str | None]:
    """Each sentence's spoken claims' speaker (the first one's, one per sentence)."""
    out = []
    for n, text in enumerate(sentences):
        found = [c.speaker for c in extract_claims(doc(f"s{n}", text))
                 if c.kind in ("quote", "statement")]
        out.append(found[0] if found else None)
    return out


def test_a_speaker_is_read_past_titles_and_long_ranks() -> None:
    # read on the spring crawl: 'rep' (32 claims) and 'chuck' stood for Schiff and Schumer
    assert _speakers(
        "“Your duty demands you convict,” said Rep. Jason Crow, Colorado Democrat.",
        "“You can’t trust this president,” said Impeachment Manager Rep. Adam Schiff.",
        "“The legislation is historic,” said Senate Minority Leader Chuck Schumer on Monday.",
        "“Power has gone to their heads,” said GOP Rep. Debbie Lesko of Arizona.",
        "“We will hold,” said Lt. Gov. Dan Patrick.",
        "“We will hold,” said Gov. Andrew M. Cuomo.",
        "“We will hold,” said Martin Luther King Jr.",
        # a rank before "of": the person comes after the organisation
        "“We will hold,” said Secretary of State Mike Pompeo on Friday.",
        "Speaker of the House Nancy Pelosi said the vote would be held.",
        # words after the speaker that are not a clause of their own
        "“We will hold,” said Trump late Tuesday.",
    ) == ["crow", "schiff", "schumer", "lesko", "patrick", "cuomo", "king", "pompeo", "pelosi",
          "trump"]


def test_an_organisation_speaks_under_its_whole_name() -> None:
    # a surname is a person's key; 'department' or 'university' would be every one of them
    assert _speakers(
        "The Justice Department said in its filing that the interview was unjustified.",
        "The National Archives said in a statement that the records stayed in the Senate.",
        "The death toll had surpassed 80,000, according to Johns Hopkins University.",
        "The program would benefit 150,000 people, according to The New York Times.",
        "The Department of Justice said it would appeal the ruling.",
    ) == ["justice department", "national archives", "johns hopkins university",
          "new york times", "department of justice"]


def test_who_follows_a_speech_verb_is_not_always_its_speaker() -> None:
    assert _speakers(
        # what was said about: "House prosecutors" is the reported clause's subject
        "Alexander said House prosecutors had proved the charges against the president.",
        "Her press secretary said Trump uses social media very effectively.",
        # the listener of a warning, as of "told"
        "The intelligence community warned Congress that the Russians were interfering.",
        # a class of people, not one source
        "Officials said the town had lost its water.",
        # where the speaker works, not who speaks
        "Anthony Fauci of the National Institutes of Health told CNN the virus sets the time.",
        # a document does not speak
        "He has seen no limits to his power regardless of what the Constitution says.",
    ) == ["alexander", None, None, None, None, None]


def _links(first: str, second: str) -> set[tuple[str, str]]:
    from newstrace.index.embed import load_encoder

    a, b = extract_claims(doc("a", first)), extract_claims(doc("b", second))
    mentions = a + b
    vectors = load_encoder().encode([m.text for m in mentions])
    return {(mentions[link.a].text, mentions[link.b].text) for link in independent_links(
        range(len(a)), range(len(a), len(mentions)), mentions, vectors)}


def test_a_share_or_a_small_count_alone_is_not_one_figure_across_reports() -> None:
    # labelled on the fresh crawl: a poll's 30% and a primary's 30% were one "claim"
    assert not _links("Just 30 percent of Iowa Democrats said they liked him.",
                      "He won less than 30 % of the vote in New Hampshire.")
    assert not _links("The two candidates are competing for the same voters.",
                      "Two candidates dropped out on Monday.")
    # a word in common besides the counted one, or a figure that says what it counts
    assert _links("About 30 percent of Iowa voters backed him.",
                  "He won 30 % of voters in Iowa.")
    assert _links("The budget asks for $2 billion for the border wall.",
                  "Trump wants $2 billion for construction of a wall along the border.")


def test_one_year_is_one_event_only_with_the_same_words() -> None:
    # two things of 2016, read as one event at the seeds' 0.25 of shared words
    assert not _links("In 2016 the Vermont senator had been heavily favored to win the state.",
                      "It went Democratic in the 2016 election, but narrowly, to Clinton.")
    assert _links("In 2016 the Supreme Court struck down a Texas abortion law.",
                  "The Supreme Court struck down a nearly identical Texas abortion law in 2016.")


def test_a_photo_caption_states_no_claim() -> None:
    # two Reuters captions of 2020 were one "event" on the spring crawl
    text = ("FILE PHOTO: Health workers move a patient in New York City, March 30, 2020. "
            "The hospital took in 40 patients in 2020, “more than ever,” staff said.\n\n"
            "In 2020 the city closed 300 schools, officials said.")
    claims = extract_claims(doc("d", text))
    assert [(c.kind, c.text[:7]) for c in claims] == [("event", "In 2020"), ("figure", "300 sch")]


def test_a_country_is_not_a_speaker() -> None:
    claims = extract_claims(doc("d", "“The sanctions stay until the talks resume,” the U.S. "
                                     "said on Monday."))
    assert {c.speaker for c in claims if c.kind == "quote"} == {None}


def _wire_copy(doc_id: str) -> Document:
    return doc(doc_id, "WASHINGTON (AP) — “We will rebuild the bridge within a year,” Mayor "
                       "Ines Albrecht said on Monday, after the flood cut the town in two.")


def test_a_claim_carried_only_by_copies_of_one_wire_is_syndicated_not_circular() -> None:
    from newstrace.match.verbatim import Passage
    from newstrace.model import Relation, Span
    from newstrace.provenance.claims import build_claims
    from newstrace.provenance.stories import build_stories

    copies = [_wire_copy(i) for i in ("a", "b", "c")]
    whole = Span(0, len(copies[0].text))
    passage = (Passage(whole, whole, "verbatim", 1.0, 20),)
    relations = [Relation(x, y, "duplicate", False, 1.0, 1.0, passage, ("t",), ("r",), 0.5,
                          (), {"verbatim_b": 1.0}, "AP") for x, y in (("a", "b"), ("b", "c"))]
    stories = build_stories(["a", "b", "c"], relations)
    claims = build_claims(copies, relations, stories)
    quote = next(c for c in claims if c.kind == "quote")
    assert len(quote.carriers) == 3 and quote.syndicated and not quote.circular
    assert quote.origins == (stories[0].origin,)


def test_reports_of_different_events_share_no_claim() -> None:
    from newstrace.model import Relation
    from newstrace.provenance.claims import build_claims

    a, b = _wire_copy("a"), _wire_copy("b")
    link = Relation("a", "b", "same_topic", False, 0.0, 0.0, (), ("t",), ("r",))
    assert build_claims([a, b], [link], []) == []
    story = Relation("a", "b", "same_story", False, 0.0, 0.0, (), ("t",), ("r",))
    assert build_claims([a, b], [story], []) != []


def test_a_reader_reads_each_distinct_sentence_once_and_gives_the_same_claims() -> None:
    shared = "Officials said about 1,500 prisoners might have applied in 2023. "
    first = doc("a", shared + "“The river is rising fast,” Reyes said. He added that the "
                "banks would hold.")
    second = doc("b", "The engineer Tomas Reyes said the banks would hold.\n\n" + shared)
    reader = ClaimReader()
    assert [reader(d) for d in (first, second)] == [extract_claims(d) for d in (first, second)]
    assert len(reader) == 4  # the shared sentence was read once
    full = ClaimReader(capacity_bytes=0)
    assert [full(d) for d in (first, second)] == [extract_claims(d) for d in (first, second)]
    assert len(full) == 0 and full.kept.held_bytes == 0


def test_spoken_claims_scored_all_at_once_score_as_pair_by_pair() -> None:
    from newstrace.changes.entities import same_name
    from newstrace.index.embed import load_encoder
    from newstrace.provenance import claim_match
    from newstrace.provenance.claim_words import Stems

    first = doc("a", "“We will rebuild the bridge within a year,” Mayor Ines Albrecht said. "
                     "Albrecht said the river authority would test the water on Friday. "
                     "“Nobody should cross it until then,” Reyes said. The Marrow County "
                     "Council said the town of Halloway had lost its water. The engineer "
                     "Tomas Reyes said "
                     "the river was rising.")
    second = doc("b", "“We will rebuild the bridge within the year,” Albrecht told reporters. "
                      "The river authority will test the water on Friday, Albrecht said. "
                      "“Nobody should cross the bridge until then,” Tomas Reyes said. "
                      "The Halloway Water Board said the town had lost its tap water. "
                      "Reyes said the banks would hold, the engineer said.")
    mentions = extract_claims(first) + extract_claims(second)
    vectors = load_encoder().encode([m.text for m in mentions])
    a = [i for i, m in enumerate(mentions) if m.doc == "a" and m.kind in ("quote", "statement")]
    b = [j for j, m in enumerate(mentions) if m.doc == "b" and m.kind in ("quote", "statement")]
    stem = Stems(mentions)
    cosines = np.round(vectors[a] @ vectors[b].T, 6).tolist()
    want = sorted((score, i, j) for r, i in enumerate(a) for c, j in enumerate(b)
                  if (score := claim_match._spoken_score(mentions[i], mentions[j],
                                                         cosines[r][c], stem, i, j)) is not None)
    got = sorted(claim_match._spoken_links(a, b, mentions, vectors, Stems(mentions)))
    assert got == want
    # every route is taken: a quotation's words, one speaker, and a name in common
    routes = {("quote" if mentions[i].kind == mentions[j].kind == "quote" else
               "speaker" if same_name(mentions[i].speaker or "", mentions[j].speaker or "")
               else "name")
              for _, i, j in want}
    assert routes == {"quote", "speaker", "name"}


def test_one_speakers_statements_scored_all_at_once_score_as_pair_by_pair() -> None:
    """The matrix of one speaker's statements gives ``said_close``'s answers: the three
    words route, the short statement's route, and a pair that takes neither."""
    from newstrace.provenance.claim_words import Stems, said_alike, said_close

    first = doc("a", "Gov. Andrew Cuomo said the state would close every public school "
                     "until the end of April. Cuomo denies any ties to Pearson. "
                     "Cuomo said the beaches would stay open all summer.")
    second = doc("b", "Every public school in the state will stay closed until the end of "
                      "April, New York Gov. Andrew Cuomo said. Andrew Cuomo, in fact, "
                      "denies he has any ties to Pearson, who raised funds for him. "
                      "Cuomo said the budget needed federal help.")
    mentions = [m for m in extract_claims(first) + extract_claims(second)
                if m.kind == "statement"]
    assert {m.speaker for m in mentions} == {"cuomo"}
    a = [i for i, m in enumerate(mentions) if m.doc == "a"]
    b = [j for j, m in enumerate(mentions) if m.doc == "b"]
    alike = said_alike(a, b, Stems(mentions))
    stem = Stems(mentions)
    # the second pair shares two words said (the short route), not three
    assert len(stem.form("said", a[1]) & stem.form("said", b[1])) == 2
    assert alike.tolist() == [[said_close(i, j, stem) for j in b] for i in a]
    assert alike.tolist() == [[True, False, False], [False, True, False],
                              [False, False, False]]


def test_quotations_scored_all_at_once_score_as_pair_by_pair() -> None:
    """Quotations of independent reports, by the matrix and pair by pair: half their words
    and three content words, a short one held whole, only "of the" in common, and two named
    speakers' half-shared remarks."""
    from newstrace.provenance import claim_match
    from newstrace.provenance.claim_words import Stems

    first = doc("a", "It was the “statement of the offense,” Carr said. “We do not condone "
                     "violence,” the campaign said. “We have a pretty good relationship,” "
                     "Cardin said. “The bridge will be rebuilt within a year,” Albrecht said.")
    second = doc("b", "The virus came “out of the blue,” Carr said. “The video was not ours, "
                      "and we do not condone violence,” the campaign said. “I think we have a "
                      "pretty good understanding with them,” Trump said. “We will rebuild the "
                      "bridge within a year,” Albrecht said.")
    mentions = [m for m in extract_claims(first) + extract_claims(second) if m.kind == "quote"]
    a = [i for i, m in enumerate(mentions) if m.doc == "a"]
    b = [j for j, m in enumerate(mentions) if m.doc == "b"]
    vectors = np.ones((len(mentions), 1), dtype=np.float32)
    stem = Stems(mentions)
    want = sorted((score, i, j) for i in a for j in b
                  if (score := claim_match._spoken_score(mentions[i], mentions[j], 1.0, stem,
                                                         i, j)) is not None)
    got = sorted(claim_match._spoken_links(a, b, mentions, vectors, Stems(mentions)))
    assert got == want
    assert sorted((i, j) for _, i, j in got) == [(a[1], b[1]), (a[3], b[3])]


def test_claims_found_group_by_group_are_the_claims_found_at_once() -> None:
    """Claims are tied only along relations: finding them a batch of related documents at a
    time (to bound memory) gives the claims found all at once, whatever the batch size."""
    from newstrace.match.verbatim import Passage
    from newstrace.model import Relation, Span
    from newstrace.provenance.claims import _groups, build_claims
    from newstrace.provenance.stories import build_stories

    copies = [_wire_copy(i) for i in ("a", "b", "c", "d", "e")]
    other = doc("f", "“Nothing was rebuilt,” a resident said.")
    whole = Span(0, len(copies[0].text))
    passage = (Passage(whole, whole, "verbatim", 1.0, 20),)
    relations = [Relation(x, y, "duplicate", False, 1.0, 1.0, passage, ("t",), ("r",), 0.5,
                          (), {"verbatim_b": 1.0}, "AP") for x, y in (("a", "b"), ("d", "e"))]
    relations.append(Relation("b", "c", "same_story", False, 0.0, 0.0, (), ("t",), ("r",)))
    docs = [*copies, other]
    stories = build_stories([d.id for d in docs], relations)
    at_once = build_claims(docs, relations, stories)
    assert len({c.carriers[0].doc for c in at_once}) == 2  # a-b-c and d-e: two groups
    for size in (1, 2, 3):
        assert build_claims(docs, relations, stories, batch=size) == at_once
    # a same_topic link ties no claim, and a relation naming an unknown document is left out
    relations += [Relation("e", "f", "same_topic", False, 0.0, 0.0, (), ("t",), ("r",)),
                  Relation("a", "zz", "same_story", False, 0.0, 0.0, (), ("t",), ("r",))]
    assert build_claims(docs, relations, stories, batch=1) == at_once
    groups = _groups([d.id for d in docs], relations, 2, 3)
    assert [ids for ids, _ in groups] == [["a", "b", "c"], ["d", "e"]]  # f: tied to none
    assert [len(own) for _, own in groups] == [2, 1]


def test_mention_vectors_read_as_the_matrix_they_stand_for() -> None:
    """Rows of the mentions encoded, zeros for the others, by one index or many."""
    rng = np.random.default_rng(3)
    which = [1, 4, 5]
    encoded = rng.standard_normal((3, 8)).astype(np.float32)
    full = np.zeros((7, 8), dtype=np.float32)
    full[which] = encoded
    vectors = MentionVectors(7, which, encoded)
    for row in range(7):
        assert np.array_equal(vectors[row], full[row])
    assert np.array_equal(vectors[[5, 0, 4]], full[[5, 0, 4]])
    assert np.array_equal(MentionVectors(2, [], np.zeros((0, 1), np.float32))[[0, 1]],
                          np.zeros((2, 1), np.float32))


def test_a_claim_linked_again_and_again_stays_one_claim() -> None:
    """A dense crawl links the same two statements through many same-story pairs: each link
    within one claim is passed over (once, it doubled the claim's size at every repeat and
    overflowed the array the size is kept in)."""
    from newstrace.provenance.claim_match import Link
    from newstrace.provenance.claim_words import Stems
    from newstrace.provenance.claims import _group, _Linked
    from newstrace.provenance.link_columns import LinkColumns, pack_links

    mentions = [m for name in ("a", "b", "c") for m in extract_claims(
        doc(name, "Some 40,000 residents lost tap water, Albrecht said.")) if m.kind == "figure"]
    assert len(mentions) == 3
    links = [Link(0, 1, independent=True), Link(1, 2, independent=True)] * 100
    linked = _Linked(LinkColumns.of([pack_links(links)]),
                     MentionVectors(3, [], np.zeros((0, 4), dtype=np.float32)),
                     Stems(mentions))
    union, _ = _group(mentions, linked, {"a": "2024-01-02", "b": None, "c": None})
    assert list(union.groups()) == [[0, 1, 2]]


def test_links_packed_by_the_workers_read_back_in_order() -> None:
    """Each relation's links cross from a worker packed, and read back as columns: every
    link in order, its flag, and its variant at its position."""
    from newstrace.provenance.claim_match import Link
    from newstrace.provenance.link_columns import LinkColumns, pack_links

    aligned = [Link(0, 5), Link(1, 6, "number changed: 3 -> 4"), Link(300, 70_000)]
    independent = [Link(2, 7, independent=True)]
    later = [Link(8, 9), Link(10, 11, "year changed: 2019 -> 2020")]
    columns = LinkColumns.of([pack_links(aligned), None, pack_links(independent),
                              pack_links([]), pack_links(later)])
    assert len(columns) == 6
    assert columns.variants == {1: "number changed: 3 -> 4", 5: "year changed: 2019 -> 2020"}
    assert list(columns.each(independent=False)) == [
        (0, 0, 5), (1, 1, 6), (2, 300, 70_000), (4, 8, 9), (5, 10, 11)]
    assert list(columns.each(independent=True)) == [(3, 2, 7)]
    assert len(LinkColumns.of([])) == 0 and list(LinkColumns.of([]).each(True)) == []
