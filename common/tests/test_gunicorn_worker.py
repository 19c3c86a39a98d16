"""config/workers.py: a busy gunicorn process leaves new connections to a free one, but never starves them."""

import multiprocessing
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


def test_a_worker_whose_threads_are_all_busy_leaves_new_connections_in_the_queue(worker, monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(workers.time, "monotonic", lambda: clock[0])
    worker.set_accept_enabled(True)
    clients = [socket.create_connection(worker.sockets[0].getsockname()) for _ in range(2)]
    worker.accept(worker.sockets[0])
    assert _accepting(worker) and worker.in_flight == 1
    worker.accept(worker.sockets[0])  # the second thread is busy too: stop taking connections
    assert not _accepting(worker) and worker.in_flight == 2
    worker.set_accept_enabled(True)  # the main loop's next turn: still busy
    assert not _accepting(worker)
    worker.finish_request(mock.Mock(), mock.Mock(result=mock.Mock(return_value=False), cancelled=lambda: False))
    worker.set_accept_enabled(True)  # a thread is free again
    assert _accepting(worker) and worker.in_flight == 1
    for client in clients:
        client.close()


def test_busy_kept_alive_connections_cannot_starve_a_new_one(worker, monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(workers.time, "monotonic", lambda: clock[0])
    worker.set_accept_enabled(True)
    clients = [socket.create_connection(worker.sockets[0].getsockname()) for _ in range(2)]
    worker.accept(worker.sockets[0])
    worker.accept(worker.sockets[0])
    assert not _accepting(worker)
    clock[0] += workers.WAIT + 0.001  # threads never freed (kept-alive clients keep them busy): accept anyway after WAIT
    worker.set_accept_enabled(True)
    assert _accepting(worker)
    for client in clients:
        client.close()


def test_the_gunicorn_settings_use_this_worker_one_process_per_core_and_freeze_the_loaded_application():
    import gc
    import runpy

    from django.conf import settings

    conf = runpy.run_path(str(settings.BASE_DIR / "deploy" / "gunicorn.conf.py"))
    assert conf["worker_class"] == "config.workers.BalancedThreadWorker" and conf["threads"] == 2
    assert conf["workers"] == max(2, multiprocessing.cpu_count())
    try:
        conf["post_worker_init"](mock.Mock())
        assert gc.get_freeze_count() > 0  # the application's objects are out of the collector's walks
    finally:
        gc.unfreeze()
