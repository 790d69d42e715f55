from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED_ARTICLE = FIXTURES / "2017_western_iraq_campaign.txt"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # The default hasher is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed_path() -> Path:
    return SEED_ARTICLE
