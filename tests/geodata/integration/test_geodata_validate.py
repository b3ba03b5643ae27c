"""validate_gemeenten finds each kind of defect and passes the shared file."""

from __future__ import annotations

import pytest
import shapely
from shapely.affinity import translate
from shapely.geometry.polygon import orient

from geodata import GeodataError, check_gemeenten, validate_gemeenten


@pytest.fixture
def gdf(gemeenten):
    return gemeenten.copy()


def _row(gdf, code):
    return gdf.index[gdf["statcode"] == code][0]


def test_shared_file_is_valid(gemeenten):
    assert len(gemeenten) == 342
    assert validate_gemeenten(gemeenten) == []
    check_gemeenten(gemeenten)


def test_duplicate_codes(gdf):
    gdf.loc[_row(gdf, "GM0344"), "statcode"] = "GM0363"
    problems = validate_gemeenten(gdf)
    assert any("duplicate" in p and "GM0363" in p for p in problems)


@pytest.mark.parametrize("bad", ["0363", "GM363", "gm0363", "GM03631", "", None])
def test_bad_codes(gdf, bad):
    gdf["statcode"] = gdf["statcode"].astype(object)
    gdf.loc[_row(gdf, "GM0363"), "statcode"] = bad
    assert any("GMdddd" in p for p in validate_gemeenten(gdf))


def test_empty_name(gdf):
    gdf.loc[_row(gdf, "GM0363"), "statnaam"] = "  "
    assert any("empty names" in p and "GM0363" in p for p in validate_gemeenten(gdf))


def test_invalid_geometry(gdf):
    bowtie = shapely.Polygon([(5.0, 52.0), (5.1, 52.1), (5.1, 52.0), (5.0, 52.1), (5.0, 52.0)])
    gdf.loc[_row(gdf, "GM0344"), "geometry"] = bowtie
    problems = validate_gemeenten(gdf)
    assert any("invalid geometry" in p and "GM0344" in p for p in problems)


def test_empty_geometry(gdf):
    gdf.loc[_row(gdf, "GM0344"), "geometry"] = shapely.Polygon()
    assert any("empty geometry" in p and "GM0344" in p for p in validate_gemeenten(gdf))


def test_outside_netherlands(gdf):
    row = _row(gdf, "GM0599")
    gdf.loc[row, "geometry"] = translate(gdf.loc[row, "geometry"], xoff=10)
    assert any("outside the Netherlands" in p and "GM0599" in p for p in validate_gemeenten(gdf))


def test_swapped_axes_are_outside(gdf):
    gdf["geometry"] = shapely.transform(gdf.geometry.values, lambda c: c[:, ::-1])
    assert any("outside the Netherlands" in p for p in validate_gemeenten(gdf))


def test_counter_clockwise_exterior(gdf):
    row = _row(gdf, "GM0363")
    gdf.loc[row, "geometry"] = orient(gdf.loc[row, "geometry"], sign=1.0)  # RFC 7946 style
    problems = validate_gemeenten(gdf)
    assert len(problems) == 1
    assert "clockwise" in problems[0] and "GM0363" in problems[0]


def test_clockwise_hole(gdf):
    outer = shapely.Polygon([(5.0, 52.0), (5.0, 52.1), (5.1, 52.1), (5.1, 52.0)])  # clockwise
    hole_cw = [(5.02, 52.02), (5.02, 52.05), (5.05, 52.05), (5.05, 52.02)]
    assert not outer.exterior.is_ccw
    gdf.loc[_row(gdf, "GM0344"), "geometry"] = shapely.Polygon(outer.exterior.coords, [hole_cw])
    problems = validate_gemeenten(gdf)
    assert any("holes must be counter-clockwise" in p and "GM0344" in p for p in problems)


def test_check_raises_listing_all_problems(gdf):
    gdf.loc[_row(gdf, "GM0344"), "statcode"] = "GM0363"
    gdf.loc[_row(gdf, "GM0599"), "statnaam"] = ""
    with pytest.raises(GeodataError) as info:
        check_gemeenten(gdf)
    message = str(info.value)
    assert "duplicate" in message and "empty names" in message and "GM0599" in message


def test_wrong_crs(gdf):
    assert any("EPSG:4326" in p for p in validate_gemeenten(gdf.to_crs(28992)))
