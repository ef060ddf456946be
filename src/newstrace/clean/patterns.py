"""What page chrome looks like once a page has been flattened to text.

Each pattern is a fact about how news sites and aggregators dress an article (ad slots, photo
galleries, share bars, related-link blocks, copyright footers, aggregator banners). They are
kept here, apart from the algorithm in ``flattened.py``, so that adding a site's habit is a
one-line change with a test, not a change to the cleaning logic.
"""

from __future__ import annotations

import re

__all__ = [
    "CAPTION_START",
    "CHROME_SEGMENT",
    "INLINE_CHROME",
    "LINK_BLOCK_HEADER",
    "PHOTO_CREDIT",
    "SHARE_COUNTER",
    "STOPWORDS",
    "SUMMARY_HEADER",
    "may_hold_inline_chrome",
    "may_hold_photo_credit",
]

_I = re.IGNORECASE

#: Chrome that sits inside running text and is cut out wherever it appears; each cut becomes
#: a paragraph break, because ad slots and separators sit between the original paragraphs.
INLINE_CHROME = re.compile(
    # The lookahead names every alternative's first letter: it lets the regex engine skip most
    # positions at once (8x faster on article text, where nothing matches).
    r"(?=[ASCs_R])(?:"
    r"\bADVERTISEMENT\b|\bAdvertisement\b|Skip to (?:main )?content|\bClick to copy\b"
    r"|\bScroll to continue(?: with content)?\b|\bStory continues below(?: advertisement)?\b"
    r"|\bContinue reading(?: the main story)?(?: below)?\b|\bArticle continues below\b"
    r"|_{3,}|\bShare this (?:article|story)\b|\bReport an error\b)"
)

#: A photo credit that closes a caption: "(AP Photo, File)", "AP Photo/Evan Vucci",
#: "(Photo by X/Getty Images)", "(REUTERS/Name)".
PHOTO_CREDIT = re.compile(
    r"\((?:[^()\n]{0,80}?)(?:\bPhoto\b|\bPhotos\b|Getty Images|\bREUTERS/|\bAFP\b|\bEPA\b|Pool)"
    r"[^()\n]{0,80}\)"
    r"|\b(?:AP|AFP|Reuters|EPA|Getty) Photo(?:/[^,\n]{1,60})?(?:, File)?\b"
)

#: Where a caption begins: a gallery counter ("1 of 17") or the wire services' "FILE -".
CAPTION_START = re.compile(r"\b\d{1,3} of \d{1,3}\s+(?:FILE\s*[-–—]\s*)?|\bFILE\s*[-–—]\s+")

#: A whole segment that is chrome: share bars, comment prompts, footers, aggregator banners.
CHROME_SEGMENT = re.compile(
    r"^(?:"
    r"source link|leave a comment|comments?|share|share this|tweet|print|email|reuters?|"
    r"trends(?: 24h)?|latest|most read|top stories|related|related topics|tags?:.*|"
    r"all news articles on .*|now you can see non-english news.*|"
    r"the information on this site is from external sources.*|"
    r"the inclusion of any links does not necessarily.*|"
    r"(?:all contents )?©.*|copyright ©?.*|all rights reserved\.?|privacy(?: policy)?|"
    r"cookie (?:settings|policy)|terms (?:of use|& conditions|and conditions)|"
    r"sign up for .*newsletter.*|subscribe(?: now)?\.?|advertisement|listen(?: to this article)?|"
    # sign-up and donation boxes: "Sign up for Take Action Now and get three actions in your
    # inbox every week.", "Thank you for signing up.", "The Nation is reader supported: Chip
    # in $10 or more to help us ...". Whole short segments, no clause after a comma: a
    # report saying that a campaign asked supporters to chip in stays.
    r"sign up (?:for|to get|to receive) [^,;:]{0,80}\b(?:inbox|newsletters?)\b[^,;:]{0,40}|"
    r"thank(?:s| you) for (?:signing up|subscribing)[^,;:]{0,40}|"
    r"subscribe (?:now|today) for [^,;:]{0,60}|"
    r"you will receive (?:occasional )?promotional (?:offers|emails)\b[^;:]{0,120}|"
    r"you can read our privacy policy[^,;:]{0,20}|"
    r"(?:[^,.;:]{0,60}\b(?:is|are) reader[- ]supported: )?chip in \$\d+ or more to "
    r"(?:help us|support)\b.*|"
    # a reader pitch: "Something to Consider If you enjoyed this article, we have a
    # proposition for you: Join NRPLUS. ..."
    r"(?:something to consider\s+)?if you (?:enjoyed|liked|value|appreciate) (?:this|our) "
    r"(?:article|story|journalism|reporting|work)\b.*|"
    r"follow (?:ap|us|@\S+).*|source: .*|photo: .*|image: .*|video: .*|watch: .*"
    r")$",
    _I,
)

