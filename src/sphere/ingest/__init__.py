"""Reading documents: sources (files, folders, JSONL, WARC, URLs, feeds), decoding, extraction.

    sources.read_inputs(inputs, max_size, fetcher) -> stream of SourceItem | InputError
    pages.read_page(item, pool) -> (Page, notes)                 one item
    pages.pipe(items, pool, batch_size) -> (item, Page, notes) | InputError, in order
    run.ingest(inputs, engine, progress=True) -> IngestSummary   the stage end to end, storing
    redo.resegment(engine, doc_ids=None, force=False) -> ResegmentSummary   units made again

An input that cannot be read is an `InputError` (origin and reason) in the stream, never an
exception that stops the batch.
"""
