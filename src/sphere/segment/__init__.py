"""Pages to documents made of typed units: article body, comments, forum posts, clippings.

    segment_page(page, item) -> Document       one page
    pipe(pairs, batch_size) -> Iterator[Document]

Plain text copied from a web page is segmented by classifying its lines (`lines`) and reading
the page genre from them (`text`: news with comments, forum thread, clipping blog, article);
HTML arrives with its article and comment spans found by the extractor (`html`), and a forum
or clipping page in HTML goes through the text segmenter too. Furniture between a unit's
lines is listed by `furniture.furniture_spans` (what reads a unit leaves it out).
"""

from .document import dated_by, pipe, segment_page

# Bump when the units of some page change (boundaries, kinds, dates, authors, outlets): stored
# documents record the version that made their units, and `sphere resegment` redoes older ones.
# 2: furniture inside units (segment.furniture), comments without heads or "Reply" lines.
# 3: short rule lines ("---"), handles with dots, "N comments:" heads, "Name from Place"
#    commenters, forum member titles of a forum's own, a blog's closing note kept.
SEGMENT_VERSION = "4"

__all__ = ["SEGMENT_VERSION", "segment_page", "pipe", "dated_by"]
