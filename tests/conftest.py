from pathlib import Path

import pytest

SEED_ARTICLE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "2017_western_iraq_campaign.txt"
)


@pytest.fixture
def seed_path() -> Path:
    return SEED_ARTICLE