#: The header of a block of links to other stories; the block runs until the article resumes.
LINK_BLOCK_HEADER = re.compile(
    r"^(?:More on\b|Related(?: stories| articles| coverage| content| news)?\s*:?(?=\s)"
    r"|Read (?:also|more|More):?|See also:?|Most (?:read|popular)\b|You (?:may|might) also like\b"
    r"|Recommended(?: stories)?\b|Trending(?: now| stories)?\b|Also read\b:?)"
)

#: The first sentence of an author's box at the foot of a story: a full name, then the
#: author's post in journalism at an outlet ("Joel B. Pollak is Senior Editor-at-Large at
#: Breitbart News.", "Mara Okonkwo is a staff writer for The Ledger."). Only journalists'
#: posts, and only at a named outlet: "a senior fellow at Brookings" opens a paragraph about
#: a source as often as a box, and so do "Abramson is a veteran journalist who ..." and "John
#: Smith is a former reporter for the Post who now runs a charity".
AUTHOR_BOX = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){2,4}(?:is|serves as)\s+(?:an?\s+|the\s+)?"
    r"(?:(?!(?i:former|ex|new|onetime)\b)[\w-]+\s+){0,4}?"
    r"(?i:editor|writer|reporter|correspondent|columnist|contributor|"
    r"journalist)(?i:-at-large)?s?\s+(?:at|for|with)\s+(?:the\s+)?[A-Z]")

#: An aggregator's machine summary placed above the article ("Highlights: ...").
SUMMARY_HEADER = re.compile(r"^(?:Highlights|Summary|Key points|In brief|TL;DR)\s*:", _I)

#: A bare share counter or a social network name with its count ("Facebook20k", "600k").
SHARE_COUNTER = re.compile(
    r"^(?:(?:Facebook|Twitter|X|Instagram|LinkedIn|WhatsApp|Pinterest|Reddit|Telegram|Email|"
    r"Shares?|Likes?|Comments?)\s*)?\d+(?:[.,]\d+)?\s*[kKmM]?$"
)

#: Function words: a link title or a headline does not end on one of them, so "with The
#: Associated Press" is not a boundary between two headlines while "teammates The group" is.
STOPWORDS = frozenset(
    """
    a an the and or but nor of in on at to for from by with without about as into onto over
    under after before than that this these those is are was were be been being has have had
    do does did not no his her its their our your my he she it they we you i who whom which
    what when where while if so then there here also very just only said says told
    """.split()
)


_INLINE_KEYS = ("ADVERTISEMENT", "Advertisement", "Skip to", "Click to copy", "Scroll to",
                "continues below", "Continue reading", "___", "Share this", "Report an error")
_CREDIT_KEYS = ("Photo", "Images", "REUTERS", "AFP", "EPA", "Pool")


def may_hold_inline_chrome(text: str) -> bool:
    """Cheap test before ``INLINE_CHROME``: most article texts hold none of its phrases."""
    return any(key in text for key in _INLINE_KEYS)


def may_hold_photo_credit(text: str) -> bool:
    """Cheap test before ``PHOTO_CREDIT``: a credit always names one of these words."""
    return any(key in text for key in _CREDIT_KEYS)
