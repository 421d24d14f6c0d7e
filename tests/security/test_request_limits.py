"""Oversized requests are refused with the friendly 400 page, before any view reads them."""

import pytest
from django.conf import settings

MIB = 1024 * 1024


def test_limits_are_set_for_a_small_text_site():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * MIB
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 100
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2 * MIB


@pytest.mark.urls("tests.security.error_urls")
def test_too_many_form_fields_get_the_400_page(client):
    fields = {f"field{number}": "x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post("/raise/form/", fields)
    assert response.status_code == 400
    assert "<h1>Sorry, we could not read that request</h1>" in response.content.decode()


@pytest.mark.urls("tests.security.error_urls")
def test_a_body_over_the_memory_limit_is_refused_as_too_large_with_the_400_page(client):
    # spotting_site.request_limits answers 413 before Django reads the body.
    response = client.post("/raise/form/", {"text": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert response.status_code == 413
    assert "<h1>Sorry, we could not read that request</h1>" in response.content.decode()


@pytest.mark.urls("tests.security.error_urls")
def test_a_form_within_the_limits_is_accepted(client):
    response = client.post("/raise/form/", {"text": "x" * 1000, "age": "30"})
    assert response.status_code == 200
