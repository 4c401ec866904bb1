"""Bad input on every POST endpoint answers 4xx, never 5xx (issue: failure paths).

Every POST case of the authorization table is posted by the people who may use it, with
each of its fields, and each name the views read ids from, set to a non-number, a negative
number, a number larger than any id, and nothing.
"""

import pytest

from tests.test_authorization import CASES

BAD_VALUES = ["abc", "-1", "99999999999999999999999", ""]
# Names under which views read ids of related rows, posted even where the case sends none.
ID_NAMES = ["inbreng", "cluster", "verwacht", "bijdrage", "blok", "lid", "eigenaar", "stap"]
POST_CASES = [case for case in CASES if case.method == "post"]


def _actors(case) -> list[str]:
    allowed = [actor for actor, status in case.expect.items() if actor != "anoniem" and status < 400]
    return allowed or ["teamlid"]


def test_the_fuzz_covers_the_post_endpoints():
    assert len(POST_CASES) > 40, "the authorization table lost its POST cases"


@pytest.mark.parametrize("case", POST_CASES, ids=str)
def test_no_post_endpoint_answers_5xx_to_bad_ids(case, world):
    if case.setup:
        case.setup(world)
    url = case.url(world)
    data = dict(case.data(world) or {})
    failures = []
    for actor in _actors(case):
        client = world.client(actor)
        for name in sorted(set(data) | set(ID_NAMES)):
            for value in BAD_VALUES:
                response = client.post(url, {**data, name: value})
                if response.status_code >= 500:
                    failures.append(f"{actor} {name}={value!r}: {response.status_code}")
    assert not failures, f"POST {url}: " + "; ".join(failures)
