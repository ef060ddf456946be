"""A negation lost or gained in translation: "Die Polizei hat den Mann nicht festgenommen"
rendered "Police arrested the man".

Each language negates with its own words, and some with two at once (French "ne ... pas"),
so across languages a negation is read as present or absent in a sentence and its
translation (of like length, sharing their names and numbers: a misaligned pair says
anything), not counted: a sentence that negates on one side and not at all on the other
says the opposite, unless the translation put it another way. The word lists are this
module's own (no library lists negators across languages): the plain negators of each
language, its "nothing", "never", "nobody"; verbs that mean "not" ("refuse", "neita",
"verweigern"), "without" and "hardly", which count against a flag but raise none. A
translation may still put a negation into a word ("inacceptable") or say a negated thing
positively ("nicht selten" as "often"), so a change found here is ``low``: a hint a reader
checks.

Languages that negate inside the verb (Turkish "gelmedi", Japanese "来なかった", Korean,
Finnish, Hungarian) are not read: a negator word list would miss their negations and flag
every faithful translation of a negated sentence. Nor are languages this module has no list
for: a pair with either side in one of them gets no change from here.
"""

from __future__ import annotations

import functools
import re

from newstrace.changes.context import PairText, change
from newstrace.changes.groups import Group
from newstrace.changes.negation import BEFORE_TO, IMPLICIT, NEGATIONS
from newstrace.model import Change

__all__ = ["NEGATORS", "cross_negation_changes", "negated"]

#: English negators of ``changes.negation`` that say "not" softly or by absence: here they
#: keep a translation from being flagged, but raise no flag themselves.
_SOFTENED = frozenset({"without", "hardly", "scarcely", "rarely", "seldom"})
#: Each language's negators, as whole lower-case words. Not its "without" ("ohne Kosten" is
#: "hors frais"), and not French "ne" alone ("ne ... que" is "only"): "ne ... pas" is read
#: by its "pas", and "plus", "rien", "personne" negate only beside a "ne" (``_WITH_NE``).
NEGATORS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    # English's are ``changes.negation``'s, but for its "without" and "hardly" words, which
    # count against a flag here (``_IMPLICIT``)
    "en": " ".join(sorted(NEGATIONS - _SOFTENED)),
    "fr": "pas jamais aucun aucune ni guère non",
    "de": "nicht kein keine keinen keinem keiner keines keinerlei nie niemals nichts "
          "niemand niemandem niemanden nirgends weder",
    "es": "no nunca jamás ningún ninguno ninguna nadie nada ni tampoco",
    "it": "non mai nessun nessuno nessuna niente nulla né neanche nemmeno neppure",
    "pt": "não nunca jamais nenhum nenhuma ninguém nada nem",
    "nl": "niet geen nooit niets niemand nergens noch",
    "ru": "не нет никогда ни никто никого никому никем ничего ничто ничему ничем нигде "
          "никакой никакая никакое никаких нельзя",
    "pl": "nie nigdy żaden żadna żadne żadnego żadnej żadnych żadnym nikt nikogo nikomu "
          "nic niczego niczym nigdzie ani",
    "is": "ekki aldrei enginn engin enga engir engar engu ekkert engan engum einskis "
          "hvergi hvorki hvorugt hvorugur hvorug",
    "ar": "لا لم لن ليس ليست ليسوا لست أبدا",
}.items()}
#: French words that negate beside a "ne" ("ne ... plus", "personne ne", "ne ... rien",
#: "nul ne") and not without one ("plus" is "more", "personne" a person, "rien que" "only",
#: "un score nul" a draw).
_WITH_NE = frozenset({"plus", "personne", "rien", "nul", "nulle"})
#: Words before which French "pas" is a step ("un grand pas", "le premier pas").
_STEP = frozenset("un le du au ce cet premier grand petit nouveau dernier chaque".split())
#: Words before a French "personne" that make it a person ("chaque personne ne peut ...
#: que").
_PERSON = frozenset("une la cette chaque toute seule quelle".split())
#: Words before a French "plus" or "rien" a "ne" may stand ("n'en a plus", "ne le sait plus").
_NE_REACH = 4
#: What says "not" another way, and counts against a flag but raises none: verbs that mean
#: "not" ("failed to win" is "tókst ekki", "refuse to pay" "neita að greiða"; word starts,
#: as ``changes.negation`` reads English ones), "without" ("ohne Wasser" for "sans pluie"),
#: and "hardly", "few" ("kaum einmal" for "pas une seule fois", "peu de" for "nicht viele").
_IMPLICIT = {lang: re.compile(f"^(?:{starts})") for lang, starts in {
    "en": "|".join((*IMPLICIT, *BEFORE_TO, *(f"{w}$" for w in sorted(_SOFTENED)),
                    "barely$", "few$", "little$")),
    "fr": "refus|ni[ée]|nier|nient|rejet|sans$|peu$|rarement$",
    "de": "verweiger|ablehn|lehnt|bestritt|bestreit|dementier|ohne$|kaum$|selten$|wenig",
    "es": "neg[óa]|niega|rechaz|sin$|apenas$|poco|raramente$",
    "it": "rifiut|neg[òa]|senza$|appena$|poco$|poca$|pochi$|poche$|raramente$",
    "pt": "recus|neg|sem$|mal$|pouco|raramente$", "nl": "weiger|ontken|zonder$|nauwelijks$"
          "|zelden$|weinig$",
    "ru": "отказ|отрица|без$|едва$|редко$|мало$", "pl": "odmówi|odmawia|zaprzecz|bez$"
          "|ledwo$|rzadko$|mało$",
    "is": "neit|hafn|án$|varla$|sjaldan$|fá|lítið$", "ar": "بدون$|بالكاد$|نادرا$"}.items()}
