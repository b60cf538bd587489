import pytest

from tests.factories import CouncilFactory, RegionFactory

SMALL = {"councils": 3, "metrics": 10, "years": 2, "seed": 1}


@pytest.fixture
def councils(db):
    """Three live councils in two regions, as load_demo would give (it gives 153)."""
    north_east = RegionFactory(gss_code="E12000001", name="North East")
    east_midlands = RegionFactory(gss_code="E12000004", name="East Midlands")
    return [
        CouncilFactory(gss_code="E06000001", name="Hartlepool", region=north_east),
        CouncilFactory(gss_code="E06000002", name="Middlesbrough", region=north_east),
        CouncilFactory(gss_code="E10000019", name="Lincolnshire", region=east_midlands),
    ]
