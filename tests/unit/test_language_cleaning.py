"""Cleaning reads prose in every language, and prose full of names or figures.

A German news sentence has 40-60% of its words capitalised; the English rule (at most half)
had cut WMT21's German originals down to their first line, and with them every translation
found from them. Japanese is written without spaces, Icelandic closes its quotations with
"“", a market report is mostly figures, and a sentence listing the people present mostly
names: each had cut articles of WMT21 short. The texts below are fictional, written for
this test.
"""

from __future__ import annotations

from newstrace.clean.flattened import clean_page

_GERMAN = [
    "Die Stadtwerke Neuhaven erhöhen zum Jahreswechsel die Preise für Strom und Gas.",
    "Der Aufsichtsrat des Versorgers stimmte der Erhöhung am Dienstag in Hamburg zu.",
    "Kunden mit Grundversorgung zahlen Ende Januar im Schnitt elf Prozent mehr.",
    "Die Verbraucherzentrale Nord kritisierte den Zeitpunkt der Ankündigung scharf.",
]


def test_german_sentences_full_of_nouns_are_prose() -> None:
    capitals = [sum(w[0].isupper() for w in s.split()) / len(s.split()) for s in _GERMAN]
    assert max(capitals) > 0.5  # what the English rule would have cut
    page = "Startseite Politik Wirtschaft Sport Kultur\n\n" + "\n\n".join(_GERMAN)
    kept = clean_page(page, find_title=False).text
    assert all(s in kept for s in _GERMAN), kept
    assert "Startseite" not in kept


def test_english_capitalised_lines_are_still_chrome() -> None:
    prose = ["The council met on Tuesday to vote on the new budget for the city schools.",
             "Officials said the plan would cost the city about four million dollars a year."]
    # 6 of 9 capitalised: prose under the German rule, a headline under the English one
    menu = "Harbour Board votes On New Pier plan for May."
    kept = clean_page("\n\n".join([menu, *prose]), find_title=False).text
    assert all(p in kept for p in prose) and "Harbour Board" not in kept, kept


_MENU = "Home News Markets Sport Weather Contact"


def _kept(*paragraphs: str) -> str:
    return clean_page("\n\n".join([_MENU, *paragraphs]), find_title=False).text


def test_a_market_reports_figures_are_prose() -> None:
    # a figure is one word however its digits are grouped: counted group by group, 9 of
    # these 15 words were "capitalised", and the article's last paragraph went
    figures = ("Le Nasdaq a reculé de 98,24 points à 10.363,18 points, soit une baisse de "
               "0,94%.")
    lead = ("La Bourse de New York a fini en baisse vendredi, terminant la semaine dans le "
            "rouge après des résultats décevants.")
    kept = _kept(lead, figures)
    assert figures in kept and "Markets" not in kept, kept


def test_japanese_paragraphs_are_prose() -> None:
    paragraphs = ["港湾局は火曜日、新しい桟橋の建設計画を承認したと発表した。 "
                  "工事は来年の春に始まる予定だ。",
                  "市の担当者によると、費用は年間およそ四百万ドルになるという。 "
                  "住民の一部は反対している。"]
    kept = _kept(*paragraphs)
    # (read as no prose at all, the page had been kept whole, menu and all)
    assert all(p in kept for p in paragraphs) and "Markets" not in kept, kept


def test_a_quotation_closed_the_icelandic_way_ends_a_sentence() -> None:
    paragraphs = ["Bæjarstjórnin samþykkti nýja bryggju á þriðjudag eftir langar umræður.",
                  "Kostnaðurinn er áætlaður um fjórar milljónir á ári og bærinn greiðir hann.",
                  "Formaðurinn sagði við fréttamenn að loknum fundi: „Þetta er góður dagur fyrir "
                  "höfnina og alla sem þar vinna, og við byrjum strax í vor.“"]  # the last
    kept = _kept(*paragraphs)
    assert all(p in kept for p in paragraphs), kept


def test_a_sentence_full_of_names_inside_prose_is_kept() -> None:
    named = ("Among those who watched the vote at City Hall were the Harbour Board's chair Mara "
             "Okonkwo, Deputy Mayor Tomas Lind and Fire Chief Ada Brennan.")  # 15 of 24
    paragraph = ("The council met on Tuesday to vote on the new pier for the harbour district. "
                 f"{named} Officials said the pier would cost the city about four million "
                 "dollars a year.")
    assert _kept(paragraph).count(named) == 1


def test_a_menu_glued_to_a_sentence_is_not_kept_for_its_lower_case_words() -> None:
    glued = ("Follow Us Follow on Facebook Follow on Twitter Follow on Instagram Sections News "
             "Metro Sport Business Opinion Culture Travel Science Tech Money Podcasts Video "
             "Newsletters Puzzles Archive Jobs Dating Shop Local Events Weather Traffic Lottery "
             "Obituaries Classifieds Corrections Contact Us About Us Careers Advertise With Us "
             "Terms of Service Privacy Policy Cookie Settings Accessibility Site Map Help "
             "Centre Subscriptions Manage My Account and the latest stories of the day are "
             "sent to you by email.")
    paragraph = ("The council met on Tuesday to vote on the new pier for the harbour district. "
                 f"{glued} Officials said the pier would cost the city about four million "
                 "dollars a year.")
    kept = _kept(paragraph)
    assert "Follow on Facebook" not in kept and "four million dollars" in kept, kept


def test_an_authors_box_at_the_foot_is_chrome() -> None:
    box = ("Mara Okonkwo is Senior Editor-at-Large at The Neuhaven Ledger. She studied "
           "History and Politics at Brunsfeld College and Journalism at Ostwick University. "
           "She is also the author of a book on the history of the port, which is available "
           "from the harbour museum. Follow her on Twitter.")
    article = ("The council met on Tuesday to vote on the new pier for the harbour district. "
               "Officials said the pier would cost the city about four million dollars a year.")
    kept = _kept(article, box)
    assert "four million dollars" in kept and "Editor-at-Large" not in kept, kept


def test_a_story_about_a_journalist_is_not_an_authors_box() -> None:
    lead = ("Mara Okonkwo is the new editor at The Neuhaven Ledger, the paper announced on "
            "Monday, after ten years as its harbour correspondent.")
    former = ("Ivo Sandoval is a former reporter for The Ostwick Post who now runs a charity "
              "for the families of fishermen lost at sea.")
    body = "She takes over from Tomas Lind, who retires after twenty years in the post."
    kept = clean_page("\n\n".join([lead, body, former]), find_title=False).text
    assert lead in kept and former in kept, kept
