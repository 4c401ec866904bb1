"""The shape of the app code (issue 12): the limits a newcomer can rely on.

No app file over 400 lines, no view over 40 lines, and no branch on the exercise kind outside
the kinds package: a new kind is one module, one partial and fixture rows.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

APPS = [
    "cocreatie",
    "trajecten",
    "oefeningen",
    "kwartiermaken",
    "ervaringsdeskundigen",
    "bijeenkomsten",
    "plan",
]
MAX_FILE = 400
MAX_VIEW = 40
KINDS_PACKAGE = Path("oefeningen", "soorten")


def _app_files() -> list[Path]:
    root = Path(settings.BASE_DIR)
    return [
        path for app in APPS for path in sorted((root / app).rglob("*.py")) if "migrations" not in path.parts
    ]


def _views(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            yield node.name, node.end_lineno - node.lineno + 1


def _is_view_module(path: Path) -> bool:
    return path.name == "views.py" or path.parent.name == "views"


def test_no_app_file_is_over_400_lines():
    te_lang = {
        str(path.relative_to(settings.BASE_DIR)): n
        for path in _app_files()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_FILE
    }

    assert not te_lang, te_lang


def test_no_view_is_over_40_lines():
    te_lang = {
        f"{path.relative_to(settings.BASE_DIR)}:{naam}": n
        for path in _app_files()
        if _is_view_module(path)
        for naam, n in _views(path)
        if n > MAX_VIEW
    }

    assert not te_lang, te_lang


def test_no_branch_on_the_exercise_kind_outside_the_kinds_package():
    root = Path(settings.BASE_DIR)
    takken = [
        f"{path.relative_to(root)}:{nummer}"
        for path in _app_files()
        if KINDS_PACKAGE not in path.relative_to(root).parents
        for nummer, regel in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"(?<!for )\bsoort\s*(==|!=|in\b)", regel)
    ]

    assert not takken, takken


def test_the_view_check_counts_a_long_view(tmp_path):
    views = tmp_path / "views.py"
    views.write_text("def lang(request):\n" + "    x = 1\n" * 45 + "\n\ndef _hulp():\n    pass\n")

    assert dict(_views(views)) == {"lang": 46}
