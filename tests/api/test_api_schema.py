"""Schemathesis over the OpenAPI schema: whatever a client sends, no answer is a 5xx."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings

from api.app import create_app
from codermatch.settings import Settings
from codermatch.stores import open_store


def test_no_request_to_any_operation_gets_a_server_error(filled: Settings) -> None:
    store = open_store(filled)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(filled, store))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        def no_server_error(case: Any) -> None:
            response = case.call()
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path}: {response.status_code} {response.text}"
            )

        no_server_error()
    store.close()
