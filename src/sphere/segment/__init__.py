"""Pages to documents made of typed units: article body, comments, forum posts, clippings.

    segment_page(page, item) -> Document       one page
    pipe(pairs, batch_size) -> Iterator[Document]

Plain text copied from a web page is segmented by classifying its lines (`lines`) and reading
the page genre from them (`text`: news with comments, forum thread, clipping blog, article);
HTML arrives with its article and comment spans found by the extractor (`html`), and a forum
or clipping page in HTML goes through the text segmenter too.
"""

from .document import dated_by, pipe, segment_page

__all__ = ["segment_page", "pipe", "dated_by"]
