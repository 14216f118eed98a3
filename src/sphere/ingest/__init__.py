"""Reading documents: sources (files, folders, JSONL, WARC, URLs, feeds), decoding, extraction.

    read_inputs(inputs, max_size, fetcher) -> stream of SourceItem | InputError   (sources)
    read_page(item, pool) -> Page                                                 (pages)
    pipe(items, batch_size) -> Iterator[(SourceItem, Page) | InputError]         (pages)
    run.ingest(inputs, engine) -> IngestSummary   the whole stage, storing as it goes
"""
