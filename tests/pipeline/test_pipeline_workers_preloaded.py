"""The analysis pool's workers start with the models loaded once by the fork server."""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from sphere.pipeline import worker_context


def loaded_in_worker() -> tuple[bool, int, int]:
    from sphere.kb.gazetteer import city_index
    from sphere.nlp.english import load_nlp

    return "sphere.nlp.preload" in sys.modules, load_nlp.cache_info().currsize, city_index.cache_info().currsize


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here")
def test_pipeline_workers_start_with_the_models_loaded():
    ctx = worker_context()
    assert ctx.get_start_method() == "forkserver"
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:  # no initializer: nothing loads them here
        results = [pool.submit(loaded_in_worker).result() for _ in range(2)]
    assert results == [(True, 1, 1)] * 2
