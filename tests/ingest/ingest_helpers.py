"""Page makers and paths shared by the ingest tests (imported as `from ingest_helpers import ...`)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"


def article_html(title: str, paragraphs: list[str], site_name: str = "Test Wire", published: str = "2021-08-10") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="{site_name}">'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        f"<footer>&copy; 2021 {site_name}</footer></body></html>"
    )


PARAGRAPHS = [
    "Russian and Tajik troops held joint exercises at the Lyaur range near Dushanbe on Tuesday, the defence ministry said.",
    "About 1,500 soldiers and 200 pieces of hardware took part in the drills, which simulated an incursion from Afghanistan.",
    "Officials said further exercises were planned for the autumn, with Uzbek units expected to join them.",
]
