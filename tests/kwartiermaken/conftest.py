from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

FIXTURE = Path(settings.BASE_DIR, "fixtures", "20_kwartiermaken.json")


def laad_inhoud():
    call_command("loaddata", str(FIXTURE), verbosity=0)


@pytest.fixture
def inhoud(db):
    laad_inhoud()
