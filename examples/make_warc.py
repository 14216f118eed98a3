"""Write examples/corpus/archive.warc.gz: a small web archive for the demo corpus.

The archive holds a warcinfo record and three HTTP response records, each a small news page
written for the demo. Dates and record ids are fixed (ids are UUID5 of the target URI), and the
gzip members carry no timestamp, so running the script twice writes identical bytes.

    .venv/bin/python examples/make_warc.py [OUTPUT]
"""

from __future__ import annotations

import sys
import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTPUT = Path(__file__).resolve().parent / "corpus" / "archive.warc.gz"
NAMESPACE = uuid.UUID("6f1c2a52-3c1e-4b7e-9d61-5a3b0c8e2f10")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<meta name="author" content="{author}">
<meta property="article:published_time" content="{published}">
<meta property="og:site_name" content="{site}">
<link rel="canonical" href="{url}">
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/region">Region</a> <a href="/contact">Contact</a></nav>
<article>
<h1>{title}</h1>
<p class="byline">{author}, {published}</p>
{body}
</article>
<footer><p>&copy; {year} {site}</p></footer>
</body>
</html>
"""

# (url, capture date, site, author, published, title, paragraphs)
PAGES = [
    (
        "https://www.centralasiadaily.net/news/2015/10/19/russia-bolsters-helicopter-group-in-tajikistan",
        "2015-10-19T14:02:11Z",
        "Central Asia Daily",
        "Timur Akhmedov",
        "2015-10-19",
        "Russia bolsters helicopter group in Tajikistan after Kunduz scare",
        [
            "DUSHANBE -- Russia has moved additional attack and transport helicopters to the Ayni "
            "airfield west of Dushanbe, strengthening the aviation group of its 201st Military Base "
            "after the Taliban's brief capture of the Afghan city of Kunduz, the Russian Defence "
            "Ministry said on Monday.",
            "The new machines, Mi-24P gunships and Mi-8MTV transports, arrived from airfields in "
            "Russia over the weekend. Their crews will start training flights over the Tajik "
            "mountains this week, the ministry said.",
            "Kunduz, less than 70 kilometres from the Tajik border, fell to Taliban fighters on "
            "September 28 and was retaken by Afghan government forces, with the help of American "
            "air strikes, only after days of fighting. The episode alarmed governments across the "
            "region.",
            "At a summit of the Commonwealth of Independent States in Burabay, Kazakhstan, on "
            "Friday, Vladimir Putin said the situation in Afghanistan was close to critical and "
            "that militants of many kinds were gaining ground there. He asked CIS members to "
            "prepare a joint response in case armed groups tried to push north. The host, Kazakh "
            "President Nursultan Nazarbayev, supported the idea.",
            "Officials in Moscow have said the 201st base, with garrisons in Dushanbe and "
            "Kurgan-Tyube, could grow from about 7,000 to 9,000 troops by 2020. President Emomali "
            "Rahmon has welcomed the plan, saying Tajikistan cannot guard its long Afghan frontier "
            "alone.",
        ],
    ),
    (
        "https://www.dushanbemonitor.com/2018/07/31/islamic-state-claims-attack-on-cyclists",
        "2018-07-31T09:30:45Z",
        "Dushanbe Monitor",
        "Nigina Saidova",
        "2018-07-31",
        "Islamic State claims attack that killed four foreign cyclists",
        [
            "DUSHANBE -- The Islamic State group has claimed responsibility for Sunday's attack in "
            "southern Tajikistan in which four foreign cyclists were killed, but the Tajik "
            "government has blamed a banned opposition party.",
            "The victims, two Americans, a Swiss and a Dutch citizen, were riding along the main "
            "road through the Danghara district of the Khatlon region when a car drove into their "
            "group. Men who got out of the car then attacked the survivors with knives, police "
            "said. Three other riders were hurt.",
            "On Monday the group's Amaq news agency released a video of five men swearing "
            "allegiance to its leader. Tajik police said four suspects had been killed while "
            "resisting arrest and a fifth had been detained.",
            "The Tajik Interior Ministry said the attack had been organised by the Islamic "
            "Renaissance Party of Tajikistan, which the authorities outlawed in 2015. The party, "
            "whose leaders live in exile in Europe, denied any role and condemned the killings.",
            "The United States embassy in Dushanbe condemned the attack and offered help with the "
            "investigation. It was the deadliest attack on foreign visitors in the country's "
            "history since independence.",
        ],
    ),
    (
        "https://www.kyrgyzweek.kg/politics/2019/03/29/putin-in-bishkek-kant-base-to-expand",
        "2019-03-29T11:15:00Z",
        "Kyrgyz Week",
        "Elmira Sydykova",
        "2019-03-29",
        "Putin in Bishkek: deals signed, Kant base to expand",
        [
            "BISHKEK -- Vladimir Putin and Kyrgyz President Sooronbay Jeenbekov on Thursday signed "
            "a package of agreements during the Russian leader's first state visit to Kyrgyzstan "
            "in six years, among them a protocol that allows Russia to expand its Kant Air Base.",
            "Under the protocol Kyrgyzstan will hand over a further plot of land next to the "
            "airfield at Kant, about 20 kilometres east of the capital. Russian officials said the "
            "space would be used for new hangars and for more aircraft and drones.",
            "Ministers from both sides also signed documents on investment, trade, education and "
            "the use of nuclear energy. Jeenbekov thanked Moscow for the military aid it has given "
            "the Kyrgyz armed forces in recent years, including armoured vehicles and helicopters.",
            "Putin told a news conference that Russian forces at Kant were part of the collective "
            "rapid deployment force of the CSTO and protected the whole of Central Asia. He warned "
            "that fighters of the Islamic State were moving into northern Afghanistan and could "
            "threaten the region.",
        ],
    ),
]


def render_page(url: str, site: str, author: str, published: str, title: str, paragraphs: list[str]) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    html = PAGE.format(
        title=title, site=site, author=author, published=published, url=url, body=body, year=published[:4]
    )
    return html.encode("utf-8")


def record_id(key: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, key)}>"


def write_archive(path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        info = b"software: sphere examples/make_warc.py\r\nformat: WARC File Format 1.0\r\n"
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": record_id("warcinfo"),
                    "WARC-Date": "2019-04-01T00:00:00Z",
                    "WARC-Filename": path.name,
                },
            )
        )
        for url, captured, site, author, published, title, paragraphs in PAGES:
            html = render_page(url, site, author, published, title, paragraphs)
            http_headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(html)))],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=BytesIO(html),
                    length=len(html),
                    http_headers=http_headers,
                    warc_headers_dict={"WARC-Record-ID": record_id(url), "WARC-Date": captured},
                )
            )


if __name__ == "__main__":
    write_archive(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
