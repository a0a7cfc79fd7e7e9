"""Keep the message catalogs in step with the code: `python -m tui.catalog`.

Extracts every _(), N_() and ngettext() string from store/ and tui/ into
locales/messages.pot, then updates each language's .po from it (new strings
arrive untranslated; English falls back to the message id).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
SOURCES = ("store", "tui")


def extract() -> Catalog:
    """Return a catalog of every translatable string in the code."""
    catalog = Catalog(project="coprod", version="0.1", copyright_holder="coprod", charset="utf-8")
    for folder in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords={"_": None, "N_": None, "ngettext": (1, 2)},
        ):
            catalog.add(message, locations=[(f"{folder}/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def write(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as handle:
        # Messages the code no longer uses are dropped: the history of the file keeps them.
        write_po(handle, catalog, width=100, sort_output=True, omit_header=False, include_lineno=False,
                 ignore_obsolete=True)


def main() -> int:
    template = extract()
    write(template, LOCALES / "messages.pot")
    for po_path in sorted(LOCALES.glob("*/LC_MESSAGES/messages.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name)
        catalog.update(template, no_fuzzy_matching=True)
        write(catalog, po_path)
    print(f"{len(template)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
