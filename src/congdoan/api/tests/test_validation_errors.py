"""Bad parameters on any API endpoint: a 422 that says in Vietnamese which one and why, and
never a 500 (numbers past the database's integer used to overflow)."""

import pytest


@pytest.mark.parametrize(
    ("method", "url", "message"),
    [
        ("get", "/api/v1/documents?kind=abc", "“kind” phải là số nguyên."),
        ("get", "/api/v1/documents?year=99999", "“year” không được lớn hơn 9.999."),
        ("get", "/api/v1/documents?kind=99999999999999999999", "không được lớn hơn 2.147.483.647"),
        ("get", "/api/v1/documents/99999999999999999999", "“document_id” không được lớn hơn"),
        ("post", "/api/v1/news/articles/99999999999999999999/views", "“article_id”"),
        ("get", "/api/v1/units?limit=-1", "“limit” phải từ 1 trở lên."),
        ("get", "/api/v1/units/HN?as_of=29/01/2016", "“as_of” phải là ngày dạng YYYY-MM-DD."),
    ],
)
def test_bad_parameters_are_named_in_vietnamese(client, tree, method, url, message):
    response = getattr(client, method)(url)
    assert response.status_code == 422
    messages = [item["msg"] for item in response.json()["detail"]]
    assert any(message in text for text in messages), messages
