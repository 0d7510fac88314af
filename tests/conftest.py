"""Shared fixtures: one pipeline for the whole test session (loading spaCy costs ~1 s)."""
from __future__ import annotations

from pathlib import Path

import pytest

import whimbrel
from store_fixtures import db_urls, drop_test_databases  # noqa: F401 (autouse: drops fresh_url's databases)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(params=db_urls())
def kind(request):
    """The store's database: "sqlite", and "postgresql" where WHIMBREL_TEST_PG names a server
    (store tests take it with store_fixtures.fresh_url)."""
    return request.param


@pytest.fixture(scope="session")
def nlp():
    return whimbrel.load()


@pytest.fixture(scope="session")
def analyze(nlp):
    """analyze(text, published=None) -> whimbrel.model.Analysis, with the shared pipeline."""

    def _analyze(text, published=None, **kw):
        return whimbrel.analyze(text, published=published, nlp=nlp, **kw)

    return _analyze
