"""The text segmenter on page variants it was not built from: other CMSs, other layouts."""

from __future__ import annotations

from datetime import date

import pytest

from sphere.segment.text import segment_text

WORDPRESS = """The Caspian Courier
Home | World | Region | Opinion

Kazakhstan hosts joint air drills with Russian pilots

Posted on March 3, 2021 by Daniyar Sultanov

Russian and Kazakh air force crews flew joint sorties over the Saryshagan range this week, the defence ministry in Nur-Sultan said on Tuesday.

The exercise involved about forty aircraft and is the largest of its kind since 2019, officials told reporters.

Share this:
Twitter
Facebook

2 responses to "Kazakhstan hosts joint air drills with Russian pilots"

Aigerim B. says:
March 3, 2021 at 5:12 pm
Good to see our pilots training with real partners.
Reply

steppe_fox says:
March 4, 2021 at 9:40 am
Forty aircraft is not that large. Last year there were more.
Reply

Leave a Reply
"""

HEADED_COMMENTS = """Steppe Review

Tashkent rules out new foreign bases

By Olga Min
4 March 2021

Uzbekistan's foreign ministry repeated on Thursday that the country's defence doctrine does not allow foreign military bases on its soil, answering reports of talks with Washington.

The statement came a week after a visit to Tashkent by a senior American official.

Comments (2)

Rustam K.
4 March 2021
A sensible line for a neutral country. Nobody needs a base here.

anvar_77
5 March 2021
We heard the same in 2001, and then there was Karshi-Khanabad.
"""

VBULLETIN = """Defence Talk Forum
Home > Forums > Asia > Central Asia

Russian base in Kyrgyzstan to get new drones

#1
kant_spotter
Junior Member
Joined: Jan 2019
Posts: 48

Reports say the Kant air base will receive new reconnaissance drones before the summer.

#2
mig29fan
Senior Member
Joined: Feb 2012
Posts: 3,201

They have been saying that for two years. I will believe it when I see it.

Sent from my Pixel using Tapatalk
"""

DASH_CLIPPINGS = """Eurasia Files
My reading notes

--------------------

March 3, 2021
Russia and Kazakhstan held joint air drills over the Saryshagan range, with about forty aircraft taking part.
https://caspiancourier.example/2021/03/03/air-drills

--------------------

March 4, 2021
Uzbekistan's foreign ministry repeated that the country's defence doctrine does not allow foreign military bases on its soil.
https://steppereview.example/2021/03/04/tashkent-bases

--------------------
"""

RUSSIAN = """Новости Центральной Азии
Шойгу посетил Душанбе

Автор: Иван Петров
19 августа 2021

Министр обороны России Сергей Шойгу провёл переговоры с руководством Таджикистана в Душанбе, обсудив положение на афганской границе.

Стороны договорились провести новые учения на полигоне Харбмайдон осенью.
"""


def units(seg):
    return [(u.kind, u.author, u.published) for u in seg.units]


def test_genre_wordpress_comments_with_says():
    seg = segment_text(WORDPRESS)
    assert seg.genre == "article"
    assert units(seg) == [
        ("article", None, None),
        ("comment", "Aigerim B.", date(2021, 3, 3)),
        ("comment", "steppe_fox", date(2021, 3, 4)),
    ]
    assert seg.meta.title == "Kazakhstan hosts joint air drills with Russian pilots"
    assert seg.meta.published == date(2021, 3, 3)
    body = WORDPRESS[seg.units[0].start : seg.units[0].end]
    assert body.startswith("Russian and Kazakh") and body.endswith("told reporters.")
    assert WORDPRESS[seg.units[2].start : seg.units[2].end] == "Forty aircraft is not that large. Last year there were more."


def test_genre_comments_headed_by_name_and_date_without_reply():
    seg = segment_text(HEADED_COMMENTS)
    assert units(seg)[1:] == [("comment", "Rustam K.", date(2021, 3, 4)), ("comment", "anvar_77", date(2021, 3, 5))]
    assert (seg.meta.author, seg.meta.published, seg.meta.outlet) == ("Olga Min", date(2021, 3, 4), "Steppe Review")


def test_genre_vbulletin_thread():
    seg = segment_text(VBULLETIN)
    assert seg.genre == "forum"
    assert [(u.kind, u.author) for u in seg.units] == [("forum-post", "kant_spotter"), ("forum-post", "mig29fan")]
    last = VBULLETIN[seg.units[1].start : seg.units[1].end]
    assert last.endswith("when I see it.")  # the client signature is furniture
    assert seg.units[0].title == "Russian base in Kyrgyzstan to get new drones"
    assert all(u.published is None for u in seg.units)  # join dates are not post dates


def test_genre_clippings_between_dashes():
    seg = segment_text(DASH_CLIPPINGS)
    assert seg.genre == "clipping"
    assert [(u.kind, u.published, u.url) for u in seg.units] == [
        ("clipping", date(2021, 3, 3), "https://caspiancourier.example/2021/03/03/air-drills"),
        ("clipping", date(2021, 3, 4), "https://steppereview.example/2021/03/04/tashkent-bases"),
    ]


