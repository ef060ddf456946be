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
from newstrace.model import Change

__all__ = ["NEGATORS", "cross_negation_changes", "negated"]

#: Each language's negators, as whole lower-case words. Not its "without" ("ohne Kosten" is
#: "hors frais"), and not French "ne" alone ("ne ... que" is "only"): "ne ... pas" is read
#: by its "pas", and "plus", "rien", "personne" negate only beside a "ne" (``_WITH_NE``).
NEGATORS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    "en": "not no never nor neither nobody none nothing nowhere cannot",
    "fr": "pas jamais aucun aucune ni nul nulle guère non",
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
#: French words that negate beside a "ne" ("ne ... plus", "personne ne", "ne ... rien") and
#: not without one ("plus" is "more", "personne" a person, "rien que" "only").
_WITH_NE = frozenset({"plus", "personne", "rien"})
#: Words before a French "plus" or "rien" a "ne" may stand ("n'en a plus", "ne le sait plus").
_NE_REACH = 4
#: What says "not" another way, and counts against a flag but raises none: verbs that mean
#: "not" ("failed to win" is "tókst ekki", "refuse to pay" "neita að greiða"; word starts,
#: as ``changes.negation`` reads English ones), "without" ("ohne Wasser" for "sans pluie"),
#: and "hardly", "few" ("kaum einmal" for "pas une seule fois", "peu de" for "nicht viele").
_IMPLICIT = {lang: re.compile(f"^(?:{starts})") for lang, starts in {
    "en": "fail|refus|deni|deny|declin|without$|hardly$|barely$|scarcely$|rarely$|seldom$"
          "|few$|little$",
    "fr": "refus|ni[ée]|nier|nient|rejet|sans$|peu$|rarement$",
    "de": "verweiger|ablehn|lehnt|bestritt|bestreit|dementier|ohne$|kaum$|selten$|wenig",
    "es": "neg[óa]|niega|rechaz|sin$|apenas$|poco|raramente$",
    "it": "rifiut|neg[òa]|senza$|appena$|poco$|poca$|pochi$|poche$|raramente$",
    "pt": "recus|neg|sem$|mal$|pouco|raramente$", "nl": "weiger|ontken|zonder$|nauwelijks$"
          "|zelden$|weinig$",
    "ru": "отказ|отрица|без$|едва$|редко$|мало$", "pl": "odmówi|odmawia|zaprzecz|bez$"
          "|ledwo$|rzadko$|mało$",
    "is": "neit|hafn|án$|varla$|sjaldan$|fá|lítið$", "ar": "بدون$|بالكاد$|نادرا$"}.items()}
#: "Not only ... but also" negates nothing ("nicht nur", "non seulement"); a translation may
#: say "both ... and" instead: a negator before the language's "only" is passed over.
_ONLY: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    "en": "only just merely simply", "fr": "seulement", "de": "nur", "es": "solo sólo solamente",
    "it": "solo soltanto", "pt": "só apenas", "nl": "alleen", "ru": "только", "pl": "tylko",
    "is": "aðeins bara", "ar": "فقط"}.items()}
#: Contractions that negate: English "n't".
_CONTRACTED = {"en": re.compile(r"n['’]t$")}
#: Arabic joins "and" and "so" to the next word ("ولم": "and did not").
_ARABIC_JOINED = ("و", "ف")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: French and Italian elisions before a word: "qu'", "l'", "d'", "dell'".
_ELIDED = re.compile(r"^(?:qu|l|d|j|s|c|m|t|dell|all|dall|nell|sull)['’](?=[^\W\d_])")


@functools.lru_cache(maxsize=4096)
def negated(text: str, language: str, implicit: bool = False) -> str | None:
    """The first negator of ``text`` in ``language`` (with ``implicit``, a verb that means
    "not" counts too), or None when it holds none or the language has no list here."""
    words = NEGATORS.get(language)
    if words is None:
        return None
    contracted = _CONTRACTED.get(language)
    verbs = _IMPLICIT.get(language) if implicit else None
    only = _ONLY.get(language, frozenset())
    found = list(_WORD.finditer(text))
    # an elided article or conjunction is not the word ("qu'aucun", "dell'"): its tail is
    folded = [_ELIDED.sub("", m.group().lower()) for m in found]
    for at, word in enumerate(folded):
        if not (word in words or (contracted is not None and contracted.search(word))
                or (verbs is not None and verbs.search(word))
                or (language == "ar" and word[:1] in _ARABIC_JOINED and word[1:] in words)
                or (language == "fr" and word in _WITH_NE and _beside_ne(folded, at))):
            continue
        end = found[at].end()
        if text[end:end + 1] in ("-", "‐") or (at + 1 < len(folded)
                                               and folded[at + 1] in only):
            continue  # "no-confidence", "non-violence"; "not only"
        return found[at].group()
    return None


def _beside_ne(words: list[str], at: int) -> bool:
    """Whether a French "plus", "rien" or "personne" negates: a "ne" (or "n'") stands in the
    few words before it ("ne ... plus", "n'a rien"), or right after "personne" ("personne
    ne"); not "ne ... plus que", which is "only"."""
    before = words[max(0, at - _NE_REACH):at]
    after = words[at + 1:at + 2]
    if words[at] == "plus" and after and (after[0] == "que" or after[0].startswith(
            ("qu'", "qu’"))):
        return False
    return any(w == "ne" or w.startswith(("n'", "n’")) or w == "n" for w in before) or (
        words[at] == "personne" and bool(after) and (after[0] == "ne"
                                                    or after[0].startswith(("n'", "n’"))))


#: Length ratio two texts of a sentence and its translation stay within.
_LENGTHS = (0.6, 1.7)
_IMMUTABLE = re.compile(r"\d+|(?<=[^.!?\s] )[^\W\d_]*[A-Z][^\W\d_]+")


def _translated(a: str, b: str) -> bool:
    """Whether two aligned texts can be a sentence and its translation: of like length, and
    sharing a name or number where both hold one (a misaligned pair says anything)."""
    if not b or not _LENGTHS[0] <= len(a) / len(b) <= _LENGTHS[1]:
        return False
    mine, theirs = set(_IMMUTABLE.findall(a)), set(_IMMUTABLE.findall(b))
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
