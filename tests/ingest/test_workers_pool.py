"""The extraction worker pool: reused across jobs, hard timeouts, crashes, order kept."""

from __future__ import annotations

import os
import time

import pytest

from sphere.ingest.workers import ExtractorPool, JobFailed


def job(payload):
    """Runs in the worker: ("pid", _) -> its pid; ("sleep", s) -> sleeps; ("die", _) -> exits."""
    what, arg = payload
    if what == "sleep":
        time.sleep(arg)
    if what == "die":
        os._exit(3)
    if what == "raise":
        raise ValueError(arg)
    return what, arg, os.getpid()


@pytest.fixture
def pool():
    p = ExtractorPool(job, workers=1, timeout=2.0)
    yield p
    p.close()


def test_workers_pool_reuses_one_process(pool):
    pids = {pool.run(("pid", i))[2] for i in range(20)}
    assert len(pids) == 1 and pool.restarts == 0


def test_workers_pool_kills_a_job_past_the_timeout_and_restarts(pool):
    first = pool.run(("pid", 0))[2]
    pool.timeout = 0.5
    with pytest.raises(JobFailed, match="longer than 0.5 s"):
        pool.run(("sleep", 60))
    pool.timeout = 2.0
    after = pool.run(("pid", 1))[2]
    assert after != first and pool.restarts == 1


def test_workers_pool_survives_a_crashed_worker(pool):
    with pytest.raises(JobFailed, match="died"):
        pool.run(("die", None))
    assert pool.run(("pid", 2))[0] == "pid"


def test_workers_pool_reports_an_exception_in_the_job(pool):
    with pytest.raises(JobFailed, match="ValueError: bad page"):
        pool.run(("raise", "bad page"))
    assert pool.restarts == 0


def test_workers_pool_imap_keeps_order_with_two_workers():
    with ExtractorPool(job, workers=2, timeout=5.0) as pool:
        results = list(pool.imap([("pid", i) for i in range(10)] + [("raise", "x"), ("pid", 10)]))
    assert [r[1] for r in results[:10]] == list(range(10))
    assert isinstance(results[10], JobFailed) and results[11][1] == 10
    assert len({r[2] for r in results[:10]}) == 2  # both workers used