def test_genre_russian_article_header():
    seg = segment_text(RUSSIAN)
    assert (seg.meta.title, seg.meta.author, seg.meta.published) == (
        "Шойгу посетил Душанбе", "Иван Петров", date(2021, 8, 19)
    )
    assert seg.meta.outlet == "Новости Центральной Азии"
    (body,) = seg.units
    assert RUSSIAN[body.start : body.end].startswith("Министр обороны")


@pytest.mark.parametrize(
    "page",
    [
        "Just one paragraph of text, copied without any header at all, about drills in Tajikistan.",
        "Short note\n\nno sentence here",
    ],
)
def test_genre_bare_text_is_one_body(page):
    seg = segment_text(page)
    assert [u.kind for u in seg.units] == ["article"]
    assert page[seg.units[0].start : seg.units[0].end].strip()


def test_genre_empty_page_has_no_units():
    assert segment_text("\n\n  \n").units == []


DISQUS_STYLE = """We use cookies to give you the best experience on our website. Accept

Russia sends more troops to Tajik border

By Anna Lee
12 July 2021

Russia has sent additional troops to its base in Tajikistan as the Taliban advanced north, the defence ministry said on Monday.

Advertisement

The reinforcements include tank crews and artillery units from the Central Military District, it said.

3 comments

Nurlan K. • 3 years ago
This is what allies do.
Reply
Report

samarkand_89 • Jul 12, 2021
Too little, too late for the border posts.
Reply
Report
"""


def test_genre_cookie_banner_and_dotted_comment_heads():
    seg = segment_text(DISQUS_STYLE)
    assert (seg.meta.title, seg.meta.author, seg.meta.published) == ("Russia sends more troops to Tajik border", "Anna Lee", date(2021, 7, 12))
    assert units(seg) == [("article", None, None), ("comment", "Nurlan K.", None), ("comment", "samarkand_89", date(2021, 7, 12))]
    texts = [DISQUS_STYLE[u.start : u.end] for u in seg.units]
    assert texts[0].startswith("Russia has sent") and texts[0].endswith("it said.")
    assert texts[1:] == ["This is what allies do.", "Too little, too late for the border posts."]


def test_genre_short_first_sentence_belongs_to_the_body():
    page = "Russia is back\n\nBy Anna Lee\n12 July 2021\n\nMoscow is back.\n\nRussia has sent additional troops to its base in Tajikistan as the Taliban advanced north, the ministry said.\n"
    (body,) = segment_text(page).units
    assert page[body.start : body.end].startswith("Moscow is back.")


def test_genre_clipping_urls_first_or_in_the_middle():
    page = (
        "..........\n3-3-21\nhttps://a.example/one\nRussia and Kazakhstan held joint air drills over the range this week, officials said.\n"
        "..........\n3-4-21\nUzbekistan repeated that its doctrine does not allow foreign bases on its soil, officials said.\n"
        "https://b.example/mid\nMore text after a link in the middle, still part of the same clipping, they said.\nhttps://b.example/two\n..........\n"
    )
    one, two = segment_text(page).units
    assert (one.url, two.url) == ("https://a.example/one", "https://b.example/two")
    assert page[one.start : one.end].startswith("Russia and Kazakhstan")
    assert page[two.start : two.end].endswith("they said.")


PHPBB = """Central Asia Military Forum
Kant air base upgrade

Post by kant_spotter » Tue Mar 02, 2021 10:15 am
Reports say the Kant air base will receive new reconnaissance drones before the summer.

Post by mig29fan » Wed Mar 03, 2021 8:01 pm
They have been saying that for two years. I will believe it when I see it.
"""

SMF = """Kant air base upgrade

kant_spotter
« on: March 02, 2021, 10:15:12 AM »
Reports say the Kant air base will receive new reconnaissance drones before the summer.

mig29fan
« Reply #1 on: March 03, 2021, 08:01:00 PM »
They have been saying that for two years. I will believe it when I see it.
"""


@pytest.mark.parametrize("page", [PHPBB, SMF], ids=["phpbb", "smf"])
def test_genre_forums_with_post_header_lines(page):
    seg = segment_text(page)
    assert seg.genre == "forum"
    assert [(u.author, u.published) for u in seg.units] == [("kant_spotter", date(2021, 3, 2)), ("mig29fan", date(2021, 3, 3))]
    assert seg.units[0].title == "Kant air base upgrade"
    assert page[seg.units[1].start : seg.units[1].end] == "They have been saying that for two years. I will believe it when I see it."


XENFORO_QUOTE = """Russia to double troops in Tajikistan

Discussion in 'Central Asia' started by Yusuf, Oct 17, 2015.

  1. Yusuf

    Yusuf GUARDIAN Administrator

    Mar 24, 2009
    Likes Received:
    Russia will double the number of its troops at the 201st base by 2020, officials said on Friday.

    Last edited: Oct 18, 2015
  2. apple

    apple Regular Member

    Mar 15, 2011
    Likes Received:
    Yusuf said: ↑
    Russia will double the number of its troops.
    Click to expand...
    That is a lot of troops for a small country, but the border is long.

Share This Page
"""


def test_genre_forum_post_opening_with_a_quote_starts_after_it():
    seg = segment_text(XENFORO_QUOTE)
    texts = [XENFORO_QUOTE[u.start : u.end] for u in seg.units]
    assert texts == [
        "Russia will double the number of its troops at the 201st base by 2020, officials said on Friday.",
        "That is a lot of troops for a small country, but the border is long.",
    ]
