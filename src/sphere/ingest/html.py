"""HTML with selectolax (lexbor): the fallback text, reader comments and metadata.

trafilatura is the main extractor (run in a worker, see `extract`). This module does what must
not depend on it: lexbor parses any depth and size in linear time, so it gives the text when
trafilatura returns nothing (255+ nested levels, a 10 M-character text node, a timeout), and it
reads comment sections with their structure (author, time, text), which trafilatura flattens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements whose text is never page content.
DROP = "script, style, noscript, template, svg, iframe, object, canvas, head"
# Page furniture: dropped from the fallback text (trafilatura drops it on its own).
FURNITURE = "nav, header, footer, aside, form, [role=navigation], [role=banner], [role=contentinfo]"
BLOCKS = frozenset(
    "address article aside blockquote dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul br time".split()
)

# A comment: an element whose class is "comment" (WordPress, most CMSs), or whose id is
# "comment-<n>", or a few other common class names.
COMMENT_ITEM = re.compile(r"^(comment|comment-item|comment-entry|commentlist-item|js-comment|user-comment)$")
COMMENT_ID = re.compile(r"^(comment|div-comment)-\w+$")
AUTHOR = ".comment-author, .author, .username, .user-name, .user, .fn, .nickname, [itemprop=author], cite, .name"
WHEN = "time, .comment-date, .comment-time, .date, .timestamp, .comment-meta a"
NOISE = ".reply, .comment-reply-link, .comment-actions, .comment-footer, .comment-votes, button"


@dataclass(frozen=True)
class HtmlComment:
    author: str | None
    when: str | None  # as shown (or the datetime attribute when nothing is shown)
    text: str


def parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def clean_space(text: str) -> str:
    return re.sub(r"[ \t\u00a0\u200b]+", " ", text).strip()


def block_text(root: LexborNode | None, skip: frozenset[int] = frozenset()) -> list[str]:
    """The text under `root` as lines, one per block element, skipping subtrees in `skip`."""
    if root is None:
        return []
    lines: list[str] = []
    current: list[str] = []
    stack: list[LexborNode] = [root]
    while stack:  # iterative: pages nested 10,000 deep must not hit Python's recursion limit
        node = stack.pop()
        if node is _BREAK:
            if current:
                lines.append(clean_space("".join(current)))
                current = []
            continue
        if node.mem_id in skip:
            continue
        if node.is_text_node:
            current.append(node.text_content or "")
            continue
        if node.tag in BLOCKS and current:
            lines.append(clean_space("".join(current)))
            current = []
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        if node.tag in BLOCKS:
            children.append(_BREAK)
        stack.extend(reversed(children))
    if current:
        lines.append(clean_space("".join(current)))
    return [line for line in lines if line]


class _Break:
    """A marker pushed after a block's children: ends the block's line."""

    mem_id = -1
    is_text_node = False
    tag = "br"
    child = None


_BREAK = _Break()


def fallback_text(tree: LexborHTMLParser, skip: frozenset[int] = frozenset()) -> list[str]:
    """Visible text of the page's main part, as lines: the extractor of last resort."""
    for node in tree.css(DROP):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is tree.body or root is tree.root:
        for node in tree.css(FURNITURE):
            node.decompose()
    return block_text(root, skip)


def is_comment_item(node: LexborNode) -> bool:
    classes = (node.attributes.get("class") or "").split()
    return any(COMMENT_ITEM.match(c) for c in classes) or bool(COMMENT_ID.match(node.attributes.get("id") or ""))


def comment_nodes(tree: LexborHTMLParser) -> list[LexborNode]:
    seen: set[int] = set()
    out = []
    for n in tree.css("[class], [id]"):  # lexbor lists a node once per selector it matches
        if n.mem_id not in seen and n.tag not in ("body", "html") and is_comment_item(n):
            seen.add(n.mem_id)
            out.append(n)
    return out


def read_comments(tree: LexborHTMLParser) -> list[HtmlComment]:
    """The page's reader comments, each with its author and time where the markup gives them."""
    nodes = comment_nodes(tree)
    ids = {n.mem_id for n in nodes}
    comments = []
    for node in nodes:
        author_node = node.css_first(AUTHOR)
        when_node = node.css_first(WHEN)
        author = clean_space(author_node.text()) if author_node else None
        author = re.sub(r"\s*(says|wrote|пишет)\s*:?\s*$", "", author or "", flags=re.I) or None
        when = None
        if when_node is not None:
            when = clean_space(when_node.text()) or when_node.attributes.get("datetime")
        skip = (ids - {node.mem_id}) | {
            n.mem_id for sel in (AUTHOR, WHEN, NOISE) for n in node.css(sel)
        }
        body = [line for line in block_text(node, frozenset(skip)) if line]
        if body:
            comments.append(HtmlComment(author, when, "\n".join(body)))
    return comments


def meta(tree: LexborHTMLParser) -> dict[str, str | None]:
    """Title, author, date, site name and canonical URL from <head>, for the fallback path."""

    def content(*selectors: str) -> str | None:
        for sel in selectors:
            node = tree.css_first(sel)
            if node is not None:
                value = node.attributes.get("content") or node.attributes.get("href") or node.attributes.get("datetime")
                if value is None and node.tag in ("title", "h1", "time"):
                    value = node.text()
                if value and value.strip():
                    return clean_space(value)
        return None

    return {
        "title": content("meta[property='og:title']", "h1", "title"),
        "author": content("meta[name=author]", "meta[property='article:author']"),
        "date": content(
            "meta[property='article:published_time']", "meta[name=date]", "meta[itemprop=datePublished]", "time[datetime]"
        ),
        "sitename": content("meta[property='og:site_name']", "meta[name=application-name]"),
        "url": content("link[rel=canonical]", "meta[property='og:url']"),
    }
