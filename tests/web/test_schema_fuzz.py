"""schemathesis against /api/v1/openapi.json: generated requests to every operation, valid ones and
invalid ones, must never meet a server error, and every response must keep to the published
schema (status code, content type, headers, body). Bounded and derandomised: quick, repeatable."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from web.api import routes

EXAMPLES = 12  # per operation, per kind of request (valid, invalid), per store
OPERATIONS = [(op.method, op.path) for op in routes.operations]


@pytest.fixture(scope="session")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def _reversed_range(case) -> bool:
    """`since` after `until`: each is valid alone, and OpenAPI cannot say they are not together."""
    query = case.query or {}
    since, until = query.get("since"), query.get("until")
    return isinstance(since, str) and isinstance(until, str) and since > until


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["valid", "invalid"])
@pytest.mark.parametrize("method, path", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_keeps_to_its_schema(api_schema, method, path, mode):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        if mode is GenerationMode.POSITIVE and _reversed_range(case):
            response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            assert response.status_code == 400 and "'until'" in response.text
        else:
            case.call_and_validate()

    try:
        check()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
        pytest.skip(f"no invalid request can be made for {method} {path}")
