"""Fill locale/en/LC_MESSAGES/django.po from the dictionaries in part*.py.

Run after `manage.py makemessages -l en ...`:

    .venv/bin/python locale/tools/translate.py
    DJANGO_DEBUG=1 .venv/bin/python manage.py compilemessages --ignore=.venv

Every entry gets its English text from the dictionaries (key = the Dutch msgid; a tuple
(singular, plural) for plural entries), the fuzzy flag is cleared, and the script lists
msgids it has no translation for and translations whose placeholders differ from the msgid.
It exits with status 1 when anything is missing or wrong, so a new string cannot slip through.
"""

import importlib.util
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
PO_PATH = HERE.parent / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdif]|\{[a-z_]*\}")


def load_translations() -> dict:
    merged: dict = {}
    for path in sorted(HERE.glob("part*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for key, value in module.T.items():
            if key in merged and merged[key] != value:
                raise SystemExit(f"{path.name}: conflicting translation for {key!r}")
            merged[key] = value
    return merged


def add_unextracted(po: polib.POFile) -> None:
    """Put in the strings of unextracted.py, which makemessages cannot see (it skips locale/)."""
    spec = importlib.util.spec_from_file_location("unextracted", HERE / "unextracted.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for msgid in module.STRINGS:
        entry = po.find(msgid, include_obsolete_entries=True)
        if entry is not None and not entry.obsolete:
            continue
        if entry is not None:
            po.remove(entry)
        po.append(
            polib.POEntry(
                msgid=msgid,
                msgstr="",
                comment="Added by locale/tools/translate.py: translated at run time as _g(...), see unextracted.py",
                occurrences=[(path, "") for path in module.USED_IN],
                flags=["python-format"] if "%(" in msgid else [],
            )
        )


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def main() -> int:
    translations = load_translations()
    po = polib.pofile(str(PO_PATH), wrapwidth=79)
    po.header = "English translation of the Cocreatie interface.\nFilled from locale/tools/part*.py by locale/tools/translate.py: edit translations there."
    po.metadata["Project-Id-Version"] = "Cocreatie"
    po.metadata["PO-Revision-Date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    po.metadata["Language"] = "en"
    po.metadata["Language-Team"] = "English"
    po.metadata["Last-Translator"] = "Cocreatie"
    po.metadata_is_fuzzy = False
    add_unextracted(po)
    # Strings that left the code: drop them instead of keeping them as #~ comments.
    for entry in [e for e in po if e.obsolete]:
        po.remove(entry)
    missing, wrong, used = [], [], set()
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid) if entry.msgctxt else entry.msgid
        value = translations.get(key)
        if value is None:
            missing.append(entry.msgid)
            continue
        used.add(key)
        if entry.msgid_plural:
            if not isinstance(value, tuple) or len(value) != 2:
                wrong.append(f"plural entry needs (singular, plural): {entry.msgid!r}")
                continue
            entry.msgstr_plural = {0: value[0], 1: value[1]}
            pairs = [(entry.msgid, value[0]), (entry.msgid_plural, value[1])]
        else:
            if not isinstance(value, str):
                wrong.append(f"singular entry needs a string: {entry.msgid!r}")
                continue
            entry.msgstr = value
            pairs = [(entry.msgid, value)]
        for source, target in pairs:
            if placeholders(source) != placeholders(target):
                wrong.append(f"placeholders differ: {source!r} -> {target!r}")
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
    po.save(str(PO_PATH))
    unused = [k for k in translations if k not in used]
    for msgid in missing:
        print(f"MISSING: {msgid!r}")
    for line in wrong:
        print(f"WRONG: {line}")
    print(f"{len(po)} entries, {len(missing)} missing, {len(wrong)} wrong, {len(unused)} unused translations")
    return 1 if missing or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
