"""The find-as-you-type box above a long list."""

from __future__ import annotations

from textual.widgets import Input


class FilterBox(Input):
    """An Input whose size never depends on its text.

    Textual's Input asks for a layout of the whole screen whenever its value
    changes; on a busy screen that pass costs more than the search itself. This
    box's size is fixed by its stylesheet, so a repaint is enough.
    """

    DEFAULT_CSS = "FilterBox { width: 1fr; height: 3; }"

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)