#: "Not only ... but also" negates nothing ("nicht nur ... sondern", "non seulement ...
#: mais"); a translation may say "both ... and" instead: a negator before the language's
#: "only" is passed over when its "but" follows ("niet alleen" with no "maar" is "not
#: alone").
_ONLY: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    lang: (frozenset(only.split()), frozenset(but.split())) for lang, (only, but) in {
        "en": ("only just merely simply", "but"), "fr": ("seulement", "mais"),
        "de": ("nur", "sondern"), "es": ("solo sólo solamente", "sino"),
        "it": ("solo soltanto", "ma anche"), "pt": ("só apenas", "mas"),
        "nl": ("alleen", "maar"), "ru": ("только", "но"), "pl": ("tylko", "ale"),
        "is": ("aðeins bara", "heldur"), "ar": ("فقط", "بل")}.items()}
#: After a comparison's "than", "never" says "ever": "more than ever" ("plus que jamais",
#: "más que nunca", "più che mai").
_THAN = frozenset({"que", "qu", "che", "than", "чем", "als", "dan", "niż", "en"})
_NEVER = frozenset("never jamais nunca jamás mai nigdy никогда nooit nie niemals aldrei "
                   "أبدا".split())
#: Contractions that negate: English "n't".
_CONTRACTED = {"en": re.compile(r"n['’]t$")}
#: Arabic joins "and" to the next word ("ولم": "and did not"; not "so": "فلم" is "film").
_ARABIC_JOINED = ("و",)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: French and Italian elisions before a word: "qu'", "l'", "d'", "dell'".
_ELIDED = re.compile(r"^(?:qu|lorsqu|puisqu|quoiqu|presqu|jusqu|l|d|j|s|c|m|t|dell|all|"
                     r"dall|nell|sull)['’](?=[^\W\d_])|['’][^\W\d_]+$")


@functools.lru_cache(maxsize=4096)
def negated(text: str, language: str, implicit: bool = False) -> str | None:
    """The first negator of ``text`` in ``language`` (with ``implicit``, a verb that means
    "not" counts too), or None when it holds none or the language has no list here."""
    words = NEGATORS.get(language)
    if words is None:
        return None
    contracted = _CONTRACTED.get(language)
    verbs = _IMPLICIT.get(language) if implicit else None
    found = list(_WORD.finditer(text))
    # an elided article or conjunction is not the word ("qu'aucun", "lorsqu'aucun"), nor
    # an elided ending ("nessun'altra"); English keeps its "n't"
    folded = [m.group().lower() if contracted is not None else _ELIDED.sub("", m.group().lower())
              for m in found]
    for at, word in enumerate(folded):
        if not (word in words or (contracted is not None and contracted.search(word))
                or (verbs is not None and verbs.search(word))
                or (language == "ar" and word[:1] in _ARABIC_JOINED and word[1:] in words)
                or (language == "fr" and word in _WITH_NE and _beside_ne(folded, at))):
            continue
        if not _passed_over(language, folded, at, text[found[at].end():found[at].end() + 2]):
            return found[at].group()
    return None


