"""config/workers.py: a busy gunicorn process leaves new connections to a free one, but never starves them."""

import os
import selectors
import socket
from unittest import mock

import pytest
from gunicorn.config import Config

from config import workers


@pytest.fixture
def worker(tmp_path):
    cfg = Config()
    cfg.set("threads", 2)
    cfg.set("worker_tmp_dir", str(tmp_path))
    listener = socket.create_server(("127.0.0.1", 0))
    made = workers.BalancedThreadWorker(0, 0, [listener], None, 30, cfg, mock.Mock())
    made.poller = selectors.DefaultSelector()
    made.tpool = mock.Mock()
    yield made
    made.poller.close()
    listener.close()


def _accepting(worker) -> bool:
    return any(key.fileobj is worker.sockets[0] for key in worker.poller.get_map().values())


def test_a_worker_with_a_free_thread_accepts(worker):
    worker.set_accept_enabled(True)
    assert _accepting(worker)


@pytest.fixture
def clock(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(workers.time, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def clients(worker):
    """Two clients knocking: the worker (two threads) accepts the first and finds both threads busy at the second."""
    worker.set_accept_enabled(True)
    knocking = [socket.create_connection(worker.sockets[0].getsockname()) for _ in range(2)]
    yield knocking
    for client in knocking:
        client.close()
    for handed in worker.tpool.submit.call_args_list:  # the accepted ends, handed to the (mock) threads
        handed.args[1].sock.close()


def test_a_worker_whose_threads_are_all_busy_leaves_new_connections_in_the_queue(worker, clock, clients):
    worker.accept(worker.sockets[0])
    assert _accepting(worker) and worker.in_flight == 1
    worker.accept(worker.sockets[0])  # the second thread is busy too: stop taking connections
    assert not _accepting(worker) and worker.in_flight == 2
    worker.set_accept_enabled(True)  # the main loop's next turn: still busy
    assert not _accepting(worker)
    worker.finish_request(mock.Mock(), mock.Mock(result=mock.Mock(return_value=False), cancelled=lambda: False))
    worker.set_accept_enabled(True)  # a thread is free again
    assert _accepting(worker) and worker.in_flight == 1


def test_busy_kept_alive_connections_cannot_starve_a_new_one(worker, clock, clients):
    worker.accept(worker.sockets[0])
    worker.accept(worker.sockets[0])
    assert not _accepting(worker)
    slept = []
    worker.poller.select = lambda timeout: slept.append(timeout) or []
    clock[0] += workers.WAIT / 2
    worker.wait_for_and_dispatch_events(1.0)  # gunicorn's loop would sleep a second: it wakes when WAIT is over
    assert slept == [pytest.approx(workers.WAIT / 2)]
    clock[0] += workers.WAIT / 2 + 0.001  # threads never freed (kept-alive clients keep them busy): accept anyway
    worker.set_accept_enabled(True)
    assert _accepting(worker)


def test_the_gunicorn_settings_use_this_worker_one_process_per_core_and_freeze_the_loaded_application():
    import gc
    import runpy

    from django.conf import settings

    with mock.patch.dict("os.environ", {"GUNICORN_WORKERS": "", "GUNICORN_THREADS": ""}):
        for key in ("GUNICORN_WORKERS", "GUNICORN_THREADS"):
            os.environ.pop(key)
        with mock.patch("os.sched_getaffinity", return_value=set(range(64))):
            many = runpy.run_path(str(settings.BASE_DIR / "deploy" / "gunicorn.conf.py"))
        with mock.patch("os.sched_getaffinity", return_value={0}):
            one = runpy.run_path(str(settings.BASE_DIR / "deploy" / "gunicorn.conf.py"))
    assert many["worker_class"] == "config.workers.BalancedThreadWorker" and many["threads"] == 2
    assert (one["workers"], many["workers"]) == (2, 8)  # a process per core, two at least, eight at most
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        one["post_worker_init"](mock.Mock())
        assert gc.get_freeze_count() > 0  # the loaded application is out of the collector's walks
    finally:
        gc.unfreeze()
