"""The database connection outlives a request, as it does under gunicorn: Django's test client
keeps connections open by itself, so the requests here go through the plain WSGI handler."""

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection


def _get(path):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }
    statuses = []
    body = WSGIHandler()(environ, lambda status, headers, *rest: statuses.append(status))
    b"".join(body)
    body.close()  # the WSGI server's close: Django's request_finished closes old connections
    return statuses[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_keeps_its_database_connection_between_requests():
    # Django closes a connection at the end of a request once it is older than CONN_MAX_AGE
    # (0: after every request). SQLite's in-memory test database is never really closed, so
    # the age is checked as well as the connection itself.
    max_age = connection.settings_dict["CONN_MAX_AGE"]
    assert max_age is None or max_age >= 30
    connection.close()
    connection.ensure_connection()  # a new connection, as a worker's first request opens
    first = connection.connection
    assert _get("/robots.txt").startswith("200")
    assert _get("/robots.txt").startswith("200")
    assert connection.connection is first