def _passed_over(language: str, words: list[str], at: int, following: str) -> bool:
    """Whether the negator at ``at`` negates nothing: "no-confidence", "No. 10", "not only
    ... but", "more than ever", "что бы ни" ("whatever"), "un grand pas", "لا سيما"
    ("especially"), Italian "mai" without "non" ("il più alto mai registrato": "ever")."""
    word, before = words[at], words[at - 1] if at else ""
    only, but = _ONLY.get(language, (frozenset(), frozenset()))
    return (following[:1] in ("-", "‐") or (word == "no" and following[:1] == ".")
            or (at + 1 < len(words) and words[at + 1] in only
                and bool(but & set(words[at + 2:])))
            or (before in _THAN and word in _NEVER) or (before == "бы" and word == "ни")
            or (language == "fr" and word == "pas" and before in _STEP)
            or (language == "ar" and at + 1 < len(words) and words[at + 1] == "سيما")
            or (language == "it" and word == "mai" and "non" not in words))


def _beside_ne(words: list[str], at: int) -> bool:
    """Whether a French "plus", "rien", "nul" or "personne" negates: a "ne" (or "n'", read
    as "n") stands in the few words before it ("ne ... plus", "n'a rien"), or right after
    it ("personne ne", "rien n'a", "nul ne"); not "ne ... plus que", which is "only", nor
    "chaque personne ne ... que"."""
    before = words[max(0, at - _NE_REACH):at]
    after = words[at + 1:at + 2]
    if words[at] == "plus" and after and (after[0] == "que" or after[0].startswith(
            ("qu'", "qu’"))):
        return False
    ne_after = bool(after) and after[0] in ("ne", "n")
    if words[at] == "personne":
        return ne_after and not (at and words[at - 1] in _PERSON)
    return any(w in ("ne", "n") for w in before) or (words[at] != "plus" and ne_after)


#: Length ratio two texts of a sentence and its translation stay within.
_LENGTHS = (0.6, 1.7)
_NUMBER = re.compile(r"\d+")


def _immutables(text: str) -> set[str]:
    """A text's numbers and its capitalised words past the first (in any script that has
    capitals: "Москва", "Ἀθῆναι")."""
    words = [m.group() for m in _WORD.finditer(text)][1:]
    return set(_NUMBER.findall(text)) | {w for w in words if w[:1].isupper()}


def _translated(a: str, b: str) -> bool:
    """Whether two aligned texts can be a sentence and its translation: of like length, and
    sharing a name or number where both hold one (a misaligned pair says anything)."""
    if not b or not _LENGTHS[0] <= len(a) / len(b) <= _LENGTHS[1]:
        return False
    mine, theirs = _immutables(a), _immutables(b)
    return not (mine and theirs) or bool(mine & theirs)


def cross_negation_changes(pair: PairText, group: Group) -> list[Change]:
    """A negation present in a sentence, and no negation nor negating verb in its
    translation, or the other way round: always ``low``, a hint to read, not an alarm. A
    translation may put a negation into a word ("inacceptable" for "nicht hinnehmbar",
    "óþarfi" for "no need") or say it positively ("peu de" for "nicht viele"); on WMT21's
    faithful machine translations every one of a sample of these was such a rewording."""
    la, lb = pair.source.language, pair.derived.language
    if not la or not lb or la == lb or la not in NEGATORS or lb not in NEGATORS:
        return []
    a_text, b_text = pair.a(group), pair.b(group)
    if not _translated(a_text, b_text):
        return []
    before, after = negated(a_text, la), negated(b_text, lb)
    if before is not None and negated(b_text, lb, implicit=True) is None:
        what = f"the source negates (\u201c{before}\u201d), the translation does not"
    elif after is not None and negated(a_text, la, implicit=True) is None:
        what = f"the translation negates (\u201c{after}\u201d), the source does not"
    else:
        return []
    return [change("negation_flipped", "low", group.a_span, group.b_span, a_text, b_text,
                   f"{what}: it says the opposite, unless the translation put the same "
                   "thing another way")]
