"""The analysis pool's processes: how many, and the fork server they are forked from.

Light to import (no database, no models): `sphere.cli` starts the fork server from here before
it imports the rest of the command line, so the server loads the models meanwhile.
"""

from __future__ import annotations

import multiprocessing
import os

# Below this many documents a second process costs more (loading the model) than it saves.
MIN_DOCS_PER_WORKER = 8


def worker_count(n_docs: int, requested: int | None) -> int:
    """Processes for nlp and events: as asked (or $SPHERE_WORKERS), else up to two cores."""
    requested = requested or int(os.environ.get("SPHERE_WORKERS") or 0)
    if requested:
        return max(1, min(requested, n_docs))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, 2, n_docs // MIN_DOCS_PER_WORKER))


def worker_context():
    """The multiprocessing context of the analysis pool: a fork server that preloads the
    models where the platform has one, else spawn (each worker loads them in `warm_worker`)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # Each worker runs the `sphere` script again as __mp_main__ (multiprocessing does); with
    # the CLI it imports preloaded here, that finds every module imported already. "__main__"
    # alone does not do it: CPython's fork server is never told the script's path (its
    # `desired_keys` asks for "main_path", which `spawn.get_preparation_data` does not give),
    # so each worker imported the CLI afresh, half a CPU second each
    ctx.set_forkserver_preload(["__main__", "sphere.cli", "sphere.nlp.preload"])
    return ctx


def start_workers_early(expected_docs: int, workers: int | None = None) -> bool:
    """Start the analysis pool's fork server now, so that it loads the models while this
    process is still reading documents; `analysed_chunks` uses the same server later. Only when
    that many documents would get more than one worker. Returns whether it was started."""
    if worker_count(expected_docs, workers) < 2 or "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    from multiprocessing import forkserver

    worker_context()  # sets what the server preloads
    forkserver.ensure_running()
    return True
