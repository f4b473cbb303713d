"""The OpenAPI document is generated from the route declarations and covers every API route."""
import re

from werkzeug.routing import Rule


def _openapi_path(rule: Rule) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_every_api_route_is_documented(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    assert spec["servers"] == [{"url": "/api/v1"}]
    api_rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")]
    assert len(api_rules) >= 6
    for rule in api_rules:
        path = _openapi_path(rule)
        assert path in spec["paths"], f"{rule.rule} is not in openapi.json"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in spec["paths"][path], f"{method} {rule.rule} is not in openapi.json"


def test_documented_paths_exist_and_refs_resolve(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    routed = {_openapi_path(r) for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")}
    assert set(spec["paths"]) == routed
    schemas = spec["components"]["schemas"]
    for ref in set(_refs(spec)):
        assert ref.removeprefix("#/components/schemas/") in schemas, ref


def test_parameters_match_validation(client):
    search = client.get("/api/v1/openapi.json").get_json()["paths"]["/search"]["get"]
    params = {p["name"]: p for p in search["parameters"]}
    assert set(params) == {"q", "mode", "limit", "authority", "doc_type", "committee", "since", "until",
                           "fact_type"}
    assert params["fact_type"]["schema"]["enum"] == ["money", "date", "person", "organisation", "decision"]
    assert params["q"]["required"] is True and params["q"]["schema"]["maxLength"] == 500
    assert params["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}
    assert params["mode"]["schema"]["enum"] == ["keyword", "semantic", "hybrid"]
    assert params["since"]["schema"]["format"] == "date"


def test_search_result_schema_lists_every_field_returned(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = set(spec["components"]["schemas"]["SearchResult"]["properties"])
    result = client.get("/api/v1/search?q=RCC").get_json()["results"][0]
    assert set(result) == documented


def test_search_response_schema_lists_every_field_returned(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    body = client.get("/api/v1/search", query_string={"q": "RCC", "limit": 1}).get_json()
    assert set(body) == set(schemas["SearchResponse"]["properties"])
    assert set(body["facets"]) == set(schemas["Facets"]["properties"])
    assert set(body["facets"]["authority"][0]) == set(schemas["FacetCount"]["properties"])
    assert set(body["filters"]) == set(schemas["Filters"]["properties"])
